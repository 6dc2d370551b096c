package io.revattr.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.jobs.generate.GenerateCommand;
import io.revattr.jobs.generate.SampleWarehouse;
import io.revattr.testsupport.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data-driven model that cannot be fitted to the data fails the run before any result table is
 * staged; the failed run is recorded in {@code runs}.
 */
class DataDrivenLimitTest {
  @TempDir Path dir;

  @Test
  void moreChannelsThanShapleySupportsFailTheRunWithNothingStaged() {
    SparkSession spark = SharedSpark.spark();
    Path input = dir.resolve("warehouse");
    GenerateCommand.write(
        spark, new SampleWarehouse(spark, 40, 10, 1), input.toString(), "parquet");
    // Every touch on a channel of its own: far more than the 100 channels shapley supports.
    String touchpoints = input.resolve("touchpoints").toString();
    List<Row> touches =
        spark.read().parquet(touchpoints).withColumn("channel", col("touch_id")).collectAsList();
    Dataset<Row> oneChannelPerTouch =
        spark.createDataFrame(touches, spark.read().parquet(touchpoints).schema());
    oneChannelPerTouch.write().mode("overwrite").parquet(touchpoints);
    Path output = dir.resolve("output");

    CapturedConsole console = new CapturedConsole();
    int exit =
        RevattrMain.run(
            RunCommandLine.of(input, output, "--models", "first_touch,shapley"), console.console);

    assertThat(exit).isNotZero();
    assertThat(console.err()).contains("The shapley model supports at most 100 channels");
    assertThat(output.resolve("journey_touches")).doesNotExist();
    assertThat(output.resolve("attribution_credits")).doesNotExist();
    List<Row> runs =
        spark.read().format("delta").load(output.resolve("runs").toString()).collectAsList();
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).<String>getAs("status")).isEqualTo("failed");
  }
}
