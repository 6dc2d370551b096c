package io.revattr.jobs;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.testsupport.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** markov and shapley through the real command line, with bootstrap intervals, into Delta. */
class DataDrivenRunTest {
  @TempDir Path dir;

  @Test
  void dataDrivenModelsCreditEveryOpportunityAndWriteIntervals() throws Exception {
    String warehouse = dir.resolve("warehouse").toString();
    String output = dir.resolve("output").toString();
    Path conf = dir.resolve("revattr.conf");
    Files.writeString(
        conf, "revattr.models { markov.order = 2, bootstrap { samples = 5, seed = 5 } }\n");
    CapturedConsole generate = new CapturedConsole();
    assertThat(
            RevattrMain.run(
                List.of("generate", "--out", warehouse, "--accounts", "15", "--seed", "11"),
                generate.console))
        .as(generate.err())
        .isZero();
    CapturedConsole run = new CapturedConsole();
    assertThat(
            RevattrMain.run(
                List.of(
                    "run",
                    "--input",
                    warehouse,
                    "--output",
                    output,
                    "--as-of",
                    "2025-12-31",
                    "--conf",
                    conf.toString(),
                    "--models",
                    "markov,shapley",
                    // Its own database, so that the shared session's default tables stay
                    // another test's.
                    "--catalog",
                    "data_driven_run_test"),
                run.console))
        .as(run.err())
        .isZero();
    assertThat(run.out()).contains("data_driven_intervals");

    Dataset<Row> credits =
        SharedSpark.spark().read().format("delta").load(output + "/attribution_credits");
    Dataset<Row> totals = credits.groupBy("model", "opportunity_id").agg(sum("credit").as("t"));
    assertThat(totals.filter(abs(col("t").minus(1.0)).gt(1e-9)).count()).isZero();
    assertThat(credits.filter(col("credit").lt(0)).count()).isZero();
    assertThat(totals.groupBy("model").count().collectAsList()).hasSize(2);

    Dataset<Row> intervals =
        SharedSpark.spark().read().format("delta").load(output + "/data_driven_intervals");
    assertThat(intervals.select(countDistinct("model")).first().getLong(0)).isEqualTo(2);
    assertThat(
            intervals
                .filter(
                    col("lower")
                        .isNull()
                        .or(col("lower").gt(col("upper")))
                        .or(col("samples").notEqual(5)))
                .count())
        .isZero();
  }
}
