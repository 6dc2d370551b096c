package io.revattr.jobs.ledger;

import static org.apache.spark.sql.functions.lit;

import io.revattr.common.error.Errors;
import io.revattr.common.error.RevattrException;
import io.revattr.jobs.io.FaultPoints;
import io.revattr.jobs.io.ResultWriter;
import io.revattr.jobs.spark.RunPhase;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FSError;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Publishes a run's result tables: stage every table, count and check what was written, commit by
 * adding the run's row to {@code runs} (unless another run of the as-of committed meanwhile: {@link
 * RunLedger#commit}), then retire the older runs' rows of the as-of.
 *
 * <p>Until the commit, every table still holds the committed run's rows of the as-of, so a failure
 * (or a killed JVM) at any point before it leaves the committed state as it was; after it, readers
 * that filter on committed runs see the new run in every table at once. A failure after staging
 * began and before the commit landed is recorded in {@code runs} with status {@value
 * RunRecord#FAILED} (when the JVM is still alive to do it); one after it is an after-commit error
 * ({@link AfterCommitSteps}).
 */
public final class RunPublication {
  private static final Logger LOG = LogManager.getLogger(RunPublication.class);

  private final ResultWriter writer;
  private final RunLedger ledger;
  private final LocalDate asOf;

  public RunPublication(ResultWriter writer, RunLedger ledger, LocalDate asOf) {
    this.writer = writer;
    this.ledger = ledger;
    this.asOf = asOf;
  }

  /** Stages result tables for {@link #publish}, one at a time, in the order they are given. */
  @FunctionalInterface
  public interface Stage {
    /**
     * Stages {@code rows} as the run's rows of {@code table}.
     *
     * @return the rows as written, read back from the table: a table built from them reads the
     *     written files (only the columns it needs) instead of computing the rows again
     */
    Dataset<Row> table(String table, Dataset<Row> rows);
  }

  /**
   * Publishes the tables and returns the committed run's record.
   *
   * @param tables stages every result table, in write order
   * @param run the started run (its id, inputs and models)
   * @param quarantineTable the name of the quarantine table among the staged ones
   * @param creditsTable the name of the credits table among the staged ones
   * @param opportunities the usable opportunities, the credits' reference
   */
  public RunRecord publish(
      Consumer<Stage> tables,
      RunRecord run,
      String quarantineTable,
      String creditsTable,
      Dataset<Row> opportunities) {
    // Before anything is staged: a run of the as-of that succeeds from now on (and may retire this
    // run's staged rows) is not among them, and makes this run's commit fail.
    Set<String> succeededBefore = ledger.succeededRunIds(asOf);
    RunRecord committed = null;
    boolean committing = false;
    AfterCommitSteps afterCommit = new AfterCommitSteps(writer, run.runId(), asOf);
    try {
      tables.accept(
          (table, rows) -> {
            RunPhase.enter(RunPhase.write(table));
            Dataset<Row> written = writer.stage(table, rows);
            FaultPoints.reached("staged:" + table);
            return written;
          });
      RunPhase.enter(RunPhase.RECONCILE);
      List<String> staged = writer.stagedTables();
      Map<String, Long> written = countWritten(staged);
      List<ModelCheck> checks;
      try {
        verifyQuarantine(written.getOrDefault(quarantineTable, 0L), run);
        checks =
            staged.contains(creditsTable)
                ? CreditReconciliation.check(
                    writer.stagedRows(creditsTable), opportunities, run.models())
                : List.of();
        verifyCredits(checks, run);
      } catch (RevattrException checkFailed) {
        throw overtakenOr(checkFailed, run, succeededBefore);
      }
      committed = run.ended(RunRecord.SUCCEEDED, written, checks, null);
      FaultPoints.reached("before-commit");
      RunPhase.enter(RunPhase.COMMIT);
      committing = true;
      Set<String> refusedBy = ledger.commit(committed, succeededBefore);
      if (!refusedBy.isEmpty()) {
        // Refused: no question of whether the commit landed.
        committing = false;
        throw notCommitted(run, refusedBy);
      }
    } catch (Exception | FSError e) {
      // Not only RuntimeException: Spark's and Delta's exceptions are checked ones to Java, thrown
      // undeclared; and Hadoop's local file system reports a failed write (a full disk) as an
      // FSError.
      Landing landing = committing ? landing(run, e) : Landing.NOT_LANDED;
      if (landing == Landing.UNKNOWN) {
        // No failed row either: beside a commit that landed, it would contradict it.
        throw mayHaveCommitted(run, e);
      }
      if (landing == Landing.NOT_LANDED) {
        recordFailure(run, e);
        throw e;
      }
      // The commit's row is in runs (a read after it, or a retry whose first attempt landed,
      // failed): the run is committed, and it goes on as one.
      afterCommit.failed(
          "confirming its commit",
          e,
          "Its row in runs says succeeded, so readers see its rows; the older runs' rows are"
              + " removed next (or by the next run of the as-of).");
    }
    FaultPoints.reached("committed");
    afterCommit.run();
    return committed;
  }

  /** The rows the run wrote to each table: one Spark job over the run's partitions. */
  private Map<String, Long> countWritten(List<String> tables) {
    Dataset<Row> counts = null;
    for (String table : tables) {
      Dataset<Row> one = writer.stagedRows(table).select(lit(table).as("table"));
      counts = counts == null ? one : counts.unionByName(one);
    }
    Map<String, Long> written = new LinkedHashMap<>();
    tables.forEach(t -> written.put(t, 0L));
    if (counts != null) {
      // One row per table: small.
      for (Row row : counts.groupBy("table").count().collectAsList()) {
        written.put(row.getString(0), row.getLong(1));
      }
    }
    return written;
  }

  /**
   * The failure of a check before the commit, or, when a run of the as-of that started after this
   * one committed meanwhile, the withdrawal of a run it overtook: that run's retire removed this
   * run's staged rows, which is why they do not add up, not a bug. (A run that started earlier
   * removes no rows of this one, so a check failing beside it is still the bug it says.)
   */
  private RuntimeException overtakenOr(
      RevattrException checkFailed, RunRecord run, Set<String> succeededBefore) {
    Set<String> later;
    try {
      later =
          ledger.refusing(run, succeededBefore).stream()
              .filter(id -> id.compareTo(run.runId()) > 0)
              .collect(Collectors.toCollection(TreeSet::new));
    } catch (Exception | FSError e) {
      // Spark's and Delta's exceptions are checked ones to Java, thrown undeclared.
      checkFailed.addSuppressed(e);
      return checkFailed;
    }
    if (later.isEmpty()) {
      return checkFailed;
    }
    RuntimeException failure = notCommitted(run, later);
    failure.addSuppressed(checkFailed);
    return failure;
  }

  /**
   * The failure of a run that another run of its as-of keeps from committing, once this run's rows
   * are removed (so that no reader of the as-of by its partition alone sees them; best effort: the
   * next run's retire removes what is left).
   */
  private RuntimeException notCommitted(RunRecord run, Set<String> refusedBy) {
    RuntimeException failure =
        Errors.failure(
            String.format(
                Locale.ROOT,
                "Run %s of as-of %s is not committed: run %s of the same as-of committed while it"
                    + " was writing, or started after it. Two runs of one as-of wrote to one output"
                    + " at once (docs/reliability.md); the first to commit is kept, and this run's"
                    + " rows are removed.",
                run.runId(),
                asOf,
                String.join(", ", refusedBy)),
            null);
    try {
      writer.stagedTables().forEach(writer::withdraw);
    } catch (Exception | FSError e) {
      // Spark's and Delta's exceptions are checked ones to Java, thrown undeclared.
      failure.addSuppressed(e);
    }
    return failure;
  }

  /**
   * Fails the run, before its commit, when the quarantine table does not hold as many of its rows
   * as validation quarantined.
   */
  static void verifyQuarantine(long written, RunRecord run) {
    long expected = run.inputs().stream().mapToLong(TableCounts::quarantined).sum();
    if (written != expected) {
      throw Errors.failure(
          String.format(
              Locale.ROOT,
              "The quarantine table holds %d rows of run %s, but validation quarantined %d"
                  + " records; the run is not committed. This is a bug in revattr.",
              written,
              run.runId(),
              expected),
          null);
    }
  }

  /**
   * Stops the run before its commit when a model's credits do not reconcile (an opportunity's
   * credits not adding up to 1, its revenue credits not to its won amount, or a negative credit):
   * every model gives such credits by construction, so a mismatch is a bug, and its numbers must
   * not replace the committed run's.
   */
  static void verifyCredits(List<ModelCheck> checks, RunRecord run) {
    List<String> failing =
        checks.stream()
            .filter(c -> !c.reconciles())
            .map(
                c ->
                    String.format(
                        Locale.ROOT,
                        "%s: %,d of %,d opportunities with credits not adding up to 1, %,d with"
                            + " revenue credits not adding up to the won amount, %,d negative"
                            + " credits",
                        c.model(),
                        c.creditMismatches(),
                        c.opportunities(),
                        c.revenueMismatches(),
                        c.negativeCredits()))
            .toList();
    if (!failing.isEmpty()) {
      throw Errors.failure(
          "The credits of run "
              + run.runId()
              + " do not reconcile; the run is not committed (the as-of's committed rows stay as"
              + " they were). This is a bug in revattr.\n  "
              + String.join("\n  ", failing),
          null);
    }
  }

  /** What a failure while committing left of the commit, as {@code runs} tells. */
  private enum Landing {
    /** The run's succeeded row is in {@code runs}: it is committed. */
    LANDED,
    /** It is not: nothing changed. */
    NOT_LANDED,
    /** {@code runs} cannot be read to tell. */
    UNKNOWN
  }

  private Landing landing(RunRecord run, Throwable failure) {
    try {
      FaultPoints.reached("confirming");
      return ledger.succeededRunIds(asOf).contains(run.runId())
          ? Landing.LANDED
          : Landing.NOT_LANDED;
    } catch (Exception | FSError e) {
      failure.addSuppressed(e);
      return Landing.UNKNOWN;
    }
  }

  /**
   * The failure of a run that sent its commit and then could not read {@code runs} to tell whether
   * it landed: the user must look, since a committed run's rows are what readers see.
   */
  private RuntimeException mayHaveCommitted(RunRecord run, Throwable failure) {
    return Errors.failure(
        String.format(
            Locale.ROOT,
            "Run %s of as-of %s failed while committing, and %s cannot be read to tell whether its"
                + " commit landed: %s. If %s has a succeeded row of run %s, the run is committed"
                + " (readers see its rows, and the next run of the as-of removes the older ones);"
                + " otherwise nothing changed and running it again is safe.",
            run.runId(),
            asOf,
            RunLedger.RUNS,
            Errors.describe(failure),
            ledger.location(),
            run.runId()),
        failure);
  }

  private void recordFailure(RunRecord run, Throwable failure) {
    try {
      FaultPoints.reached("record-failure");
      ledger.append(
          run.ended(
              RunRecord.FAILED,
              Map.of(),
              List.of(),
              failure.getClass().getSimpleName() + ": " + failure.getMessage()));
    } catch (Exception | FSError e) {
      // Whatever keeps the record from being written (Spark's checked exceptions, a full disk), the
      // run's own failure is the one reported.
      failure.addSuppressed(e);
      LOG.warn("could not record the failed run {} in the runs table", run.runId(), e);
    }
  }
}
