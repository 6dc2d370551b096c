package io.revattr.jobs;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.revattr.testsupport.SharedSpark;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate, run with a reporting currency, then {@code revattr sql} in a second JVM that finds the
 * tables by name; the figures are checked against the credits, recomputed independently here.
 */
class AnalystTablesEndToEndTest {
  private static final double EUR = 1.08;
  private static final double GBP = 1.27;

  @TempDir static Path dir;

  private static SparkSession spark;
  private static String output;
  private static String runOut;

  @BeforeAll
  static void generateAndRun() throws IOException {
    spark = SharedSpark.spark();
    String warehouse = dir.resolve("warehouse").toString();
    output = dir.resolve("output").toString();
    Path conf = dir.resolve("usd.conf");
    Files.writeString(
        conf,
        "revattr.reporting { currency = USD, rates { EUR = "
            + EUR
            + ", GBP = "
            + GBP
            + " } }\n"
            + "revattr.models.enabled = [first_touch, w_shaped, linear]\n");
    CapturedConsole generate = new CapturedConsole();
    assertThat(
            RevattrMain.run(
                List.of("generate", "--out", warehouse, "--accounts", "30", "--seed", "5"),
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
                    conf.toString()),
                run.console))
        .as(run.err())
        .isZero();
    runOut = run.out();
  }

  @Test
  void aSecondJvmQueriesTheTablesByName() throws Exception {
    String query =
        "SELECT value, attributed_revenue FROM attribution_summary"
            + " WHERE model = 'w_shaped' AND dimension = 'channel' AND currency = 'USD'"
            + " ORDER BY value";
    List<String> lines = sqlInSecondJvm("--output", output, "--format", "csv", query);

    // Independently: the w_shaped credits' won revenue per channel, converted with the rates.
    Column rate =
        when(col("currency").equalTo("EUR"), lit(EUR))
            .when(col("currency").equalTo("GBP"), lit(GBP))
            .otherwise(lit(1.0));
    Map<String, Double> expected = new LinkedHashMap<>();
    for (Row r :
        credits()
            .filter(col("model").equalTo("w_shaped"))
            .groupBy("channel")
            .agg(sum(col("revenue_credit").multiply(rate)).as("revenue"))
            .orderBy("channel")
            .collectAsList()) {
      expected.put(r.getString(0), r.getDouble(1));
    }
    assertThat(lines.get(0)).isEqualTo("value,attributed_revenue");
    Map<String, Double> actual = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      actual.put(cells[0], Double.parseDouble(cells[1]));
    }
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((k, v) -> assertThat(actual.get(k)).as(k).isCloseTo(v, within(1e-6)));
  }

  @Test
  void everyModelsRevenueAddsUpToTheWonAmountInTheReportingCurrency() {
    Dataset<Row> summary = spark.read().format("delta").load(output + "/attribution_summary");
    double won =
        spark
            .read()
            .format("delta")
            .load(output + "/opportunity_velocity")
            .filter(col("stage").equalTo("won"))
            .agg(sum("amount"))
            .first()
            .getDouble(0);
    for (String dimension : List.of("channel", "campaign", "touch_type", "team")) {
      List<Row> perModel =
          summary
              .filter(col("dimension").equalTo(dimension))
              .groupBy("model")
              .agg(sum("attributed_revenue"), sum("revenue_share"))
              .collectAsList();
      assertThat(perModel).hasSize(3);
      for (Row r : perModel) {
        assertThat(r.getDouble(1)).as(dimension + " " + r.get(0)).isCloseTo(won, within(1e-3));
        assertThat(r.getDouble(2)).isCloseTo(1.0, within(1e-9));
      }
    }
    assertThat(summary.select("currency").distinct().collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly("USD");
  }

  @Test
  void modelComparisonHasOneColumnPerConfiguredModel() {
    Dataset<Row> comparison = spark.read().format("delta").load(output + "/model_comparison");
    assertThat(comparison.columns())
        .contains("revenue_first_touch", "revenue_w_shaped", "revenue_linear", "rank_linear");
    assertThat(comparison.filter(col("max_revenue").isNotNull()).count()).isPositive();
    assertThat(
            comparison
                .filter(
                    // A spread missing where the models have revenue is wrong too (a comparison
                    // with null would drop the row from this filter).
                    col("revenue_spread")
                        .isNull()
                        .and(col("max_revenue").isNotNull())
                        // Each end is rounded to 1e-4 (as ranks compare amounts) before the
                        // difference.
                        .or(
                            abs(col("revenue_spread")
                                    .minus(col("max_revenue").minus(col("min_revenue"))))
                                .gt(1e-4 + 1e-9)))
                .count())
        .isZero();
  }

  @Test
  void theRunWritesAnOfflineHtmlReport() throws IOException {
    Path page = Path.of(output, "report", "2025-12-31", "index.html");
    assertThat(runOut).contains("HTML report: ").contains(page.toString());
    String html = Files.readString(page, StandardCharsets.UTF_8);
    assertThat(html.split("<svg", -1)).hasSize(6);
    assertThat(html)
        .contains("Won revenue by channel and model")
        .contains("Share of won revenue by team, per model")
        .contains("ROAS (won revenue / spend) per paid channel")
        .contains("Closed opportunities by days from first touch to close")
        .contains("Open pipeline and expected revenue per channel")
        // Nothing to fetch: no script, stylesheet, image or font from elsewhere (the only URLs
        // are the SVG namespaces).
        .doesNotContain("<script")
        .doesNotContain("<link")
        .doesNotContain("<img")
        .doesNotContain("@import")
        .doesNotContain("src=");
  }

  @Test
  void theReportsPrintedAddressNamesThePageWhateverItsDirectorysName() {
    Path reportDir = dir.resolve("odd name #1 %20 \u00fc");
    CapturedConsole report = new CapturedConsole();
    assertThat(
            RevattrMain.run(
                List.of(
                    "report",
                    "--output",
                    output,
                    "--as-of",
                    "2025-12-31",
                    "--report",
                    reportDir.toString()),
                report.console))
        .as(report.err())
        .isZero();
    String printed = report.out().strip().replaceFirst("^Report: ", "");
    // A browser reads '#' as the start of a fragment and '%20' as a space: both are escaped.
    assertThat(printed).doesNotContain(" ").doesNotContain("#");
    assertThat(Path.of(URI.create(printed))).isEqualTo(reportDir.resolve("index.html"));
    assertThat(reportDir.resolve("index.html")).isRegularFile();
  }

  private static Dataset<Row> credits() {
    return spark.read().format("delta").load(output + "/attribution_credits");
  }

  /** Runs {@code revattr sql} in a new JVM with the launcher's options and the test classpath. */
  private static List<String> sqlInSecondJvm(String... args) throws Exception {
    Path home = Path.of(System.getProperty("revattr.home"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    // One short query: the optimizing compiler would cost this JVM more CPU than it saves.
    command.add("-XX:TieredStopAtLevel=1");
    Files.readAllLines(home.resolve("conf/jvm-options")).stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .forEach(command::add);
    command.add("-Duser.timezone=UTC");
    command.add("-Dlog4j2.configurationFile=" + home.resolve("conf/log4j2-test.properties"));
    command.add("-Dspark.sql.shuffle.partitions=2");
    command.add("-cp");
    command.add(
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add(RevattrMain.class.getName());
    command.add("sql");
    command.addAll(List.of(args));
    Path stdout = dir.resolve("sql.out");
    Path stderr = dir.resolve("sql.err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("sql finished").isTrue();
    assertThat(process.exitValue()).as(Files.readString(stderr)).isZero();
    return Files.readAllLines(stdout);
  }
}
