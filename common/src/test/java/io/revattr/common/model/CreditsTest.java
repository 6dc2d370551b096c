package io.revattr.common.model;

import static io.revattr.testsupport.DataFrameAssert.assertRows;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The rows of {@code attribution_credits}: revenue and pipeline credit, unattributed rows. */
class CreditsTest {
  private static final List<AttributionModel> LINEAR = List.of(new LinearModel());

  @Test
  void wonOpportunityCreditsRevenueAndPipeline() {
    // position_based on t1 (FT) and t2 (LT), amount 100, won: .5 x 100 each.
    Dataset<Row> credits =
        Credits.allocate(ModelFixtures.twoTouches(), List.of(positionModel("position_based")));
    assertThat(credits.columns())
        .containsExactly(
            "model",
            "opportunity_id",
            "touch_id",
            "occurred_at",
            "channel",
            "campaign_id",
            "touch_type",
            "team",
            "stage",
            "currency",
            "credit",
            "revenue_credit",
            "pipeline_credit",
            "days_to_close");
    // Closed 2024-03-01 (2024 is a leap year): t1 on 2024-01-05 is 56 days before, t2 on
    // 2024-02-10 20 days.
    assertRows(
        credits.select(
            "touch_id", "channel", "credit", "revenue_credit", "pipeline_credit", "days_to_close"),
        List.of(
            List.of("t1", "paid_search", 0.5, 50.0, 50.0, 56.0),
            List.of("t2", "email", 0.5, 50.0, 50.0, 20.0)));
  }

  @Test
  void lostAndOpenOpportunitiesHavePipelineButNoRevenue() {
    // linear over seven touches, amount 1000: 1000 / 7 of pipeline each.
    for (String stage : List.of("lost", "open")) {
      Dataset<Row> credits =
          Credits.allocate(ModelFixtures.sevenTouches(stage), LINEAR)
              .groupBy("stage")
              .agg(
                  org.apache.spark.sql.functions.count("*"),
                  org.apache.spark.sql.functions.max("revenue_credit"),
                  org.apache.spark.sql.functions.min("pipeline_credit"),
                  org.apache.spark.sql.functions.max("pipeline_credit"),
                  org.apache.spark.sql.functions.count("days_to_close"));
      // Days to close are for won opportunities only.
      assertRows(credits, List.of(List.of(stage, 7L, 0.0, 1000.0 / 7, 1000.0 / 7, 0L)));
    }
  }

  @Test
  void unattributedRowCarriesTheWholeAmount() {
    Dataset<Row> credits =
        Credits.allocate(ModelFixtures.noTouch(), LINEAR)
            .select(
                col("model"),
                col("opportunity_id"),
                col("touch_id"),
                col("channel"),
                col("credit"),
                col("revenue_credit"),
                col("pipeline_credit"),
                col("days_to_close"));
    assertRows(
        credits,
        List.of(
            Arrays.asList("linear", "o1", null, Credits.UNATTRIBUTED, 1.0, 100.0, 100.0, null)));
  }

  @Test
  void unattributedRowOfALostOrOpenOpportunityHasPipelineButNoRevenue() {
    // Amount 100, credit 1: revenue_credit = won amount x credit = 0 (not won), pipeline_credit =
    // 100 x 1 = 100; days to close are for won opportunities' touches only.
    for (String stage : List.of("lost", "open")) {
      Dataset<Row> credits =
          Credits.allocate(ModelFixtures.noTouch(stage), LINEAR)
              .select(
                  col("stage"),
                  col("touch_id"),
                  col("channel"),
                  col("credit"),
                  col("revenue_credit"),
                  col("pipeline_credit"),
                  col("days_to_close"));
      assertRows(
          credits,
          List.of(Arrays.asList(stage, null, Credits.UNATTRIBUTED, 1.0, 0.0, 100.0, null)));
    }
  }

  private static AttributionModel positionModel(String name) {
    return ModelCatalog.POSITION_MODELS.stream()
        .filter(m -> m.name().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
