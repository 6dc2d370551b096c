package io.revattr.common.datadriven;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.revattr.common.config.ConfigLoader;
import io.revattr.common.config.RevattrConfig.ModelsConfig;
import io.revattr.testsupport.DataFrameAssert;
import io.revattr.testsupport.SharedSpark;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class DataDrivenIntervalsTest {
  @Test
  void pointValuesWithoutBootstrap() {
    Dataset<Row> rows = DataDrivenIntervals.of(DataDrivenCreditsTest.journeys(), config(0, 42));
    DataFrameAssert.assertRows(
        rows,
        List.of(
            Arrays.asList("markov", "a", "removal_effect", 0.5, null, null, null, 0),
            Arrays.asList("markov", "b", "removal_effect", 1.0, null, null, null, 0),
            Arrays.asList("markov", "c", "removal_effect", 1.0 / 6, null, null, null, 0),
            Arrays.asList("shapley", "a", "shapley_value", 0.0, null, null, null, 0),
            Arrays.asList("shapley", "b", "shapley_value", 0.5, null, null, null, 0),
            Arrays.asList("shapley", "c", "shapley_value", -0.5, null, null, null, 0)));
  }

  @Test
  void bootstrapIsSeededAndBracketsThePointValue() {
    Dataset<Row> journeys = DataDrivenCreditsTest.journeys();
    List<Row> first = DataDrivenIntervals.of(journeys, config(20, 7)).collectAsList();
    List<Row> again = DataDrivenIntervals.of(journeys, config(20, 7)).collectAsList();
    List<Row> otherSeed = DataDrivenIntervals.of(journeys, config(20, 8)).collectAsList();
    assertThat(again).isEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);
    assertThat(first).hasSize(6);
    for (Row r : first) {
      double lower = r.getDouble(4);
      double upper = r.getDouble(5);
      assertThat(lower).as(r.toString()).isLessThanOrEqualTo(upper);
      assertThat(r.getDouble(6)).isEqualTo(0.9);
      assertThat(r.getInt(7)).isEqualTo(20);
      if (r.getString(0).equals("markov")) {
        assertThat(lower).isGreaterThanOrEqualTo(0.0);
        assertThat(upper).isLessThanOrEqualTo(1.0);
      }
    }
  }

  @Test
  void poissonWeightsHaveMeanOneAndZeroShareOneOverE() {
    int paths = 20_000;
    Dataset<Row> frame =
        SharedSpark.spark()
            .range(paths)
            .select(
                col("id").cast("string").as(PathFrame.PATH_ID),
                lit(1.0).as(PathFrame.CONVERSIONS),
                lit(0.0).as(PathFrame.NULLS));
    Row drawn =
        PathFrame.resample(frame, 1, 3)
            .filter(col(PathFrame.SAMPLE).equalTo(1))
            .agg(sum(PathFrame.CONVERSIONS), count(lit(1)))
            .first();
    // Poisson(1): mean 1 (sd of the mean ~0.007), P(0) = e^-1 = 0.368 (sd ~0.0034).
    assertThat(drawn.getDouble(0) / paths).isCloseTo(1.0, within(0.03));
    assertThat(1.0 - drawn.getLong(1) / (double) paths).isCloseTo(Math.exp(-1), within(0.015));
  }

  @Test
  void poissonCdfAndQuantile() {
    double[] cdf = PathFrame.poissonOneCdf(3);
    double e = Math.exp(-1);
    assertThat(cdf[0]).isCloseTo(e, within(1e-15));
    assertThat(cdf[1]).isCloseTo(2 * e, within(1e-15));
    assertThat(cdf[2]).isCloseTo(2.5 * e, within(1e-15));
    assertThat(cdf[3]).isCloseTo(8.0 / 3 * e, within(1e-15));
    double[] sorted = {1, 2, 3, 4, 5};
    assertThat(DataDrivenIntervals.quantile(sorted, 0.5)).isEqualTo(3.0);
    assertThat(DataDrivenIntervals.quantile(sorted, 0.1)).isCloseTo(1.4, within(1e-12));
    assertThat(DataDrivenIntervals.quantile(sorted, 1.0)).isEqualTo(5.0);
  }

  static ModelsConfig config(int samples, long seed) {
    return ConfigLoader.load(
            null,
            "test",
            Map.of(
                "models.enabled",
                List.of("linear", "markov", "shapley"),
                "models.bootstrap.samples",
                samples,
                "models.bootstrap.seed",
                seed))
        .models();
  }
}
