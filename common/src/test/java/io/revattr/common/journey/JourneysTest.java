package io.revattr.common.journey;

import static io.revattr.testsupport.DataFrameAssert.assertRows;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.common.config.RevattrConfig.JourneyConfig;
import io.revattr.common.config.RevattrConfig.Mapping;
import io.revattr.testsupport.WarehouseFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Journeys and their milestones under the account mapping (DESIGN.md section 3). */
class JourneysTest {
  private static final String[] MILESTONE_VIEW = {
    "touch_id",
    JourneyColumns.POSITION,
    JourneyColumns.JOURNEY_LENGTH,
    JourneyColumns.IS_FIRST_TOUCH,
    JourneyColumns.IS_LEAD_CREATION,
    JourneyColumns.IS_OPPORTUNITY_CREATION,
    JourneyColumns.IS_OPPORTUNITY_CLOSE,
    JourneyColumns.IS_LAST_TOUCH
  };

  @Test
  void marksMilestonesAtTheirBoundaries() {
    // c1 is created at 00:00 on Jan 10, so its lead-creation grace ends at 00:10:00 inclusive.
    Dataset<Row> journeys = boundaries().journeys();

    // tB at exactly created + 10 min is the latest touch within the grace: LC. tC, one second
    // later, is not. tD at exactly the opportunity's creation is OC. tE at exactly the close is
    // in the window, CW and LT; tF after the close is not in the journey.
    assertRows(
        milestones(journeys),
        List.of(
            row("tA", 1, 5L, true, false, false, false, false),
            row("tB", 2, 5L, false, true, false, false, false),
            row("tC", 3, 5L, false, false, false, false, false),
            row("tD", 4, 5L, false, false, true, false, false),
            row("tE", 5, 5L, false, false, false, true, true)));
  }

  @Test
  void theLeadCreationGraceIsTheConfigs() {
    // A grace of 10:01 takes in tC at 00:10:01, which is then the latest touch within it: LC.
    Dataset<Row> journeys =
        boundaries()
            .journeys(
                new JourneyConfig(Mapping.ACCOUNT, OptionalInt.empty(), Duration.ofSeconds(601)));
    assertRows(
        milestones(journeys),
        List.of(
            row("tA", 1, 5L, true, false, false, false, false),
            row("tB", 2, 5L, false, false, false, false, false),
            row("tC", 3, 5L, false, true, false, false, false),
            row("tD", 4, 5L, false, false, true, false, false),
            row("tE", 5, 5L, false, false, false, true, true)));
  }

  /** One contact's touches at the milestones' boundaries, and its account's won opportunity. */
  private static WarehouseFixture boundaries() {
    return new WarehouseFixture()
        .contact("c1", "a1", "2024-01-10T00:00:00Z")
        .contactTouch("tA", "2024-01-05T00:00:00Z", "c1", "paid_search")
        .contactTouch("tB", "2024-01-10T00:10:00Z", "c1", "webinar")
        .contactTouch("tC", "2024-01-10T00:10:01Z", "c1", "email")
        .contactTouch("tD", "2024-01-20T00:00:00Z", "c1", "email")
        .contactTouch("tE", "2024-02-01T00:00:00Z", "c1", "sales_outreach")
        .contactTouch("tF", "2024-02-01T00:00:01Z", "c1", "email")
        .opportunity("o1", "a1", "2024-01-20T00:00:00Z", "2024-02-01T00:00:00Z", "won", 100);
  }

  @Test
  void aTieInsideTheLeadCreationGraceGoesToTheLatestTouchIdAsText() {
    // c1 is created at 00:00 on Jan 10 (grace to 00:10:00). t9 and t10 at 00:05 are both the
    // latest touches within the grace; journey order puts t10 before t9 (touch_id as text), so the
    // latest, the LC, is t9 (compared as numbers, 10 > 9 would make it t10). t8 at 00:10:01 is
    // outside the grace; it is the last touch before the opportunity's creation (OC), and CW, LT.
    List<List<String>> arrivals = List.of(List.of("t9", "t10"), List.of("t10", "t9"));
    for (List<String> arrival : arrivals) {
      WarehouseFixture warehouse =
          new WarehouseFixture().contact("c1", "a1", "2024-01-10T00:00:00Z");
      arrival.forEach(t -> warehouse.contactTouch(t, "2024-01-10T00:05:00Z", "c1", "email"));
      Dataset<Row> journeys =
          warehouse
              .contactTouch("t8", "2024-01-10T00:10:01Z", "c1", "webinar")
              .opportunity("o1", "a1", "2024-01-20T00:00:00Z", "2024-02-01T00:00:00Z", "won", 10)
              .journeys();
      assertRows(
          milestones(journeys),
          List.of(
              row("t10", 1, 3L, true, false, false, false, false),
              row("t9", 2, 3L, false, true, false, false, false),
              row("t8", 3, 3L, false, false, true, true, true)));
    }
  }

  @Test
  void ordersTiesByTouchIdAsText() {
    // Same occurred_at: "t10" sorts before "t9" as text.
    Dataset<Row> journeys =
        new WarehouseFixture()
            .contact("c1", "a1", "2023-01-01T00:00:00Z")
            .contactTouch("t9", "2024-01-05T00:00:00Z", "c1", "email")
            .contactTouch("t10", "2024-01-05T00:00:00Z", "c1", "display")
            .opportunity("o1", "a1", "2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z", "lost", 10)
            .journeys();
    // Both touches came after creation: no OC. No touch within c1's grace: no LC.
    assertRows(
        milestones(journeys),
        List.of(
            row("t10", 1, 2L, true, false, false, false, false),
            row("t9", 2, 2L, false, false, false, true, true)));
  }

  @Test
  void ordersTiesByTouchIdWhateverOrderTheRowsArriveIn() {
    // Nine touches at one instant, in two scrambled orders (the second the first reversed): the
    // journey is t1 to t9 either way, t1 first, t9 closing.
    List<List<String>> arrivals =
        List.of(
            List.of("t7", "t3", "t9", "t1", "t5", "t8", "t2", "t6", "t4"),
            List.of("t4", "t6", "t2", "t8", "t5", "t1", "t9", "t3", "t7"));
    for (List<String> arrival : arrivals) {
      WarehouseFixture warehouse =
          new WarehouseFixture().contact("c1", "a1", "2023-01-01T00:00:00Z");
      arrival.forEach(t -> warehouse.contactTouch(t, "2024-01-05T00:00:00Z", "c1", "email"));
      Dataset<Row> journeys =
          warehouse
              .opportunity("o1", "a1", "2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z", "lost", 10)
              .journeys();
      List<List<Object>> expected = new ArrayList<>();
      for (int position = 1; position <= 9; position++) {
        expected.add(
            row(
                "t" + position,
                position,
                9L,
                position == 1,
                false,
                false,
                position == 9,
                position == 9));
      }
      assertRows(milestones(journeys), expected);
    }
  }

  @Test
  void leadCreationOutsideTheJourneyIsNotReplaced() {
    // c2's LC touch (Mar 1, at its creation) comes after o2 closed (Feb 20), so o2 has no LC even
    // though c2 has an earlier touch in the journey: no fallback.
    Dataset<Row> journeys =
        new WarehouseFixture()
            .contact("c2", "a2", "2024-03-01T00:00:00Z")
            .contactTouch("t1", "2024-02-10T00:00:00Z", "c2", "email")
            .contactTouch("t2", "2024-03-01T00:05:00Z", "c2", "webinar")
            .opportunity("o2", "a2", "2024-02-01T00:00:00Z", "2024-02-20T00:00:00Z", "won", 10)
            .journeys();
    assertRows(milestones(journeys), List.of(row("t1", 1, 1L, true, false, false, true, true)));
  }

  @Test
  void openOpportunityEndsWithTheAsOfDayAndHasNoClose() {
    Dataset<Row> journeys =
        new WarehouseFixture()
            .contact("c3", "a3", "2023-01-01T00:00:00Z")
            .contactTouch("t1", "2024-02-01T00:00:00Z", "c3", "email")
            .contactTouch("t2", "2024-12-31T23:59:59Z", "c3", "email")
            .contactTouch("t3", "2025-01-01T00:00:00Z", "c3", "email")
            .opportunity("o3", "a3", "2024-01-01T00:00:00Z", null, "open", 10)
            .journeys();
    assertRows(
        milestones(journeys),
        List.of(
            row("t1", 1, 2L, true, false, false, false, false),
            row("t2", 2, 2L, false, false, false, false, true)));
    assertThat(journeys.select(JourneyColumns.JOURNEY_END).first().getTimestamp(0).toInstant())
        .isEqualTo(WarehouseFixture.AS_OF_END);
  }

  @Test
  void journeyRowsCarryTheDocumentedColumnsOnly() {
    // The touch's own ids and the people rules' intermediates are not journey columns: every row
    // of every stored journey would carry them to readers that never look at them.
    Dataset<Row> journeys =
        new WarehouseFixture()
            .contact("c1", "a1", "2023-01-01T00:00:00Z")
            .contactTouch("t1", "2024-02-01T00:00:00Z", "c1", "email")
            .opportunity("o1", "a1", "2024-01-01T00:00:00Z", "2024-03-01T00:00:00Z", "won", 10)
            .journeys();
    assertThat(journeys.columns())
        .containsExactlyInAnyOrder(
            "opportunity_id",
            JourneyColumns.OPPORTUNITY_ACCOUNT_ID,
            JourneyColumns.OPPORTUNITY_CREATED_AT,
            JourneyColumns.OPPORTUNITY_CLOSED_AT,
            JourneyColumns.STAGE,
            JourneyColumns.AMOUNT,
            JourneyColumns.CURRENCY,
            JourneyColumns.JOURNEY_END,
            "touch_id",
            "occurred_at",
            "channel",
            "campaign_id",
            "touch_type",
            "team",
            "content",
            JourneyColumns.PERSON_ID,
            JourneyColumns.POSITION,
            JourneyColumns.JOURNEY_LENGTH,
            JourneyColumns.LAST_TOUCH_AT,
            JourneyColumns.LEAD_CREATION_POSITION,
            JourneyColumns.OPPORTUNITY_CREATION_POSITION,
            JourneyColumns.IS_FIRST_TOUCH,
            JourneyColumns.IS_LEAD_CREATION,
            JourneyColumns.IS_OPPORTUNITY_CREATION,
            JourneyColumns.IS_OPPORTUNITY_CLOSE,
            JourneyColumns.IS_LAST_TOUCH);
  }

  @Test
  void opportunityWithoutTouchesKeepsOneEmptyRow() {
    Dataset<Row> journeys =
        new WarehouseFixture()
            .contact("c1", "a1", "2023-01-01T00:00:00Z")
            .contactTouch("t1", "2024-02-01T00:00:00Z", "c1", "email")
            .opportunity("o4", "a4", "2024-01-01T00:00:00Z", "2024-03-01T00:00:00Z", "won", 10)
            .journeys();
    assertRows(
        journeys.select(col("opportunity_id"), col("touch_id"), col(JourneyColumns.JOURNEY_LENGTH)),
        List.of(row("o4", null, 0L)));
  }

  @Test
  void accountLevelAndConvertedLeadTouchesJoinTheAccountsJourney() {
    Dataset<Row> journeys =
        new WarehouseFixture()
            .contact("c1", "a1", "2024-01-10T00:00:00Z")
            .lead("l1", "2024-01-02T00:00:00Z", "c1", "a1")
            .lead("l2", "2024-01-03T00:00:00Z", null, "a1")
            .lead("l3", "2024-01-03T00:00:00Z", null, null)
            .touch("t1", "2024-01-02T00:00:00Z", "l1", null, null, null, "paid_search", "form_fill")
            .touch("t2", "2024-01-03T00:00:00Z", "l2", null, null, null, "webinar", "webinar")
            .touch("t3", "2024-01-04T00:00:00Z", "l3", null, null, null, "email", "email")
            .accountTouch("t4", "2024-01-05T00:00:00Z", "a1", "display")
            .opportunity("o1", "a1", "2024-01-20T00:00:00Z", "2024-02-01T00:00:00Z", "won", 100)
            .journeys();
    // l1 is c1 (created Jan 2 through its lead): t1 is c1's LC. l2 converted to the account
    // counts, and t2 at its creation is l2's LC; the earliest LC of the journey is t1. The never
    // converted lead l3 belongs to no account and is not in the journey.
    assertRows(
        milestones(journeys),
        List.of(
            row("t1", 1, 3L, true, true, false, false, false),
            row("t2", 2, 3L, false, false, false, false, false),
            row("t4", 3, 3L, false, false, true, true, true)));
  }

  @Test
  void aTouchsOwnAccountDoesNotApplyWhenItsPersonHasNone() {
    // l3 was never converted and has no converted_account_id, so its person has no account. Its
    // touch t2 carries account_id a1, but a touch's own account never stands in for its person's:
    // t2 is in no account's journey, and o1 (account a1) has c1's t1 only.
    Dataset<Row> journeys =
        new WarehouseFixture()
            .contact("c1", "a1", "2023-01-01T00:00:00Z")
            .lead("l3", "2024-01-03T00:00:00Z", null, null)
            .contactTouch("t1", "2024-01-05T00:00:00Z", "c1", "email")
            .touch("t2", "2024-01-06T00:00:00Z", "l3", null, null, "a1", "webinar", "webinar")
            .opportunity("o1", "a1", "2024-01-20T00:00:00Z", "2024-02-01T00:00:00Z", "won", 100)
            .journeys();
    assertRows(
        journeys.select(col("opportunity_id"), col("touch_id"), col(JourneyColumns.POSITION)),
        List.of(row("o1", "t1", 1)));
  }

  private static Dataset<Row> milestones(Dataset<Row> journeys) {
    return journeys.selectExpr(MILESTONE_VIEW);
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }
}
