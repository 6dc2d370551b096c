package io.revattr.jobs;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.revattr.common.config.ConfigLoader;
import io.revattr.jobs.io.DeltaTables;
import io.revattr.jobs.ledger.RunLedger;
import io.revattr.jobs.run.AttributionRun;
import io.revattr.testsupport.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate, then run, through the real command line; the Delta tables are read back and checked.
 */
class EndToEndTest {
  private static final String WAREHOUSE = "ware house [2025]";

  @TempDir static Path dir;

  private static SparkSession spark;
  private static Dataset<Row> opportunities;
  private static Dataset<Row> credits;
  private static Dataset<Row> journeys;

  @BeforeAll
  static void generateAndRun() {
    spark = SharedSpark.spark();
    // A warehouse whose path has glob characters and a space, and an output given as a file URI
    // with a trailing slash, as schedulers write them: both name exactly one place.
    String warehouse = dir.resolve(WAREHOUSE).toString();
    String output = dir.resolve("output").toString();
    CapturedConsole generate = new CapturedConsole();
    assertThat(
            RevattrMain.run(
                List.of(
                    "generate",
                    "--out",
                    warehouse,
                    "--accounts",
                    "40",
                    "--touches-per-account",
                    "8",
                    "--seed",
                    "3"),
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
                    "file://" + output + "/",
                    "--as-of",
                    "2025-12-31"),
                run.console))
        .as(run.err())
        .isZero();
    assertThat(run.out()).contains("journey_touches").contains(output + "/attribution_credits");
    opportunities =
        spark
            .read()
            .option("header", "true")
            .option("inferSchema", "true")
            // Escaped: Spark takes [ and ] in a file source's path for a glob.
            .csv(warehouse.replace("[", "\\[").replace("]", "\\]") + "/opportunities");
    credits = spark.read().format("delta").load(output + "/attribution_credits");
    journeys = spark.read().format("delta").load(output + "/journey_touches");
  }

  @Test
  void everyModelCreditsEveryOpportunityExactlyOnce() {
    long opportunityCount = opportunities.count();
    Dataset<Row> perModelAndOpportunity =
        credits.groupBy("model", "opportunity_id").agg(sum("credit").as("total"));
    assertThat(perModelAndOpportunity.filter(abs(col("total").minus(1.0)).gt(1e-9)).count())
        .isZero();
    List<Row> perModel =
        perModelAndOpportunity.groupBy("model").agg(count("*").as("opportunities")).collectAsList();
    assertThat(perModel).hasSize(ConfigLoader.defaults().models().enabled().size());
    perModel.forEach(r -> assertThat(r.getLong(1)).as(r.getString(0)).isEqualTo(opportunityCount));
  }

  @Test
  void revenueAndPipelineAddUpToTheInputAmounts() {
    Row expected =
        opportunities
            .agg(
                sum(when(col("stage").equalTo("won"), col("amount")).otherwise(0.0)),
                sum(col("amount")))
            .first();
    for (Row r :
        credits
            .groupBy("model")
            .agg(sum("revenue_credit"), sum("pipeline_credit"))
            .collectAsList()) {
      assertThat(r.getDouble(1)).as(r.getString(0)).isCloseTo(expected.getDouble(0), within(1e-6));
      assertThat(r.getDouble(2)).as(r.getString(0)).isCloseTo(expected.getDouble(1), within(1e-6));
    }
  }

  @Test
  void journeysArePositionedOneToLength() {
    Dataset<Row> perJourney =
        journeys
            .groupBy("opportunity_id")
            .agg(
                count("*").as("touches"),
                max("position").as("last_position"),
                max("journey_length").as("length"),
                sum(when(col("is_first_touch"), 1).otherwise(0)).as("first_touches"),
                sum(when(col("is_last_touch"), 1).otherwise(0)).as("last_touches"),
                countDistinct("position").as("positions"));
    assertThat(perJourney.count()).isPositive();
    assertThat(
            perJourney
                .filter(
                    col("touches")
                        .notEqual(col("last_position"))
                        .or(col("touches").notEqual(col("length")))
                        .or(col("positions").notEqual(col("touches")))
                        .or(col("first_touches").notEqual(1))
                        .or(col("last_touches").notEqual(1)))
                .count())
        .isZero();
  }

  @Test
  void tablesAreQueryableByName() {
    long byName = spark.sql("SELECT count(*) FROM attribution_credits").first().getLong(0);
    assertThat(byName).isEqualTo(credits.count());
  }

  @Test
  void everyTableTheRunWroteIsOneWhoseNameItChecksBeforeItStarts() throws IOException {
    try (Stream<Path> entries = Files.list(dir.resolve("output"))) {
      assertThat(
              entries
                  .filter(p -> Files.isDirectory(p.resolve(DeltaTables.LOG_DIRECTORY)))
                  .map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(AttributionRun.RESULT_TABLES);
    }
  }

  @Test
  void theRunsRowCountsTheRowsTheRunWroteToEveryTable() {
    Row run = spark.read().format("delta").load(dir.resolve("output/runs").toString()).first();
    Map<String, Long> counted = run.getJavaMap(run.fieldIndex("outputs"));
    assertThat(counted.keySet())
        .containsExactlyInAnyOrderElementsOf(
            AttributionRun.RESULT_TABLES.stream().filter(t -> !t.equals(RunLedger.RUNS)).toList());
    for (String table : counted.keySet()) {
      long read =
          spark.read().format("delta").load(dir.resolve("output/" + table).toString()).count();
      assertThat(counted.get(table)).as(table).isEqualTo(read);
    }
    assertThat(counted.get("attribution_credits")).isPositive();
  }

  @Test
  void theRunsRowNamesTheVersionsAndTheInputOfTheRun() {
    Row run =
        spark
            .read()
            .format("delta")
            .load(dir.resolve("output/runs").toString())
            .select("revattr_version", "spark_version", "input", "input_catalog", "input_format")
            .first();
    assertThat(run.<String>getAs("revattr_version"))
        .isEqualTo(System.getProperty("pom.project.version"));
    assertThat(run.<String>getAs("spark_version"))
        .isEqualTo(System.getProperty("pom.spark.version"));
    assertThat(run.<String>getAs("input")).isEqualTo(dir.resolve(WAREHOUSE).toString());
    assertThat(run.<String>getAs("input_catalog")).isNull();
    assertThat(run.<String>getAs("input_format")).isEqualTo("auto");
  }

  @Test
  void cleanSampleQuarantinesNothing() {
    Dataset<Row> quarantine =
        spark.read().format("delta").load(dir.resolve("output/quarantine").toString());
    assertThat(quarantine.count()).isZero();
  }
}
