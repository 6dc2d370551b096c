package io.revattr.common.report;

import static io.revattr.testsupport.DataFrameAssert.assertRows;
import static org.apache.spark.sql.functions.col;

import io.revattr.testsupport.Frames;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every number below is computed by hand from {@link ReportFixtures}. */
class AttributionSummaryTest {
  private static final List<String> MODELS = List.of("ft", "lin");
  private static final LocalDate AS_OF = LocalDate.parse("2024-12-31");
  private static Dataset<Row> summary;

  @BeforeAll
  static void summarise() {
    summary =
        AttributionSummary.of(
                ReportFixtures.credits(),
                ReportFixtures.spend(),
                MODELS,
                AS_OF,
                ReportingCurrency.none())
            .cache();
  }

  @Test
  void creditsRevenuePipelineAndOpportunitiesPerChannel() {
    // attributed opportunities = sum of credit; influenced = distinct opportunities touched.
    assertRows(
        dimension("channel")
            .select(
                "model",
                "value",
                "currency",
                "attributed_revenue",
                "attributed_pipeline",
                "attributed_opportunities",
                "attributed_won_opportunities",
                "influenced_opportunities",
                "touches"),
        List.of(
            List.of("ft", "paid_search", "USD", 100.0, 300.0, 2.0, 1.0, 2L, 2L),
            List.of("ft", "email", "USD", 0.0, 400.0, 1.0, 0.0, 1L, 1L),
            List.of("ft", "sales", "USD", 0.0, 0.0, 0.0, 0.0, 0L, 0L),
            List.of("ft", "display", "USD", 0.0, 0.0, 0.0, 0.0, 0L, 0L),
            List.of("ft", "(unattributed)", "USD", 50.0, 50.0, 1.0, 1.0, 1L, 0L),
            List.of("lin", "paid_search", "USD", 50.0, 250.0, 1.5, 0.5, 2L, 2L),
            List.of("lin", "email", "USD", 0.0, 200.0, 0.5, 0.0, 1L, 1L),
            List.of("lin", "sales", "USD", 50.0, 250.0, 1.0, 0.5, 2L, 2L),
            List.of("lin", "display", "USD", 0.0, 0.0, 0.0, 0.0, 0L, 0L),
            List.of("lin", "(unattributed)", "USD", 50.0, 50.0, 1.0, 1.0, 1L, 0L)));
  }

  @Test
  void sharesAndRanksWithinEachModel() {
    // ft revenue total 150, pipeline total 750; lin revenue 150, pipeline 750.
    // Ranks by revenue then pipeline, ties share a rank.
    assertRows(
        dimension("channel")
            .select("model", "value", "revenue_share", "pipeline_share", "revenue_rank"),
        List.of(
            List.of("ft", "paid_search", 100 / 150.0, 300 / 750.0, 1),
            List.of("ft", "(unattributed)", 50 / 150.0, 50 / 750.0, 2),
            List.of("ft", "email", 0.0, 400 / 750.0, 3),
            List.of("ft", "sales", 0.0, 0.0, 4),
            List.of("ft", "display", 0.0, 0.0, 4),
            List.of("lin", "paid_search", 50 / 150.0, 250 / 750.0, 1),
            List.of("lin", "sales", 50 / 150.0, 250 / 750.0, 1),
            List.of("lin", "(unattributed)", 50 / 150.0, 50 / 750.0, 3),
            List.of("lin", "email", 0.0, 200 / 750.0, 4),
            List.of("lin", "display", 0.0, 0.0, 5)));
  }

  @Test
  void spendJoinsByMonthAndChannelWithinThePeriod() {
    // Period 2024-01 (earliest credited touch) .. 2024-12 (as-of): paid_search 30 + 20 = 50;
    // 2023-12 and 2025-01 are outside. Email spent 0: ROAS null. Sales has no spend row: 0.
    // Cost per won opportunity = spend / attributed won opportunities.
    assertRows(
        dimension("channel")
            .select(
                "model",
                "value",
                "spend",
                "spend_period_start",
                "spend_period_end",
                "roas",
                "cost_per_won_opportunity"),
        Arrays.asList(
            Arrays.asList("ft", "paid_search", 50.0, "2024-01", "2024-12", 2.0, 50.0),
            Arrays.asList("ft", "email", 0.0, "2024-01", "2024-12", null, null),
            Arrays.asList("ft", "sales", 0.0, "2024-01", "2024-12", null, null),
            Arrays.asList("ft", "display", 10.0, "2024-01", "2024-12", 0.0, null),
            Arrays.asList("ft", "(unattributed)", null, "2024-01", "2024-12", null, null),
            Arrays.asList("lin", "paid_search", 50.0, "2024-01", "2024-12", 1.0, 100.0),
            Arrays.asList("lin", "email", 0.0, "2024-01", "2024-12", null, null),
            Arrays.asList("lin", "sales", 0.0, "2024-01", "2024-12", null, 0.0),
            Arrays.asList("lin", "display", 10.0, "2024-01", "2024-12", 0.0, null),
            Arrays.asList("lin", "(unattributed)", null, "2024-01", "2024-12", null, null)));
  }

  @Test
  void spendJoinsByMonthAndCampaign() {
    assertRows(
        dimension("campaign")
            .filter(col("model").equalTo("ft"))
            .select("value", "attributed_revenue", "spend", "roas"),
        Arrays.asList(
            Arrays.asList("CMP-A", 100.0, 30.0, 100 / 30.0),
            Arrays.asList("CMP-B", 0.0, 20.0, 0.0),
            Arrays.asList("CMP-C", 0.0, 0.0, null),
            Arrays.asList("CMP-D", 0.0, 10.0, 0.0),
            Arrays.asList("(none)", 0.0, 0.0, null),
            Arrays.asList("(unattributed)", 50.0, null, null)));
  }

  @Test
  void marketingVersusSalesIsATeamView() {
    // lin: marketing t1 (o1 half), t3 (o2 whole), t4 (o3 half); sales t2 (o1 half), t5 (o3 half).
    // Spend is not broken down by team: null.
    assertRows(
        dimension("team")
            .filter(col("model").equalTo("lin"))
            .select("value", "attributed_revenue", "attributed_pipeline", "revenue_share", "spend"),
        Arrays.asList(
            Arrays.asList("marketing", 50.0, 450.0, 50 / 150.0, null),
            Arrays.asList("sales", 50.0, 250.0, 50 / 150.0, null),
            Arrays.asList("(unattributed)", 50.0, 50.0, 50 / 150.0, null)));
  }

  @Test
  void daysFromTouchToCloseOverWonOpportunities() {
    // paid_search: only t1 of won o1 counts (60 days: 2024-01-01 to 2024-03-01); t3's o2 was lost.
    // lin sales: t2 of o1 (10 days); t5's o3 is open.
    assertRows(
        dimension("channel")
            .filter(col("value").isin("paid_search", "sales", "email"))
            .select("model", "value", "mean_days_to_close", "median_days_to_close"),
        Arrays.asList(
            Arrays.asList("ft", "paid_search", 60.0, 60.0),
            Arrays.asList("ft", "sales", null, null),
            Arrays.asList("ft", "email", null, null),
            Arrays.asList("lin", "paid_search", 60.0, 60.0),
            Arrays.asList("lin", "sales", 10.0, 10.0),
            Arrays.asList("lin", "email", null, null)));
  }

  @Test
  void withoutSpendDataSpendAndRoasAreNull() {
    Dataset<Row> noSpend =
        AttributionSummary.of(
            ReportFixtures.credits(),
            ReportFixtures.noSpend(),
            MODELS,
            AS_OF,
            ReportingCurrency.none());
    assertRows(
        noSpend
            .filter(col("model").equalTo("ft").and(col("dimension").equalTo("channel")))
            .select("value", "spend", "roas", "cost_per_won_opportunity"),
        Arrays.asList(
            Arrays.asList("paid_search", null, null, null),
            Arrays.asList("email", null, null, null),
            Arrays.asList("sales", null, null, null),
            Arrays.asList("(unattributed)", null, null, null)));
  }

  @Test
  void aTouchCreditedOnTwoOpportunitiesCountsOnceAndEachOpportunityCountsOnce() {
    // Account a1's touch t1 (paid_search, CMP-A) is credited on both its won opportunities o1 and
    // o2, t2 (paid_search, CMP-B) on o1 only. Days to close: t1 30 (o1) and 50 (o2), t2 10 (o1).
    Dataset<Row> shared =
        AttributionSummary.of(
            Frames.of(
                ReportFixtures.CREDITS,
                wonCredit("o1", "t1", "CMP-A", 0.5, 30.0),
                wonCredit("o1", "t2", "CMP-B", 0.5, 10.0),
                wonCredit("o2", "t1", "CMP-A", 1.0, 50.0)),
            ReportFixtures.noSpend(),
            List.of("lin"),
            AS_OF,
            ReportingCurrency.none());
    assertRows(
        shared.select(
            "dimension",
            "value",
            "attributed_opportunities",
            "influenced_opportunities",
            "touches",
            "mean_days_to_close",
            "median_days_to_close"),
        List.of(
            List.of("channel", "paid_search", 2.0, 2L, 2L, 30.0, 30.0),
            List.of("campaign", "CMP-A", 1.5, 2L, 1L, 40.0, 40.0),
            List.of("campaign", "CMP-B", 0.5, 1L, 1L, 10.0, 10.0),
            List.of("touch_type", "ad_click", 2.0, 2L, 2L, 30.0, 30.0),
            List.of("team", "marketing", 2.0, 2L, 2L, 30.0, 30.0)));
  }

  @Test
  void revenueEqualInExactArithmeticSharesARankWhateverTheOrderOfAddition() {
    // email earns 0.1 + 0.2 (0.30000000000000004 in floating point), web 0.3, with the same
    // pipeline: a tie on both keys, so both rank 1.
    Dataset<Row> tied =
        AttributionSummary.of(
            Frames.of(
                ReportFixtures.CREDITS,
                channelCredit("o1", "t1", "email", 0.1),
                channelCredit("o2", "t2", "email", 0.2),
                channelCredit("o3", "t3", "web", 0.3)),
            ReportFixtures.noSpend(),
            List.of("lin"),
            AS_OF,
            ReportingCurrency.none());
    assertRows(
        tied.filter(col("dimension").equalTo("channel")).select("value", "revenue_rank"),
        List.of(List.of("email", 1), List.of("web", 1)));
  }

  private static Object[] channelCredit(
      String opportunity, String touch, String channel, double credit) {
    return ReportFixtures.credit(
        "lin",
        opportunity,
        touch,
        "2024-01-01T00:00:00Z",
        channel,
        "CMP-A",
        "ad_click",
        "marketing",
        "won",
        "USD",
        credit,
        1,
        10.0);
  }

  private static Object[] wonCredit(
      String opportunity, String touch, String campaign, double credit, double daysToClose) {
    return ReportFixtures.credit(
        "lin",
        opportunity,
        touch,
        "2024-01-01T00:00:00Z",
        "paid_search",
        campaign,
        "ad_click",
        "marketing",
        "won",
        "USD",
        credit,
        100,
        daysToClose);
  }

  private static Dataset<Row> dimension(String name) {
    return summary.filter(col("dimension").equalTo(name));
  }
}
