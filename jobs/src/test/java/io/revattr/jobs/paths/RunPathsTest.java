package io.revattr.jobs.paths;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.revattr.jobs.CapturedConsole;
import io.revattr.jobs.RevattrMain;
import io.revattr.jobs.SampleRunFixture;
import io.revattr.jobs.ledger.RunLedger;
import io.revattr.jobs.run.AttributionRun;
import io.revattr.testsupport.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code revattr paths --from-run}: a committed run's closed journeys as aggregated path data,
 * checked against the journeys the run wrote, and the models on that file against the run's own
 * data-driven values.
 */
class RunPathsTest {
  @TempDir static Path dir;

  private static SparkSession spark;
  private static CapturedConsole console;
  private static int exit;

  @BeforeAll
  static void export() {
    spark = SharedSpark.spark();
    console = new CapturedConsole();
    exit =
        RevattrMain.run(
            List.of(
                "paths",
                "--from-run",
                SampleRunFixture.output().toString(),
                "--as-of",
                SampleRunFixture.LATEST.toString(),
                "--output",
                dir.resolve("out").toString()),
            console.console);
  }

  /**
   * Each path's won and lost journeys and won value, built here from the committed journey rows: a
   * closed journey with a touch, its channels by position, its won amount in the run's reporting
   * currency (the demo's: USD, with its rates).
   */
  @Test
  void thePathsAreTheRunsClosedJourneysWithTheirOutcomes() throws Exception {
    assertThat(exit).as(console.err()).isZero();
    Map<String, Double> rates = new HashMap<>(SampleRunFixture.config().reporting().rates());
    rates.put("USD", 1.0);
    List<Row> touches =
        RunLedger.committedRows(spark, SampleRunFixture.output().toString(), "journey_touches")
            .filter(col("as_of").equalTo(lit(Date.valueOf(SampleRunFixture.LATEST))))
            .filter(col("stage").isin("won", "lost").and(col("touch_id").isNotNull()))
            .select("opportunity_id", "position", "channel", "stage", "amount", "currency")
            .orderBy("opportunity_id", "position")
            .collectAsList(); // the closed journeys of 30 accounts: small
    Map<String, List<String>> channels = new TreeMap<>();
    Map<String, Row> outcome = new HashMap<>();
    for (Row t : touches) {
      channels.computeIfAbsent(t.getString(0), o -> new ArrayList<>()).add(t.getString(2));
      outcome.put(t.getString(0), t);
    }
    Map<String, double[]> expected = new TreeMap<>();
    for (Map.Entry<String, List<String>> journey : channels.entrySet()) {
      Row o = outcome.get(journey.getKey());
      boolean won = o.getString(3).equals("won");
      double[] sums =
          expected.computeIfAbsent(String.join(" > ", journey.getValue()), p -> new double[3]);
      sums[0] += won ? 1 : 0;
      sums[1] += won ? o.getDouble(4) * rates.get(o.getString(5)) : 0;
      sums[2] += won ? 0 : 1;
    }

    List<String> lines = Files.readAllLines(dir.resolve("out").resolve(PathsCommand.PATHS_FILE));
    assertThat(lines.get(0)).isEqualTo("path,total_conversions,total_conversion_value,total_null");
    Map<String, double[]> exported = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      exported.put(
          cells[0],
          new double[] {
            Double.parseDouble(cells[1]), Double.parseDouble(cells[2]), Double.parseDouble(cells[3])
          });
    }
    assertThat(exported.keySet()).isEqualTo(expected.keySet());
    for (Map.Entry<String, double[]> path : expected.entrySet()) {
      assertThat(exported.get(path.getKey()))
          .as(path.getKey())
          .containsExactly(path.getValue(), within(1e-6));
    }
    assertThat(expected.values().stream().mapToDouble(s -> s[0]).sum()).isPositive();
    assertThat(expected.values().stream().mapToDouble(s -> s[2]).sum()).isPositive();
  }

  /** The same journeys, the same counting and solvers: the run's own point values. */
  @Test
  void theModelsOnTheExportedPathsGiveTheRunsDataDrivenValues() throws Exception {
    assertThat(exit).as(console.err()).isZero();
    Map<String, double[]> fromFile =
        PathsCommandTest.readChannels(dir.resolve("out").resolve(PathsCommand.CHANNELS_FILE));
    List<Row> values =
        RunLedger.committedRows(
                spark, SampleRunFixture.output().toString(), "data_driven_intervals")
            .filter(col("as_of").equalTo(lit(Date.valueOf(SampleRunFixture.LATEST))))
            .select("model", "channel", "value")
            .collectAsList(); // models x channels: small
    assertThat(values).extracting(r -> r.getString(0)).contains("markov", "shapley");
    for (Row v : values) {
      int column = v.getString(0).equals("markov") ? 0 : 3;
      assertThat(fromFile).containsKey(v.getString(1));
      assertThat(fromFile.get(v.getString(1))[column])
          .as(v.toString())
          .isCloseTo(v.getDouble(2), within(1e-9));
    }
  }

  @Test
  void withoutAsOfTheLatestAsOfWithACommittedRunIsChosen() {
    // 2025-12-31's only run failed: the latest committed as-of is 2025-11-30.
    String output = dir.resolve("latest").toString();
    spark
        .sql(
            "SELECT * FROM VALUES"
                + " ('r1', DATE'2025-11-30', 'succeeded', TIMESTAMP'2025-12-01 01:00:00'),"
                + " ('r2', DATE'2025-12-31', 'failed', TIMESTAMP'2026-01-01 01:00:00')"
                + " AS t(run_id, as_of, status, ended_at)")
        .write()
        .format("delta")
        .save(output + "/runs");
    assertThat(RunPaths.latestAsOf(spark, output)).isEqualTo(LocalDate.parse("2025-11-30"));
  }

  @Test
  void channelNamesAPathFileCannotCarryAreRefused() {
    // A path file's readers split on '>' and trim: "email " would come back as "email". A space
    // inside a name is kept.
    assertThat(
            RunPaths.of(spark, channelOutput("paid search"), LocalDate.parse("2025-12-31")).count())
        .isEqualTo(1);
    for (String channel : List.of("email ", " email", "email\t", "web > email", "web\nemail")) {
      String output = channelOutput(channel);
      assertThatThrownBy(() -> RunPaths.of(spark, output, LocalDate.parse("2025-12-31")))
          .as(channel)
          .hasMessageContaining("'" + channel + "'. Rename such channels");
    }
  }

  /** An output whose one committed run has one won journey: email, then {@code channel}. */
  private static String channelOutput(String channel) {
    String output = dir.resolve("channel-" + channel.hashCode()).toString();
    spark
        .sql(
            "SELECT 'r1' AS run_id, DATE'2025-12-31' AS as_of, 'succeeded' AS status,"
                + " TIMESTAMP'2026-01-01 01:00:00' AS ended_at, '{}' AS config")
        .write()
        .format("delta")
        .save(output + "/runs");
    spark
        .sql(
            "SELECT * FROM VALUES"
                + " ('o1', 'won', 100.0D, 'USD', 'email', 't1', 1, 'a1'),"
                + " ('o1', 'won', 100.0D, 'USD', '"
                + channel
                + "', 't2', 2, 'a1')"
                + " AS t(opportunity_id, stage, amount, currency, channel, touch_id, position,"
                + " account_id)")
        .withColumn("as_of", lit(Date.valueOf("2025-12-31")))
        .withColumn("run_id", lit("r1"))
        .write()
        .format("delta")
        .save(output + "/" + AttributionRun.JOURNEY_TOUCHES);
    return output;
  }

  @Test
  void anOutputWithoutRunsOrBothSourcesIsAUsageError() throws Exception {
    CapturedConsole noRuns = new CapturedConsole();
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThat(
            RevattrMain.run(
                List.of(
                    "paths",
                    "--from-run",
                    empty.toString(),
                    "--output",
                    dir.resolve("x").toString()),
                noRuns.console))
        .isEqualTo(2);
    assertThat(noRuns.err()).contains("holds no runs table: give the --output directory of a run");

    CapturedConsole both = new CapturedConsole();
    assertThat(
            RevattrMain.run(
                List.of(
                    "paths",
                    "--input",
                    "p.csv",
                    "--from-run",
                    empty.toString(),
                    "--output",
                    dir.resolve("y").toString()),
                both.console))
        .isEqualTo(2);
    assertThat(both.err()).contains("Give either --input FILE (a path file) or --from-run OUT");
  }
}
