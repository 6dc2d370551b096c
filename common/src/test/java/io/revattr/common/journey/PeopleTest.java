package io.revattr.common.journey;

import static io.revattr.testsupport.DataFrameAssert.assertRows;
import static org.apache.spark.sql.functions.col;

import io.revattr.common.schema.InputTable;
import io.revattr.testsupport.Frames;
import io.revattr.testsupport.WarehouseFixture;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** People resolution: whose touch each touch is, its account, and the person's creation time. */
class PeopleTest {
  private static final String JAN_01 = "2024-01-01T00:00:00Z";

  @Test
  void resolvesEveryKindOfOwner() {
    WarehouseFixture w =
        new WarehouseFixture()
            .contact("c1", "a1", "2024-01-10T00:00:00Z")
            .lead("l1", JAN_01, "c1", "a1")
            .lead("l2", "2024-01-03T00:00:00Z", null, "a1")
            .lead("l3", "2024-01-04T00:00:00Z", null, null)
            // Two identifications of v1 disagree: the earliest (c1) wins.
            .identity("v1", null, "c1", "2024-02-01T00:00:00Z")
            .identity("v1", "l3", null, "2024-03-01T00:00:00Z")
            // v2 is identified as a lead that was converted: it is that lead's contact.
            .identity("v2", "l1", null, "2024-02-01T00:00:00Z")
            .touch("t1", JAN_01, null, "c1", null, null, "email", "email")
            .touch("t2", JAN_01, "l1", null, null, null, "email", "email")
            .touch("t3", JAN_01, "l2", null, null, null, "email", "email")
            .touch("t4", JAN_01, "l3", null, null, null, "email", "email")
            .touch("t5", JAN_01, null, null, "v1", "a9", "web", "web_visit")
            .touch("t6", JAN_01, null, null, "v3", "a1", "web", "web_visit")
            .touch("t7", JAN_01, null, null, null, "a1", "display", "ad_impression")
            .touch("t8", JAN_01, null, "c1", null, "a9", "email", "email")
            .touch("t9", JAN_01, null, null, "v2", null, "web", "web_visit");

    Dataset<Row> resolved =
        resolved(w)
            .select(
                col("touch_id"),
                col(JourneyColumns.PERSON_ID),
                col(JourneyColumns.TOUCH_ACCOUNT_ID),
                col(JourneyColumns.PERSON_CREATED_AT));

    // c1's creation is the earliest of the contact (Jan 10) and its converted lead l1 (Jan 1).
    Object c1Created = Frames.ts(JAN_01);
    assertRows(
        resolved,
        List.of(
            row("t1", "contact:c1", "a1", c1Created),
            row("t2", "contact:c1", "a1", c1Created),
            row("t3", "lead:l2", "a1", Frames.ts("2024-01-03T00:00:00Z")),
            row("t4", "lead:l3", null, Frames.ts("2024-01-04T00:00:00Z")),
            // The touch's own account a9 never overrides its person's.
            row("t5", "contact:c1", "a1", c1Created),
            // Never identified, but it carries an account: an account-level touch.
            row("t6", null, "a1", null),
            row("t7", null, "a1", null),
            row("t8", "contact:c1", "a1", c1Created),
            row("t9", "contact:c1", "a1", c1Created)));
  }

  @Test
  void theEarliestIdentificationWinsWhenItNamesALeadAndALaterOneAContact() {
    // v1 is identified first (Feb 1) as the unconverted lead l5, later (Mar 1) as contact c1: the
    // earliest names the person, so both of v1's touches, before and after, are l5's, in l5's
    // account a2 (not c1's a1). A rule that preferred a contact would give contact:c1.
    WarehouseFixture w =
        new WarehouseFixture()
            .contact("c1", "a1", JAN_01)
            .lead("l5", "2024-01-05T00:00:00Z", null, "a2")
            .identity("v1", null, "c1", "2024-03-01T00:00:00Z")
            .identity("v1", "l5", null, "2024-02-01T00:00:00Z")
            .touch("t1", "2024-01-20T00:00:00Z", null, null, "v1", null, "web", "web_visit")
            .touch("t2", "2024-03-15T00:00:00Z", null, null, "v1", null, "web", "web_visit");
    assertRows(owners(w), List.of(row("t1", "lead:l5", "a2"), row("t2", "lead:l5", "a2")));
  }

  @Test
  void aConvertedLeadsTouchesBeforeAndAfterItsConversionAreTheContacts() {
    // l1 was converted to c1 on Feb 1: its touch of Jan 15 (before) and of Feb 15 (after) are
    // both c1's, in c1's account a1.
    WarehouseFixture w =
        new WarehouseFixture()
            .contact("c1", "a1", "2024-02-01T00:00:00Z")
            .convertedLead("l1", "2024-01-10T00:00:00Z", "2024-02-01T00:00:00Z", "c1", "a1")
            .leadTouch("t1", "2024-01-15T00:00:00Z", "l1", "email")
            .leadTouch("t2", "2024-02-15T00:00:00Z", "l1", "webinar");
    assertRows(owners(w), List.of(row("t1", "contact:c1", "a1"), row("t2", "contact:c1", "a1")));
  }

  /** Each touch's person and account. */
  private static Dataset<Row> owners(WarehouseFixture w) {
    return resolved(w)
        .select(
            col("touch_id"), col(JourneyColumns.PERSON_ID), col(JourneyColumns.TOUCH_ACCOUNT_ID));
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  /** The warehouse's touches with their people resolved, with a 10-minute lead-creation grace. */
  private static Dataset<Row> resolved(WarehouseFixture w) {
    return People.resolveTouches(
        w.table(InputTable.TOUCHPOINTS),
        w.table(InputTable.LEADS),
        w.table(InputTable.CONTACTS),
        w.table(InputTable.IDENTITIES),
        Duration.ofMinutes(10));
  }
}
