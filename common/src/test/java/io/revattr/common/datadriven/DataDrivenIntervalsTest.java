package io.revattr.common.datadriven;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.revattr.common.config.ConfigLoader;
import io.revattr.common.config.RevattrConfig;
import io.revattr.common.config.RevattrConfig.ModelsConfig;
import io.revattr.testsupport.DataFrameAssert;
import io.revattr.testsupport.SharedSpark;
import io.revattr.testsupport.WarehouseFixture;
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
            Arrays.asList("markov", "a", "removal_effect", 0.5, null, null, null, 0, 2, null, null),
            Arrays.asList("markov", "b", "removal_effect", 1.0, null, null, null, 0, 1, null, null),
            Arrays.asList(
                "markov", "c", "removal_effect", 1.0 / 6, null, null, null, 0, 3, null, null),
            Arrays.asList("shapley", "a", "shapley_value", 0.0, null, null, null, 0, 2, null, null),
            Arrays.asList("shapley", "b", "shapley_value", 0.5, null, null, null, 0, 1, null, null),
            Arrays.asList(
                "shapley", "c", "shapley_value", -0.5, null, null, null, 0, 3, null, null)));
  }

  /**
   * Four resamples of three channels, computed by hand: each resample ranks every channel (a tie
   * shares the better rank, an absent channel counts as 0), and the rank interval is the
   * interpolated quantiles of those ranks rounded outwards, here at 50% (quantiles 0.25 and 0.75,
   * positions 0.75 and 2.25 among the 4 sorted draws).
   */
  @Test
  void rankIntervalsRankEveryChannelWithinEachResample() {
    Map<Integer, Map<String, Double>> bySample =
        Map.of(
            0, Map.of("a", 0.5, "b", 0.4, "c", 0.1),
            1, Map.of("a", 0.5, "b", 0.6, "c", 0.1), // ranks a 2, b 1, c 3
            2, Map.of("a", 0.7, "b", 0.3), // a 1, b 2, c (absent: 0) 3
            3, Map.of("a", 0.2, "b", 0.2, "c", 0.3), // c 1, a and b tie: 2
            4, Map.of("a", 0.9, "b", 0.1, "c", 0.2)); // a 1, c 2, b 3

    List<Row> rows =
        DataDrivenIntervals.rows(
            "markov", "removal_effect", bySample, new RevattrConfig.Bootstrap(4, 1, 0.5));

    // a: ranks 1,1,2,2 -> 1 and 2; values 0.2,0.5,0.7,0.9 -> 0.425 and 0.75.
    // b: ranks 1,2,2,3 -> 1.75 and 2.25 -> 1 and 3; values 0.1,0.2,0.3,0.6 -> 0.175 and 0.375.
    // c: ranks 1,2,3,3 -> 1.75 and 3 -> 1 and 3; values 0,0.1,0.2,0.3 -> 0.075 and 0.225.
    DataFrameAssert.assertRows(
        SharedSpark.spark().createDataFrame(rows, DataDrivenIntervals.SCHEMA),
        List.of(
            Arrays.asList("markov", "a", "removal_effect", 0.5, 0.425, 0.75, 0.5, 4, 1, 1, 2),
            Arrays.asList("markov", "b", "removal_effect", 0.4, 0.175, 0.375, 0.5, 4, 2, 1, 3),
            Arrays.asList("markov", "c", "removal_effect", 0.1, 0.075, 0.225, 0.5, 4, 3, 1, 3)));
  }

  @Test
  void bootstrapIsSeededWithOrderedIntervalEndsAndRanks() {
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
      assertThat(r.getInt(9)).as(r.toString()).isBetween(1, r.getInt(10));
      assertThat(r.getInt(10)).as(r.toString()).isLessThanOrEqualTo(3);
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
                col("id").cast("string").as(PathFrame.RESAMPLE_UNIT),
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
  void aResampleDrawsTheOpportunitiesOfOneAccountTogether() {
    // 3,000 accounts of two closed opportunities each (the path ids differ, the unit is shared).
    int accounts = 3_000;
    Dataset<Row> frame =
        SharedSpark.spark()
            .range(2L * accounts)
            .select(
                col("id").cast("string").as(PathFrame.PATH_ID),
                col("id").divide(2).cast("long").cast("string").as(PathFrame.RESAMPLE_UNIT),
                lit(1.0).as(PathFrame.CONVERSIONS),
                lit(0.0).as(PathFrame.NULLS));
    Dataset<Row> drawn = PathFrame.resample(frame, 2, 11).filter(col(PathFrame.SAMPLE).gt(0));
    Dataset<Row> perUnit =
        drawn
            .groupBy(col(PathFrame.SAMPLE), col(PathFrame.RESAMPLE_UNIT))
            .agg(
                count(lit(1)).as("paths"), countDistinct(col(PathFrame.CONVERSIONS)).as("weights"));
    // Every account drawn keeps both its opportunities, at one weight: never one without the other.
    assertThat(perUnit.filter(col("paths").notEqual(2).or(col("weights").notEqual(1))).count())
        .isZero();
    // And about 1 - 1/e of the accounts are drawn in each resample.
    assertThat(perUnit.count() / (2.0 * accounts)).isCloseTo(1 - Math.exp(-1), within(0.03));
  }

  @Test
  void aJourneysResampleUnitIsItsOpportunitysAccount() {
    // Account a1 has two closed opportunities on the same contact's touches, a2 one.
    Dataset<Row> journeys =
        new WarehouseFixture()
            .contact("c1", "a1", "2024-01-10T00:00:00Z")
            .contact("c2", "a2", "2024-01-10T00:00:00Z")
            .contactTouch("t1", "2024-01-11T00:00:00Z", "c1", "email")
            .contactTouch("t2", "2024-01-12T00:00:00Z", "c2", "webinar")
            .opportunity("o1", "a1", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z", "won", 100)
            .opportunity("o2", "a1", "2024-02-02T00:00:00Z", "2024-03-02T00:00:00Z", "lost", 50)
            .opportunity("o3", "a2", "2024-02-03T00:00:00Z", "2024-03-03T00:00:00Z", "won", 70)
            .journeys();
    DataFrameAssert.assertRows(
        PathFrame.fromJourneys(journeys).select(PathFrame.PATH_ID, PathFrame.RESAMPLE_UNIT),
        List.of(Arrays.asList("o1", "a1"), Arrays.asList("o2", "a1"), Arrays.asList("o3", "a2")));
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

  @Test
  void valuesEqualButForRoundingShareARank() {
    // The Shapley values of two symmetric channels, as computed: equal but for their last bits.
    Map<Integer, Map<String, Double>> bySample =
        Map.of(0, Map.of("a", 0.08787878787878786, "b", 0.08787878787878789, "c", 0.5));

    Map<String, int[]> ranks = DataDrivenIntervals.ranks(bySample, 0);

    assertThat(ranks.get("c")[0]).isEqualTo(1);
    assertThat(ranks.get("a")[0]).isEqualTo(2);
    assertThat(ranks.get("b")[0]).isEqualTo(2);
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
