package io.revattr.jobs.run;

import static io.revattr.jobs.run.PublicationRuns.AS_OF;
import static io.revattr.jobs.run.PublicationRuns.TABLES;
import static io.revattr.jobs.run.PublicationRuns.baseline;
import static io.revattr.jobs.run.PublicationRuns.baselineRunId;
import static io.revattr.jobs.run.PublicationRuns.committedRows;
import static io.revattr.jobs.run.PublicationRuns.committedRunIds;
import static io.revattr.jobs.run.PublicationRuns.copyOf;
import static io.revattr.jobs.run.PublicationRuns.input;
import static io.revattr.jobs.run.PublicationRuns.rows;
import static io.revattr.jobs.run.PublicationRuns.run;
import static io.revattr.jobs.run.PublicationRuns.runIds;
import static io.revattr.jobs.run.PublicationRuns.runs;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revattr.jobs.io.FaultPoints;
import io.revattr.jobs.io.TableRegistry;
import io.revattr.jobs.ledger.RunLedger;
import io.revattr.jobs.ledger.RunRecord;
import io.revattr.testsupport.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs are atomic across tables: a run failing or killed at any point before its commit leaves
 * every table's committed rows as they were, a run failing after it is committed, and the next run
 * completes. Completed runs: {@link PublicationTest}.
 *
 * <p>Each test works on its own copy of the baseline output ({@link PublicationRuns}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublicationFailureTest {
  @TempDir static Path dir;
  static Path killed;
  static Map<String, List<String>> killedBefore;
  static Process killedJvm;

  @BeforeAll
  static void startKilledJvm() throws IOException {
    // The killed JVM's run starts now, on its own copy, so that it overlaps the tests that run in
    // this JVM (it touches nothing else; its fault point is a property of its own JVM).
    killed = copyOf(baseline(), dir, "killed");
    killedBefore = committedRows(killed);
    Path conf = dir.resolve("killed.conf");
    Files.writeString(conf, CsvWarehouse.CONFIG, StandardCharsets.UTF_8);
    killedJvm = childJvm("halt:staged:attribution_credits", killed, conf, "killed-jvm.log").start();
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
  void runsFailingBeforeTheirCommitChangeNoCommittedRowAndTheNextRunRemovesTheirRows() {
    // One after the other on one output, each at another point (in the first table staged, in
    // one in the middle, after every table is staged and checked): each finds the uncommitted rows
    // of those before it, as runs retried after failures do.
    List<String> points =
        List.of("staged:journey_touches", "checked:staged:attribution_credits", "before-commit");
    Path output = copyOf(baseline(), dir, "fail-before-commit");
    Map<String, List<String>> before = committedRows(output);

    for (String point : points) {
      System.setProperty(FaultPoints.PROPERTY, point);
      assertThatThrownBy(() -> run(output, AS_OF))
          .hasMessageContaining("injected failure at " + point);
      System.clearProperty(FaultPoints.PROPERTY);
      assertThat(committedRows(output)).as("after a failure at " + point).isEqualTo(before);
    }
    List<String> errors =
        runs(output).filter(col("status").equalTo(RunRecord.FAILED)).collectAsList().stream()
            .map(r -> r.<String>getAs("error"))
            .toList();
    assertThat(errors).hasSize(points.size());
    for (String point : points) {
      assertThat(errors).as(point).anyMatch(e -> e.contains("injected failure at " + point + " ("));
    }

    // The names move to an output's tables once a run of it commits, not while one stages.
    for (String table : TABLES) {
      assertThat(registeredAt(table)).as(table).isNotEqualTo(output.resolve(table));
    }

    RunResult next = run(output, AS_OF);
    assertThat(committedRunIds(output)).containsExactly(AS_OF + "=" + next.runId());
    for (String table : TABLES) {
      assertThat(runIds(output, table)).as(table).containsExactly(next.runId());
      assertThat(registeredAt(table)).as(table).isEqualTo(output.resolve(table));
    }
    assertThat(registeredAt(RunLedger.RUNS)).isEqualTo(output.resolve(RunLedger.RUNS));
    assertThat(rows(output, false)).isEqualTo(rows(baseline(), false));
  }

  /**
   * Where the session's current database registers {@code table} (null: nowhere), as the run's own
   * registry reads it: from the catalog's entry, not through Delta, where a name at a deleted
   * directory (an earlier test's output) fails to resolve.
   */
  private static Path registeredAt(String table) {
    return new TableRegistry(SharedSpark.spark(), null)
        .lookup(table)
        .map(TableRegistry.Registration::location)
        .map(Path::of)
        .orElse(null);
  }

  @Test
  void aRunWhoseFailureCannotBeRecordedReportsItsOwnFailure() {
    Path output = copyOf(baseline(), dir, "fail-unrecorded");
    Map<String, List<String>> before = committedRows(output);
    long runsBefore = runs(output).count();

    System.setProperty(FaultPoints.PROPERTY, "staged:attribution_credits;checked:record-failure");
    assertThatThrownBy(() -> run(output, AS_OF))
        .hasMessageContaining("injected failure at staged:attribution_credits")
        .satisfies(
            e ->
                assertThat(e.getSuppressed())
                    .anySatisfy(
                        s ->
                            assertThat(s)
                                .hasMessageContaining(
                                    "injected failure at checked:record-failure")));
    System.clearProperty(FaultPoints.PROPERTY);

    assertThat(committedRows(output)).isEqualTo(before);
    assertThat(runs(output).count()).isEqualTo(runsBefore);
  }

  @Test
  void aRunFailingAfterItsCommitIsCommittedAndTheNextRunRetiresTheOldRows() {
    Path output = copyOf(baseline(), dir, "fail-committed");
    System.setProperty(FaultPoints.PROPERTY, "committed");
    assertThatThrownBy(() -> run(output, AS_OF)).hasMessageContaining("injected failure");
    System.clearProperty(FaultPoints.PROPERTY);

    String committed = committedRunIds(output).get(0);
    assertThat(committed).doesNotEndWith(baselineRunId());
    // The old rows are still there, but committed readers see only the new run's.
    assertThat(runIds(output, AttributionRun.ATTRIBUTION_CREDITS)).hasSize(2);
    assertThat(committedRows(output)).isEqualTo(committedRows(baseline()));

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
  void ofTwoRunsOfOneAsOfAtOnceTheFirstToCommitIsKeptAndTheOtherRemovesItsRows() throws Exception {
    // The child JVM's run stages every table, then stands still before its commit while this
    // JVM's run, which starts later, stages, commits and retires the baseline's rows.
    Path output = copyOf(baseline(), dir, "two-at-once");
    Path conf = dir.resolve("paused.conf");
    Files.writeString(conf, CsvWarehouse.CONFIG, StandardCharsets.UTF_8);
    Path marker = dir.resolve("paused-before-commit");
    Process paused =
        childJvm("pause:before-commit:" + marker, output, conf, "paused-jvm.log").start();
    try {
      // Generous: a whole run in a fresh JVM on a busy 2-core machine can take minutes.
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
      while (!Files.exists(marker) && paused.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(marker).as("the child's run reached its commit").exists();
      RunResult later = run(output, AS_OF);
      Files.delete(marker);
      assertThat(paused.waitFor(20, TimeUnit.MINUTES)).as("child JVM finished").isTrue();

      assertThat(paused.exitValue()).isEqualTo(1);
      assertThat(Files.readString(dir.resolve("paused-jvm.log")))
          .contains("is not committed: run " + later.runId() + " of the same as-of committed");
      assertThat(committedRunIds(output)).containsExactly(AS_OF + "=" + later.runId());
      for (String table : TABLES) {
        assertThat(runIds(output, table)).as(table).containsExactly(later.runId());
      }
      assertThat(runs(output).filter(col("status").equalTo(RunRecord.FAILED)).count()).isEqualTo(1);
    } finally {
      if (paused.isAlive()) {
        paused.destroyForcibly();
      }
    }
  }

  private static ProcessBuilder childJvm(String faultPoint, Path output, Path conf, String log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    // A JVM for one short run on a few rows: compiling Spark's code at the optimizing tier costs it
    // more CPU than it saves (a cold run of a small warehouse: about 160 CPU-s, 116 with this).
    command.add("-XX:TieredStopAtLevel=1");
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
    // And the test session's interpreted evaluation (SharedSpark): no code to generate and compile.
    command.add("-Dspark.sql.codegen.wholeStage=false");
    command.add("-Dspark.sql.codegen.factoryMode=NO_CODEGEN");
    // And no stack trace taken for every Column built (SharedSpark).
    command.add("-Dspark.sql.dataFrameQueryContext.enabled=false");
    command.add("-Dlog4j2.configurationFile=" + home.resolve("conf/log4j2-test.properties"));
    command.add("-D" + FaultPoints.PROPERTY + "=" + faultPoint);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.revattr.jobs.RevattrMain");
    command.addAll(
        List.of(
            "run",
            "--input",
            input().toString(),
            "--output",
            output.toString(),
            "--as-of",
            AS_OF.toString(),
            "--conf",
            conf.toString()));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(log).toFile());
  }
}
