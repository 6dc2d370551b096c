package io.revattr.jobs;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.testsupport.SharedSpark;
import java.sql.Date;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * In a whole run (the demo's configuration, see {@link SampleRunFixture}) the data-driven models
 * credit every opportunity exactly once with non-negative credits, and write a bootstrap interval
 * around every channel's point value.
 */
class DataDrivenRunTest {
  private static final int DEMO_BOOTSTRAP_SAMPLES = 20;

  @Test
  void dataDrivenModelsCreditEveryOpportunityOnce() {
    Dataset<Row> credits =
        latest("attribution_credits").filter(col("model").isin("markov", "shapley"));
    Dataset<Row> totals = credits.groupBy("model", "opportunity_id").agg(sum("credit").as("t"));
    assertThat(totals.filter(abs(col("t").minus(1.0)).gt(1e-9)).count()).isZero();
    assertThat(credits.filter(col("credit").lt(0)).count()).isZero();
    // The generated warehouse is clean: every opportunity in it is used.
    long opportunities =
        SharedSpark.spark()
            .read()
            .option("header", "true")
            .csv(
                SampleRunFixture.output()
                    .resolveSibling("warehouse")
                    .resolve("opportunities")
                    .toString())
            .count();
    assertThat(totals.filter(col("model").equalTo("markov")).count()).isEqualTo(opportunities);
    assertThat(totals.filter(col("model").equalTo("shapley")).count()).isEqualTo(opportunities);
  }

  @Test
  void everyChannelHasAnIntervalOfItsBootstrapSamples() {
    Dataset<Row> intervals = latest("data_driven_intervals");
    assertThat(intervals.select(countDistinct("model")).first().getLong(0)).isEqualTo(2);
    assertThat(intervals.count()).isGreaterThan(2);
    assertThat(
            intervals
                .filter(
                    col("lower")
                        .isNull()
                        .or(col("lower").gt(col("upper")))
                        .or(col("samples").notEqual(DEMO_BOOTSTRAP_SAMPLES)))
                .count())
        .isZero();
  }

  private static Dataset<Row> latest(String table) {
    return SharedSpark.spark()
        .read()
        .format("delta")
        .load(SampleRunFixture.output().resolve(table).toString())
        .filter(col("as_of").equalTo(lit(Date.valueOf(SampleRunFixture.LATEST))));
  }
}
