package io.revattr.common.report;

import static io.revattr.testsupport.DataFrameAssert.assertRows;
import static org.apache.spark.sql.functions.col;

import io.revattr.testsupport.Frames;
import java.util.List;
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
        CreditedTouches.influencedOpportunities(credits(), MODELS)
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
        CreditedTouches.touches(credits(), MODELS)
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
}
