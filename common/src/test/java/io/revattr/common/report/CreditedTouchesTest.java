package io.revattr.common.report;

import static io.revattr.testsupport.DataFrameAssert.assertRows;
import static io.revattr.testsupport.DataFrameAssert.assertSameRows;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.revattr.testsupport.Frames;
import io.revattr.testsupport.SharedSpark;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class CreditedTouchesTest {
  /** 70 models: m63 to m69 fall in the second 63-model mask. */
  private static final List<String> MODELS = IntStream.range(0, 70).mapToObj(i -> "m" + i).toList();

  private static final String AT = "2024-01-01T00:00:00Z";

  /**
   * t1 (email, CMP-A) is credited on o1 and on o2 of the same account; t2 (web, no campaign) on o1
   * only; o3 (EUR) is unattributed under m69. m0 credits t1 on o1; m63 credits t1 on o1 and o2 and
   * t2 on o1; m69 credits t2 on o1, twice (two rows of the same touch are one). "other" is not a
   * model of the run.
   */
  private static Dataset<Row> credits() {
    return Frames.of(
        ReportFixtures.CREDITS,
        credit("m0", "o1", "t1", "email", "CMP-A"),
        credit("m63", "o1", "t1", "email", "CMP-A"),
        credit("m63", "o2", "t1", "email", "CMP-A"),
        credit("m63", "o1", "t2", "web", null),
        credit("m69", "o1", "t2", "web", null),
        credit("m69", "o1", "t2", "web", null),
        ReportFixtures.credit(
            "m69", "o3", null, null, "(unattributed)", null, null, null, "open", "EUR", 1, 5, null),
        credit("other", "o1", "t1", "email", "CMP-A"));
  }

  private static Object[] credit(
      String model, String opportunity, String touch, String channel, String campaign) {
    return ReportFixtures.credit(
        model,
        opportunity,
        touch,
        AT,
        channel,
        campaign,
        "visit",
        "marketing",
        "open",
        "USD",
        0.5,
        100,
        null);
  }

  @Test
  void distinctOpportunitiesPerModelAndValue() {
    // Under team, m63's two marketing touches on o1 make o1 count once.
    assertRows(
        CreditedTouches.of(credits(), MODELS, UnaryOperator.identity())
            .influencedOpportunities()
            .filter(col("dimension").isin("channel", "campaign", "team"))
            .select("model", "dimension", "value", "currency", "influenced_opportunities"),
        List.of(
            List.of("m0", "channel", "email", "USD", 1L),
            List.of("m0", "campaign", "CMP-A", "USD", 1L),
            List.of("m63", "channel", "email", "USD", 2L),
            List.of("m63", "campaign", "CMP-A", "USD", 2L),
            List.of("m63", "channel", "web", "USD", 1L),
            List.of("m63", "campaign", "(none)", "USD", 1L),
            List.of("m69", "channel", "web", "USD", 1L),
            List.of("m69", "campaign", "(none)", "USD", 1L),
            List.of("m69", "channel", "(unattributed)", "EUR", 1L),
            List.of("m69", "campaign", "(unattributed)", "EUR", 1L),
            List.of("m0", "team", "marketing", "USD", 1L),
            List.of("m63", "team", "marketing", "USD", 2L),
            List.of("m69", "team", "marketing", "USD", 1L),
            List.of("m69", "team", "(unattributed)", "EUR", 1L)));
  }

  @Test
  void aTouchOnTwoOpportunitiesIsOneTouch() {
    // Under team, every credited touch of a model has the value marketing.
    assertRows(
        CreditedTouches.of(credits(), MODELS, UnaryOperator.identity())
            .touches()
            .filter(col("dimension").isin("channel", "team"))
            .select("model", "dimension", "value", "currency", "touches"),
        List.of(
            List.of("m0", "channel", "email", "USD", 1L),
            List.of("m0", "team", "marketing", "USD", 1L),
            List.of("m63", "channel", "email", "USD", 1L),
            List.of("m63", "channel", "web", "USD", 1L),
            List.of("m63", "team", "marketing", "USD", 2L),
            List.of("m69", "channel", "web", "USD", 1L),
            List.of("m69", "team", "marketing", "USD", 1L)));
  }

  @Test
  void medianDaysToCloseAgreesWithSparksMedianOverEachModelsCreditRows() {
    // 3,000 credited touches of 600 opportunities, each credited by a pseudo-random set of the 70
    // models (both masks) and of one model outside the run; a touch's days are the same under
    // every model, null when its opportunity was not won.
    Dataset<Row> touches =
        SharedSpark.spark()
            .range(3_000)
            .select(
                concat(lit("o"), pmod(col("id"), lit(600))).as("opportunity_id"),
                concat(lit("t"), col("id")).as("touch_id"),
                when(pmod(col("id"), lit(5)).equalTo(0), lit("EUR"))
                    .otherwise(lit("USD"))
                    .as("currency"),
                concat(lit("ch"), pmod(xxhash64(col("id")), lit(6))).as("channel"),
                when(pmod(col("id"), lit(7)).equalTo(0), null)
                    .otherwise(concat(lit("c"), pmod(xxhash64(col("id"), lit(1)), lit(20))))
                    .as("campaign_id"),
                lit("visit").as("touch_type"),
                lit("marketing").as("team"),
                when(pmod(col("id"), lit(600)).lt(200), lit("open"))
                    .otherwise(lit("won"))
                    .as("stage"),
                when(pmod(col("id"), lit(600)).lt(200), null)
                    .otherwise(
                        pmod(xxhash64(col("id"), lit(2)), lit(9_000)).cast("double").divide(24))
                    .as("days_to_close"));
    Dataset<Row> models =
        SharedSpark.spark()
            .range(71)
            .select(
                when(col("id").equalTo(70), lit("other"))
                    .otherwise(concat(lit("m"), col("id")))
                    .as("model"),
                col("id").as("model_number"));
    Dataset<Row> credits =
        touches
            .crossJoin(models)
            .filter(pmod(xxhash64(col("touch_id"), col("model")), lit(3)).equalTo(0))
            .drop("model_number");

    assertSameRows(
        CreditedTouches.of(credits, MODELS, UnaryOperator.identity()).medianDaysToClose(),
        Dimension.explodeValues(credits.filter(col("model").isin(MODELS.toArray())))
            .filter(col("days_to_close").isNotNull())
            .groupBy("model", "dimension", "value", "currency")
            .agg(median(col("days_to_close")).as("median_days_to_close")),
        1e-9);
  }
}
