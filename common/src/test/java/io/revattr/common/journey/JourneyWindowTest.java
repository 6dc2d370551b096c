package io.revattr.common.journey;

import static io.revattr.testsupport.DataFrameAssert.assertRows;
import static org.apache.spark.sql.functions.col;

import io.revattr.common.config.ConfigLoader;
import io.revattr.common.config.RevattrConfig.JourneyConfig;
import io.revattr.common.config.RevattrConfig.Mapping;
import io.revattr.common.model.Credits;
import io.revattr.common.model.ModelCatalog;
import io.revattr.common.model.PositionModel;
import io.revattr.testsupport.WarehouseFixture;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The journey window (DESIGN.md section 3): touches up to the close, and with {@code
 * journey.lookback_days} from the opportunity's creation minus that many days, bounds included.
 */
class JourneyWindowTest {
  /** Touch, position, first touch, lead creation: e1 to e5, without e6 (after the close). */
  private static final List<List<Object>> EVERY_TOUCH_UP_TO_THE_CLOSE =
      List.of(
          List.of("e1", 1, true, true),
          List.of("e2", 2, false, false),
          List.of("e3", 3, false, false),
          List.of("e4", 4, false, false),
          List.of("e5", 5, false, false));

  /**
   * c1 created 2024-01-01; o1 created 2024-03-01 (30 days later is 2024-01-31: 2024 is a leap
   * year), won and closed 2024-04-01. e1 is c1's lead-creation touch; e6 comes after the close.
   */
  private static Dataset<Row> journeys(OptionalInt lookbackDays) {
    return new WarehouseFixture()
        .contact("c1", "a1", "2024-01-01T00:00:00Z")
        .contactTouch("e1", "2024-01-01T00:05:00Z", "c1", "paid_search")
        .contactTouch("e2", "2024-01-30T23:59:59Z", "c1", "webinar")
        .contactTouch("e3", "2024-01-31T00:00:00Z", "c1", "email")
        .contactTouch("e4", "2024-02-15T00:00:00Z", "c1", "events")
        .contactTouch("e5", "2024-04-01T00:00:00Z", "c1", "direct")
        .contactTouch("e6", "2024-04-01T00:00:01Z", "c1", "direct")
        .opportunity("o1", "a1", "2024-03-01T00:00:00Z", "2024-04-01T00:00:00Z", "won", 100)
        .journeys(new JourneyConfig(Mapping.ACCOUNT, lookbackDays, Duration.ofMinutes(10)));
  }

  @Test
  void withoutLookbackEveryTouchUpToTheCloseCounts() {
    assertRows(milestones(journeys(OptionalInt.empty())), EVERY_TOUCH_UP_TO_THE_CLOSE);
  }

  @Test
  void theLongestLookbackTheConfigAllowsKeepsEveryTouch() {
    assertRows(
        milestones(journeys(OptionalInt.of(ConfigLoader.MAX_LOOKBACK_DAYS))),
        EVERY_TOUCH_UP_TO_THE_CLOSE);
  }

  @Test
  void lookbackDropsEarlierTouchesAndTheLeadCreationTouchHasNoFallback() {
    // 30 days before 2024-03-01 is 2024-01-31T00:00: e3 counts, e2 (one second earlier) does not.
    Dataset<Row> journeys = journeys(OptionalInt.of(30));
    assertRows(
        milestones(journeys),
        List.of(
            List.of("e3", 1, true, false),
            List.of("e4", 2, false, false),
            List.of("e5", 3, false, false)));
    // c1's lead-creation touch e1 is outside the window, so no LC: lead_creation is unattributed,
    // first_touch credits e3.
    List<PositionModel> models =
        ModelCatalog.POSITION_MODELS.stream()
            .filter(m -> m.name().equals("first_touch") || m.name().equals("lead_creation"))
            .toList();
    Dataset<Row> credits =
        Credits.allocate(journeys, List.copyOf(models))
            .select(col("model"), col("touch_id"), col("channel"), col("credit"));
    assertRows(
        credits,
        List.of(
            List.of("first_touch", "e3", "email", 1.0),
            java.util.Arrays.asList("lead_creation", null, Credits.UNATTRIBUTED, 1.0)));
  }

  @Test
  void anOpenOpportunitysWindowEndsWithTheLastMicrosecondOfTheAsOfDay() {
    // As of 2024-12-31, the day ends at 2024-12-31T23:59:59.999999Z (UTC, microseconds): t1 at
    // that instant counts for the open o1, t2 at 2025-01-01T00:00:00Z does not.
    Dataset<Row> journeys =
        new WarehouseFixture()
            .contact("c1", "a1", "2023-01-01T00:00:00Z")
            .contactTouch("t1", "2024-12-31T23:59:59.999999Z", "c1", "email")
            .contactTouch("t2", "2025-01-01T00:00:00Z", "c1", "email")
            .opportunity("o1", "a1", "2024-06-01T00:00:00Z", null, "open", 100)
            .journeys();
    assertRows(milestones(journeys), List.of(List.of("t1", 1, true, false)));
  }

  private static Dataset<Row> milestones(Dataset<Row> journeys) {
    return journeys.select(
        col("touch_id"),
        col(JourneyColumns.POSITION),
        col(JourneyColumns.IS_FIRST_TOUCH),
        col(JourneyColumns.IS_LEAD_CREATION));
  }
}
