package io.revattr.jobs.ledger;

import io.revattr.common.error.Errors;
import io.revattr.common.error.RevattrException;
import io.revattr.jobs.io.FaultPoints;
import io.revattr.jobs.io.ResultWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FSError;

/**
 * The steps after a run's commit: registering its tables by name, then removing the older runs'
 * rows of its as-of. Each is tried whatever the others' outcome. The run is committed, so their
 * failures (and one confirming the commit itself) make one after-commit error that says each, in
 * the order they happened, with how to finish what it left undone.
 */
final class AfterCommitSteps {
  private final ResultWriter writer;
  private final String runId;
  private final LocalDate asOf;
  private RevattrException failure;

  AfterCommitSteps(ResultWriter writer, String runId, LocalDate asOf) {
    this.writer = writer;
    this.runId = runId;
    this.asOf = asOf;
  }

  /** Records that {@code what} failed with {@code cause}, and how the rest gets done. */
  void failed(String what, Throwable cause, String fix) {
    failure =
        failure == null
            ? Errors.afterCommit(runId, asOf, what, cause, fix)
            : Errors.followedBy(failure, what, cause, fix);
  }

  /** Registers and retires; then throws the failures of every step, when there is one. */
  void run() {
    register();
    retire();
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Registers every staged table and the runs table by name, all at once after the commit: a name
   * moved while the run stages would show the new output's rows filtered by the old output's runs
   * (none of them), and a run that fails would leave the names at an output with no committed run.
   */
  private void register() {
    try {
      writer.stagedTables().forEach(writer::register);
      writer.register(RunLedger.RUNS);
      FaultPoints.reached("registered");
    } catch (Exception | FSError e) {
      // Not only RuntimeException: Spark's exceptions are checked ones to Java, thrown undeclared.
      failed(
          "registering the tables by name",
          e,
          "The tables are committed under the output; the next run registers them.");
    }
  }

  /**
   * Removes older runs' rows of the as-of from every staged table; a table that fails does not keep
   * the others from being done, and the failure names every table it left.
   */
  private void retire() {
    List<String> failedTables = new ArrayList<>();
    Throwable firstFailure = null;
    for (String table : writer.stagedTables()) {
      try {
        FaultPoints.reached("retiring:" + table);
        writer.retire(table);
      } catch (Exception | FSError e) {
        failedTables.add(table);
        firstFailure = firstFailure == null ? e : firstFailure;
      }
    }
    if (firstFailure != null) {
      failed(
          "removing older runs' rows from " + String.join(", ", failedTables),
          firstFailure,
          "Readers that filter on committed runs (docs/reliability.md) are not affected; the next"
              + " run of this as-of removes them.");
    }
  }
}
