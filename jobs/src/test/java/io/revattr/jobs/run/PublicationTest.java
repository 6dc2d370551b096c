package io.revattr.jobs.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revattr.jobs.io.ResultWriter;
import io.revattr.jobs.ledger.FaultPoints;
import io.revattr.jobs.ledger.RunLedger;
import io.revattr.jobs.ledger.RunRecord;
import io.revattr.testsupport.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs are idempotent per as-of and atomic across tables: a rerun gives the same rows, another
 * as-of leaves the first alone, a run failing or killed at any point before its commit leaves every
 * table's committed rows as they were, and the next run completes.
 *
 * <p>One run as of {@link #AS_OF} is made once into a baseline output; each test works on its own
 * copy of it (Delta tables are directories with relative paths, so a copy is a table).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublicationTest {
  static final LocalDate AS_OF = CsvWarehouse.AS_OF;
  static final LocalDate OTHER_AS_OF = LocalDate.parse("2024-05-31");
  static final List<String> TABLES =
      List.of(AttributionRun.JOURNEY_TOUCHES, AttributionRun.ATTRIBUTION_CREDITS, "quarantine");

  @TempDir static Path dir;
  static Path input;
  static Path baseline;
  static String baselineRunId;
  static SparkSession spark;
  static Path killed;
  static Map<String, List<String>> killedBefore;
  static Process killedJvm;

  @BeforeAll
  static void runOnce() throws IOException {
    spark = SharedSpark.spark();
    input =
        CsvWarehouse.base()
            .add("touchpoints", "TX1,2024-01-05T00:00:00Z,,CX,,,email,,email,,")
            .add("touchpoints", "T2,2024-01-20T00:00:00Z,,C1,,,email,,email,,")
            .writeTo(dir.resolve("input"));
    baseline = dir.resolve("baseline");
    baselineRunId = run(baseline, AS_OF).runId();
    // The killed JVM's run starts now, on its own copy, so that it overlaps the tests that run in
    // this JVM (it touches nothing else; its fault point is a property of its own JVM).
    killed = copyOf(baseline, "killed");
    killedBefore = committedRows(killed);
    Path conf = dir.resolve("killed.conf");
    Files.writeString(conf, CsvWarehouse.CONFIG, StandardCharsets.UTF_8);
    killedJvm = childJvm("halt:staged:attribution_credits", killed, conf).start();
  }

  @AfterAll
  static void stopKilledJvm() {
    if (killedJvm != null && killedJvm.isAlive()) {
      killedJvm.destroyForcibly();
    }
  }

  @AfterEach
  void clearFaultPoint() {
    System.clearProperty(FaultPoints.PROPERTY);
  }

  @Test
  void rerunOfTheSameAsOfGivesTheSameRowsUnderTheNewRunId() {
    Path output = copyOf(baseline, "rerun");
    Map<String, List<String>> before = rows(output, false);
    RunResult rerun = run(output, AS_OF);

    assertThat(rows(output, false)).isEqualTo(before);
    for (String table : TABLES) {
      assertThat(runIds(output, table)).as(table).containsExactly(rerun.runId());
    }
    assertThat(committedRunIds(output)).containsExactly(AS_OF + "=" + rerun.runId());
    assertThat(rerun.run().inputsReconcile()).isTrue();
    assertThat(rerun.run().creditsReconcile()).isTrue();
  }

  @Test
  void anotherAsOfLeavesTheFirstAsOfsRowsAlone() {
    Path output = copyOf(baseline, "other");
    Map<String, List<String>> before = rows(output, true);
    RunResult other = run(output, OTHER_AS_OF);

    assertThat(rowsOf(output, AS_OF, true)).isEqualTo(before);
    assertThat(rowsOf(output, OTHER_AS_OF, true).get(AttributionRun.JOURNEY_TOUCHES)).isNotEmpty();
    assertThat(committedRunIds(output))
        .containsExactlyInAnyOrder(AS_OF + "=" + baselineRunId, OTHER_AS_OF + "=" + other.runId());
  }

  @ParameterizedTest
  @ValueSource(strings = {"staged:journey_touches", "before-commit"})
  void aRunFailingBeforeItsCommitChangesNoCommittedRow(String point) {
    Path output = copyOf(baseline, "fail-" + point.replace(':', '-'));
    Map<String, List<String>> before = committedRows(output);

    System.setProperty(FaultPoints.PROPERTY, point);
    assertThatThrownBy(() -> run(output, AS_OF))
        .hasMessageContaining("injected failure at " + point);
    System.clearProperty(FaultPoints.PROPERTY);

    assertThat(committedRows(output)).isEqualTo(before);
    Row failed =
        runs(output).filter(col("status").equalTo(RunRecord.FAILED)).collectAsList().get(0);
    assertThat(failed.<String>getAs("error")).contains(point);

    RunResult next = run(output, AS_OF);
    assertThat(committedRunIds(output)).containsExactly(AS_OF + "=" + next.runId());
    assertThat(rows(output, false)).isEqualTo(rows(baseline, false));
  }

  @Test
  void aRunFailingAfterItsCommitIsCommittedAndTheNextRunRetiresTheOldRows() {
    Path output = copyOf(baseline, "fail-committed");
    System.setProperty(FaultPoints.PROPERTY, "committed");
    assertThatThrownBy(() -> run(output, AS_OF)).hasMessageContaining("injected failure");
    System.clearProperty(FaultPoints.PROPERTY);

    String committed = committedRunIds(output).get(0);
    assertThat(committed).doesNotEndWith(baselineRunId);
    // The old rows are still there, but committed readers see only the new run's.
    assertThat(runIds(output, AttributionRun.ATTRIBUTION_CREDITS)).hasSize(2);
    assertThat(committedRows(output)).isEqualTo(committedRows(baseline));

    RunResult next = run(output, AS_OF);
    assertThat(runIds(output, AttributionRun.ATTRIBUTION_CREDITS)).containsExactly(next.runId());
  }

  @Test
  @Order(Order.DEFAULT + 1) // last: its child JVM, started before the first test, runs meanwhile
  void aKilledJvmLeavesEveryTableAtItsCommittedRowsAndTheNextRunCompletes() throws Exception {
    Path output = killed;
    Map<String, List<String>> before = killedBefore;
    Process child = killedJvm;
    try {
      // Generous: a whole run in a fresh JVM on a busy 2-core machine can take minutes.
      assertThat(child.waitFor(20, TimeUnit.MINUTES)).as("child JVM finished").isTrue();
    } finally {
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
    assertThat(child.exitValue()).isEqualTo(FaultPoints.HALT_STATUS);
    // It died after writing its journey touches and credits: they are in the table, uncommitted.
    assertThat(runIds(output, AttributionRun.ATTRIBUTION_CREDITS)).hasSize(2);

    assertThat(committedRows(output)).isEqualTo(before);
    RunResult next = run(output, AS_OF);
    assertThat(committedRunIds(output)).containsExactly(AS_OF + "=" + next.runId());
    for (String table : TABLES) {
      assertThat(runIds(output, table)).as(table).containsExactly(next.runId());
    }
  }

  @Test
  void runsOfTwoAsOfDatesAtOnceBothCommit() {
    Path output = dir.resolve("concurrent");
    CompletableFuture<RunResult> first = CompletableFuture.supplyAsync(() -> run(output, AS_OF));
    CompletableFuture<RunResult> second =
        CompletableFuture.supplyAsync(() -> run(output, OTHER_AS_OF));
    RunResult a = first.join();
    RunResult b = second.join();

    assertThat(committedRunIds(output))
        .containsExactlyInAnyOrder(AS_OF + "=" + a.runId(), OTHER_AS_OF + "=" + b.runId());
    assertThat(rowsOf(output, AS_OF, false)).isEqualTo(rows(baseline, false));
    for (String table : TABLES) {
      assertThat(runIds(output, table)).as(table).containsExactlyInAnyOrder(a.runId(), b.runId());
    }
  }

  private static RunResult run(Path output, LocalDate asOf) {
    return new AttributionRun(spark, CsvWarehouse.settings(input, output, asOf)).execute();
  }

  private static ProcessBuilder childJvm(String faultPoint, Path output, Path conf)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    Path home = Path.of(System.getProperty("revattr.home", "."));
    try (Stream<String> lines = Files.lines(home.resolve("conf/jvm-options"))) {
      lines
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .forEach(command::add);
    }
    command.add("-Duser.timezone=UTC");
    // Tiny input: the test session's few shuffle partitions instead of the embedded default's.
    command.add("-Dspark.sql.shuffle.partitions=2");
    command.add("-Dlog4j2.configurationFile=" + home.resolve("conf/log4j2-test.properties"));
    command.add("-D" + FaultPoints.PROPERTY + "=" + faultPoint);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.revattr.jobs.RevattrMain");
    command.addAll(
        List.of(
            "run",
            "--input",
            input.toString(),
            "--output",
            output.toString(),
            "--as-of",
            AS_OF.toString(),
            "--conf",
            conf.toString()));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("killed-jvm.log").toFile());
  }

  /** Every row of every result table, as sorted strings, with or without the run id. */
  private static Map<String, List<String>> rows(Path output, boolean withRunId) {
    return rowsOf(output, null, withRunId);
  }

  private static Map<String, List<String>> rowsOf(Path output, LocalDate asOf, boolean withRunId) {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (String table : TABLES) {
      Dataset<Row> frame = spark.read().format("delta").load(output.resolve(table).toString());
      if (asOf != null) {
        frame = frame.filter(col(ResultWriter.AS_OF).equalTo(lit(Date.valueOf(asOf))));
      }
      rows.put(table, sorted(withRunId ? frame : frame.drop(ResultWriter.RUN_ID)));
    }
    return rows;
  }

  /** The committed rows of every result table (run ids dropped: they differ between copies). */
  private static Map<String, List<String>> committedRows(Path output) {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (String table : TABLES) {
      rows.put(
          table,
          sorted(
              RunLedger.committedRows(spark, output.toString(), table).drop(ResultWriter.RUN_ID)));
    }
    return rows;
  }

  private static List<String> sorted(Dataset<Row> frame) {
    return frame.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static List<String> runIds(Path output, String table) {
    return spark
        .read()
        .format("delta")
        .load(output.resolve(table).toString())
        .select(ResultWriter.RUN_ID)
        .distinct()
        .collectAsList()
        .stream()
        .map(r -> r.getString(0))
        .toList();
  }

  private static Dataset<Row> runs(Path output) {
    return spark.read().format("delta").load(output.resolve(RunLedger.RUNS).toString());
  }

  private static List<String> committedRunIds(Path output) {
    return RunLedger.committedRuns(spark, output.toString()).collectAsList().stream()
        .map(r -> r.get(0) + "=" + r.getString(1))
        .sorted()
        .toList();
  }

  private static Path copyOf(Path source, String name) {
    Path target = dir.resolve(name);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path to = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(to);
        } else {
          Files.copy(file, to);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }
}
