package io.revattr.jobs.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.jobs.UnreadableFiles;
import io.revattr.testsupport.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
