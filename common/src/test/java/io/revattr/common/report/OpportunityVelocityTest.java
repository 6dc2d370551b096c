package io.revattr.common.report;

import static io.revattr.testsupport.DataFrameAssert.assertRows;
import static org.apache.spark.sql.functions.col;

import io.revattr.testsupport.WarehouseFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpportunityVelocityTest {
  private static Dataset<Row> velocity;

  @BeforeAll
  static void build() {
    // c1 is created on 2024-01-10: t1 is the first touch, t2 (5 minutes later, inside the grace)
    // the
    // lead-creation touch. o1 closes won; o2 is open; o3 (account a2) has no touch at all.
    Dataset<Row> journeys =
        new WarehouseFixture()
            .contact("c1", "a1", "2024-01-10T00:00:00Z")
            .contactTouch("t1", "2024-01-05T00:00:00Z", "c1", "paid_search")
            .contactTouch("t2", "2024-01-10T00:05:00Z", "c1", "webinar")
            .contactTouch("t3", "2024-02-01T00:00:00Z", "c1", "email")
            .opportunity("o1", "a1", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z", "won", 100)
            .opportunity("o2", "a1", "2024-06-01T00:00:00Z", null, "open", 300)
            .opportunity("o3", "a2", "2024-04-01T00:00:00Z", "2024-05-01T00:00:00Z", "lost", 50)
            .journeys();
    velocity = OpportunityVelocity.perOpportunity(journeys, ReportingCurrency.none()).cache();
  }

  @Test
  void daysFromEachMilestoneToCloseOrAsOf() {
    assertRows(
        velocity.select(
            "opportunity_id",
            "stage",
            "is_closed",
            "amount",
            "first_touch_channel",
            "journey_length",
            "days_from_first_touch",
            "days_from_lead_creation",
            "days_from_opportunity_creation"),
        Arrays.asList(
            Arrays.asList(
                "o1",
                "won",
                true,
                100.0,
                "paid_search",
                3L,
                days("2024-01-05T00:00:00Z", "2024-03-01T00:00:00Z"),
                days("2024-01-10T00:05:00Z", "2024-03-01T00:00:00Z"),
                days("2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z")),
            // Open: measured to the end of the as-of day; all three touches are in its window.
            Arrays.asList(
                "o2",
                "open",
                false,
                300.0,
                "paid_search",
                3L,
                days("2024-01-05T00:00:00Z", WarehouseFixture.AS_OF_END.toString()),
                days("2024-01-10T00:05:00Z", WarehouseFixture.AS_OF_END.toString()),
                days("2024-06-01T00:00:00Z", WarehouseFixture.AS_OF_END.toString())),
            Arrays.asList(
                "o3",
                "lost",
                true,
                50.0,
                null,
                0L,
                null,
                null,
                days("2024-04-01T00:00:00Z", "2024-05-01T00:00:00Z"))));
  }

  @Test
  void aggregatesPerFirstTouchChannelAndStage() {
    Dataset<Row> byChannel = OpportunityVelocity.byFirstTouchChannel(velocity);
    assertRows(
        byChannel
            .filter(col("stage").notEqual("open"))
            .select(
                "first_touch_channel",
                "stage",
                "opportunities",
                "amount",
                "mean_days_from_first_touch",
                "median_days_from_opportunity_creation"),
        Arrays.asList(
            Arrays.asList("paid_search", "won", 1L, 100.0, 56.0, 29.0),
            Arrays.asList("(no touch)", "lost", 1L, 50.0, null, 30.0)));
  }

  @Test
  void theMedianIsTheMiddleDealsDaysNotTheMean() {
    // Accounts a1..a5, each with one contact touched once by email (their first touch), and one
    // deal each: three won, 10, 20 and 60 days from creation to close (median 20, mean 30), and
    // two lost, 10 and 40 days (an even count: the median is the middle two's mean, 25).
    WarehouseFixture warehouse = new WarehouseFixture();
    String[][] deals = {
      {"a1", "won", "2024-03-11T00:00:00Z"},
      {"a2", "won", "2024-03-21T00:00:00Z"},
      {"a3", "won", "2024-04-30T00:00:00Z"},
      {"a4", "lost", "2024-03-11T00:00:00Z"},
      {"a5", "lost", "2024-04-10T00:00:00Z"}
    };
    for (String[] deal : deals) {
      String account = deal[0];
      warehouse
          .contact("c-" + account, account, "2024-01-10T00:00:00Z")
          .contactTouch("t-" + account, "2024-01-05T00:00:00Z", "c-" + account, "email")
          .opportunity("o-" + account, account, "2024-03-01T00:00:00Z", deal[2], deal[1], 10);
    }
    Dataset<Row> byChannel =
        OpportunityVelocity.byFirstTouchChannel(
            OpportunityVelocity.perOpportunity(warehouse.journeys(), ReportingCurrency.none()));
    assertRows(
        byChannel.select(
            "first_touch_channel",
            "stage",
            "opportunities",
            "mean_days_from_opportunity_creation",
            "median_days_from_opportunity_creation"),
        Arrays.asList(
            Arrays.asList("email", "won", 3L, 30.0, 20.0),
            Arrays.asList("email", "lost", 2L, 25.0, 25.0)));
  }

  /** Days between two instants, computed with java.time (independently of Spark). */
  private static double days(String from, String to) {
    return Duration.between(Instant.parse(from), Instant.parse(to)).toNanos() / 86_400e9;
  }
}
