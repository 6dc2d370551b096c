package io.revattr.jobs.notebooks;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.revattr.jobs.UnreadableFiles;
import io.revattr.testsupport.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The notebooks read only the rows of each as-of's committed run ({@code revattr_nb.Run}), as
 * {@code bin/revattr sql} does: the succeeded run with the largest id in {@code runs}; with no
 * {@code runs} table (a first run still writing, or killed) there is none.
 */
class CommittedRunTest {
  private static final String SHOW_RUN =
      "import sys, revattr_nb; run = revattr_nb.Run(sys.argv[1], sys.argv[2] or None);"
          + " print(run.as_of, run.run_id,"
          + " sorted(run.table('attribution_credits')['opportunity_id']))";

  /** Reads the credits before and after a re-run's commit removes its run's rows (signal files). */
  private static final String READ_DURING_RE_RUN =
      String.join(
          "\n",
          "import os, sys, time, revattr_nb",
          "out, signals = sys.argv[1], sys.argv[2]",
          "def signal(name): open(os.path.join(signals, name), 'w').close()",
          "def wait(name):",
          "    deadline = time.time() + 240",
          "    while not os.path.exists(os.path.join(signals, name)):",
          "        if time.time() > deadline: sys.exit('no signal ' + name)",
          "        time.sleep(0.05)",
          "run = revattr_nb.Run(out)",
          "print('quarantine of the run:', len(run.table('quarantine')))",
          "signal('pinned')",
          "wait('committed')",
          "print('before the removal:', sorted(run.table('attribution_credits')['opportunity_id']))",
          "signal('read')",
          "wait('retired')",
          "try:",
          "    print('after it: no error', len(run.table('attribution_credits')))",
          "except RuntimeError as e:",
          "    print('after it:', e)");

  @TempDir Path temp;

  @Test
  void anOutputWithoutARunsTableHasNoCommittedRun() throws IOException {
    Path output = temp.resolve("output");
    writeCredits(output, "('2025-12-31', 'r1', 'o1')", "as_of", "run_id");

    PythonEnvironment.Result shown = showRun(output);
    assertThat(shown.exitCode()).isNotZero();
    assertThat(shown.output()).contains("has no committed run yet");

    // A runs table whose log has no commit yet (a run killed while creating it) is no table.
    Files.createDirectories(output.resolve("runs/_delta_log"));
    shown = showRun(output);
    assertThat(shown.exitCode()).isNotZero();
    assertThat(shown.output()).contains("has no committed run yet");
  }

  /** Partitioned as a run writes its tables, and as the tables of earlier versions were. */
  @ParameterizedTest
  @ValueSource(strings = {"as_of,run_id", "as_of"})
  void onlyTheLatestSucceededRunsRowsAreRead(String partitionColumns) {
    Path output = temp.resolve("output");
    // r1 succeeded, then r4 (a re-run) on a host whose clock is behind r1's: its ended_at is
    // earlier, but a run commits only while no larger id has succeeded, so r4 is the committed
    // one. r5 failed after it; r3 was killed before writing its row; r0 is another as-of.
    writeCredits(
        output,
        "('2025-12-31', 'r1', 'o1'), ('2025-12-31', 'r5', 'o5'), ('2025-12-31', 'r3', 'o3'),"
            + " ('2025-12-31', 'r4', 'o4'), ('2025-11-30', 'r0', 'o0')",
        partitionColumns.split(","));
    writeRuns(
        output,
        "('2025-12-31', 'r1', 'succeeded', '2026-01-01 02:00:00'),"
            + " ('2025-12-31', 'r4', 'succeeded', '2026-01-01 01:00:00'),"
            + " ('2025-12-31', 'r5', 'failed', '2026-01-01 03:00:00'),"
            + " ('2025-11-30', 'r0', 'succeeded', '2025-12-01 02:00:00')");

    PythonEnvironment.Result shown = showRun(output);
    assertThat(shown.exitCode()).as(shown.output()).isZero();
    assertThat(shown.output()).contains("2025-12-31 r4 ['o4']");
    shown = showRun(output, "2025-11-30");
    assertThat(shown.exitCode()).as(shown.output()).isZero();
    assertThat(shown.output()).contains("2025-11-30 r0 ['o0']");
  }

  @Test
  void aTablePartitionedByRunIsReadFromTheCommittedRunsFilesAlone() throws IOException {
    Path output = temp.resolve("output");
    writeCredits(
        output, "('2025-12-31', 'r1', 'o1'), ('2025-12-31', 'r2', 'o2')", "as_of", "run_id");
    writeRuns(output, "('2025-12-31', 'r1', 'succeeded', '2026-01-01 01:00:00')");
    // The uncommitted run's files cannot be read: a reader that opens them fails.
    UnreadableFiles.inPartition(output.resolve("attribution_credits"), "run_id=r2");

    PythonEnvironment.Result shown = showRun(output);
    assertThat(shown.exitCode()).as(shown.output()).isZero();
    assertThat(shown.output()).contains("2025-12-31 r1 ['o1']");
  }

  @Test
  void aReRunCommittedWhileANotebookReadsIsSaidOnceItsRowsAreRemoved() throws Exception {
    Path output = temp.resolve("output");
    Path signals = Files.createDirectories(temp.resolve("signals"));
    writeCredits(output, "('2025-12-31', 'r1', 'o1')", "as_of", "run_id");
    writeRuns(output, "('2025-12-31', 'r1', 'succeeded', '2026-01-01 01:00:00')");
    // A table that has no rows of the run (it quarantined nothing), and rows of another as-of.
    SharedSpark.spark()
        .sql("SELECT DATE('2025-11-30') AS as_of, 'r0' AS run_id, 't1' AS record_key")
        .write()
        .format("delta")
        .partitionBy("as_of", "run_id")
        .save(output.resolve("quarantine").toString());
    CompletableFuture<PythonEnvironment.Result> notebook =
        CompletableFuture.supplyAsync(
            () ->
                PythonEnvironment.run(
                    List.of(
                        PythonEnvironment.python().toString(),
                        "-c",
                        READ_DURING_RE_RUN,
                        output.toString(),
                        signals.toString()),
                    PythonEnvironment.NOTEBOOKS,
                    Map.of(),
                    5));
    awaitSignal(signals.resolve("pinned"), notebook);

    // A re-run, as a run publishes: it stages its rows, commits in runs, then removes r1's rows.
    SharedSpark.spark()
        .sql("SELECT DATE('2025-12-31') AS as_of, 'r2' AS run_id, 'o2' AS opportunity_id")
        .write()
        .format("delta")
        .mode("append")
        .save(output.resolve("attribution_credits").toString());
    SharedSpark.spark()
        .sql(
            "SELECT DATE('2025-12-31') AS as_of, 'r2' AS run_id, 'succeeded' AS status,"
                + " TIMESTAMP('2026-01-02 01:00:00') AS ended_at")
        .write()
        .format("delta")
        .mode("append")
        .save(output.resolve("runs").toString());
    Files.createFile(signals.resolve("committed"));
    awaitSignal(signals.resolve("read"), notebook);
    DeltaTable.forPath(SharedSpark.spark(), output.resolve("attribution_credits").toString())
        .delete(col("run_id").equalTo("r1"));
    Files.createFile(signals.resolve("retired"));

    PythonEnvironment.Result shown = notebook.get(5, TimeUnit.MINUTES);
    assertThat(shown.exitCode()).as(shown.output()).isZero();
    // Before the removal, the run it began with, whole; after it, a clear error, no empty frame.
    assertThat(shown.output())
        .contains("quarantine of the run: 0")
        .contains("before the removal: ['o1']")
        .contains(
            "after it: as-of 2025-12-31 was run again while this notebook ran: run r2 committed"
                + " and removes the rows of run r1");
  }

  /** Waits for the Python side's signal file, or for it to end (its output then says why). */
  private static void awaitSignal(Path signal, CompletableFuture<PythonEnvironment.Result> python)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!Files.exists(signal) && !python.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(signal)
        .as("%s", python.isDone() ? python.get().output() : "python still running")
        .exists();
  }

  private static void writeCredits(Path output, String rows, String... partitionColumns) {
    SharedSpark.spark()
        .sql(
            "SELECT DATE(as_of) AS as_of, run_id, opportunity_id FROM VALUES "
                + rows
                + " AS credits(as_of, run_id, opportunity_id)")
        .write()
        .format("delta")
        .partitionBy(partitionColumns)
        .save(output.resolve("attribution_credits").toString());
  }

  private static void writeRuns(Path output, String rows) {
    SharedSpark.spark()
        .sql(
            "SELECT DATE(as_of) AS as_of, run_id, status, TIMESTAMP(ended_at) AS ended_at FROM"
                + " VALUES "
                + rows
                + " AS runs(as_of, run_id, status, ended_at)")
        .write()
        .format("delta")
        .save(output.resolve("runs").toString());
  }

  private static PythonEnvironment.Result showRun(Path output) {
    return showRun(output, "");
  }

  /** The committed run of {@code asOf} (empty: the latest as-of) and its credits' opportunities. */
  private static PythonEnvironment.Result showRun(Path output, String asOf) {
    return PythonEnvironment.run(
        List.of(PythonEnvironment.python().toString(), "-c", SHOW_RUN, output.toString(), asOf),
        PythonEnvironment.NOTEBOOKS,
        Map.of(),
        5);
  }
}
