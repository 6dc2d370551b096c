package io.revattr.common.model;

import io.revattr.testsupport.WarehouseFixture;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The journeys the model tests credit by hand: one opportunity {@code o1} of account {@code a1},
 * its contact {@code c1}, and the milestones each shape pins (listed on each method; positions in
 * journey order). The lead-creation grace is the default 10 minutes.
 */
final class ModelFixtures {
  static final String OPPORTUNITY_CREATED = "2024-02-01T00:00:00Z";
  static final String CLOSED = "2024-03-01T00:00:00Z";

  private ModelFixtures() {}

  /** t1 alone holds FT, LC, OC, CW and LT. */
  static Dataset<Row> oneTouch() {
    return contact("2024-01-10T00:00:00Z")
        .contactTouch("t1", "2024-01-10T00:05:00Z", "c1", "paid_search")
        .opportunity("o1", "a1", OPPORTUNITY_CREATED, CLOSED, "won", 100)
        .journeys();
  }

  /** t1 (FT, LC, OC) and t2 (CW, LT), 36 days apart. */
  static Dataset<Row> twoTouches() {
    return contact("2024-01-10T00:00:00Z")
        .contactTouch("t1", "2024-01-05T00:00:00Z", "c1", "paid_search")
        .contactTouch("t2", "2024-02-10T00:00:00Z", "c1", "email")
        .opportunity("o1", "a1", OPPORTUNITY_CREATED, CLOSED, "won", 100)
        .journeys();
  }

  /**
   * Seven touches: t1 FT, t3 LC (the latest touch within 10 minutes of c1's creation), t5 OC (at
   * the opportunity's creation exactly), t7 CW and LT (for a closed stage); t3 and t4 are form
   * fills, t7 is on the direct channel.
   *
   * @param stage won, lost (both closed on {@link #CLOSED}) or open
   */
  static Dataset<Row> sevenTouches(String stage) {
    return contact("2024-01-10T00:00:00Z")
        .contactTouch("t1", "2024-01-02T00:00:00Z", "c1", "paid_search", "ad_click")
        .contactTouch("t2", "2024-01-05T00:00:00Z", "c1", "webinar", "webinar")
        .contactTouch("t3", "2024-01-10T00:05:00Z", "c1", "email", "form_fill")
        .contactTouch("t4", "2024-01-20T00:00:00Z", "c1", "events", "form_fill")
        .contactTouch("t5", OPPORTUNITY_CREATED, "c1", "paid_social", "web_visit")
        .contactTouch("t6", "2024-02-15T00:00:00Z", "c1", "sales_outreach", "meeting")
        .contactTouch("t7", "2024-02-20T00:00:00Z", "c1", "direct", "web_visit")
        .opportunity(
            "o1", "a1", OPPORTUNITY_CREATED, stage.equals("open") ? null : CLOSED, stage, 1000)
        .journeys();
  }

  /** t1 holds FT and LC, t2 OC, t3 CW and LT. */
  static Dataset<Row> firstTouchIsLeadCreation() {
    return contact("2024-01-10T00:00:00Z")
        .contactTouch("t1", "2024-01-10T00:05:00Z", "c1", "paid_search")
        .contactTouch("t2", OPPORTUNITY_CREATED, "c1", "webinar")
        .contactTouch("t3", "2024-02-20T00:00:00Z", "c1", "email")
        .opportunity("o1", "a1", OPPORTUNITY_CREATED, CLOSED, "won", 100)
        .journeys();
  }

  /** c1 was created before all its touches: no LC; t1 FT, t2 OC, t3 CW and LT. */
  static Dataset<Row> noLeadCreation() {
    return contact("2024-01-01T00:00:00Z")
        .contactTouch("t1", "2024-01-05T00:00:00Z", "c1", "paid_search")
        .contactTouch("t2", "2024-01-20T00:00:00Z", "c1", "webinar")
        .contactTouch("t3", "2024-02-10T00:00:00Z", "c1", "email")
        .opportunity("o1", "a1", OPPORTUNITY_CREATED, CLOSED, "won", 100)
        .journeys();
  }

  /** Every touch came after the opportunity's creation: no OC; t1 FT and LC, t3 CW and LT. */
  static Dataset<Row> noOpportunityCreation() {
    return contact("2024-03-01T00:00:00Z")
        .contactTouch("t1", "2024-03-01T00:05:00Z", "c1", "paid_search")
        .contactTouch("t2", "2024-03-10T00:00:00Z", "c1", "webinar")
        .contactTouch("t3", "2024-03-20T00:00:00Z", "c1", "email")
        .opportunity("o1", "a1", OPPORTUNITY_CREATED, "2024-04-01T00:00:00Z", "won", 100)
        .journeys();
  }

  /**
   * Two pairs of touches at the same instant, added out of order: journey order is ta, tb, tc, td
   * (occurred_at, then touch_id). ta FT; tb LC (the later of c1's two candidates) and OC; td CW and
   * LT.
   */
  static Dataset<Row> ties() {
    return contact("2024-01-05T00:00:00Z")
        .contactTouch("td", "2024-02-10T00:00:00Z", "c1", "email")
        .contactTouch("tb", "2024-01-05T00:00:00Z", "c1", "webinar")
        .contactTouch("tc", "2024-02-10T00:00:00Z", "c1", "events")
        .contactTouch("ta", "2024-01-05T00:00:00Z", "c1", "paid_search")
        .opportunity("o1", "a1", OPPORTUNITY_CREATED, CLOSED, "won", 100)
        .journeys();
  }

  /**
   * Lead creation after the opportunity's creation: c1 was created before all its touches (no LC of
   * its own), c2 only on 2024-02-15. t1 FT, t2 OC, t4 LC (c2's touch within 10 minutes of its
   * creation), t5 CW and LT; t1..t3 are c1's, t4 and t5 c2's.
   */
  static Dataset<Row> leadCreationAfterOpportunityCreation() {
    return contact("2024-01-01T00:00:00Z")
        .contact("c2", "a1", "2024-02-15T00:00:00Z")
        .contactTouch("t1", "2024-01-05T00:00:00Z", "c1", "paid_search")
        .contactTouch("t2", "2024-01-20T00:00:00Z", "c1", "webinar")
        .contactTouch("t3", "2024-02-10T00:00:00Z", "c1", "email")
        .contactTouch("t4", "2024-02-15T00:05:00Z", "c2", "events")
        .contactTouch("t5", "2024-02-20T00:00:00Z", "c2", "paid_social")
        .opportunity("o1", "a1", OPPORTUNITY_CREATED, CLOSED, "won", 100)
        .journeys();
  }

  /** A won opportunity of an account without any touch. */
  static Dataset<Row> noTouch() {
    return noTouch("won");
  }

  /**
   * An opportunity of an account without any touch, amount 100.
   *
   * @param stage won, lost (both closed on {@link #CLOSED}) or open
   */
  static Dataset<Row> noTouch(String stage) {
    return new WarehouseFixture()
        .opportunity(
            "o1", "a1", OPPORTUNITY_CREATED, stage.equals("open") ? null : CLOSED, stage, 100)
        .journeys();
  }

  private static WarehouseFixture contact(String createdAt) {
    return new WarehouseFixture().contact("c1", "a1", createdAt);
  }
}
