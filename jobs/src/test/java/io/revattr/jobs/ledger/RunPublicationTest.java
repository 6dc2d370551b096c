package io.revattr.jobs.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revattr.common.error.ErrorKind;
import io.revattr.common.error.RevattrException;
import io.revattr.jobs.io.FaultPoints;
import io.revattr.jobs.io.ResultWriter;
import io.revattr.testsupport.SharedSpark;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publication on hand-made tables. The checks before a commit: a run whose credits do not reconcile
 * is not committed (the as-of's committed rows stay those of the run before it, and the run is
 * recorded as failed); a run whose staged rows another run's commit retired meanwhile withdraws,
 * naming that run, instead of reporting its missing rows as a bug. After the commit: when both the
 * registration and the retire fail, the failure names both.
 */
class RunPublicationTest {
  private static final LocalDate AS_OF = LocalDate.parse("2025-12-31");
  private static final String CREDITS = "attribution_credits";
  private static final String QUARANTINE = "quarantine";
  private static final String LATE = "journey_touches";
  private static final String GOOD_CREDITS =
      "('o1', 0.6D, 60.0D), ('o1', 0.4D, 40.0D), ('o2', 1.0D, 0.0D)";
  private static final TableCounts NOTHING_QUARANTINED =
      new TableCounts("opportunities", 2, 2, 0, Map.of());

  @TempDir Path output;

  @Test
  void creditsThatDoNotAddUpKeepTheCommittedRunsRows() {
    SparkSession spark = SharedSpark.spark();
    publish("r1", creditsOnly(GOOD_CREDITS), NOTHING_QUARANTINED);

    // o1's credits add up to 0.9: a model bug.
    String broken = "('o1', 0.5D, 50.0D), ('o1', 0.4D, 40.0D), ('o2', 1.0D, 0.0D)";
    assertThatThrownBy(() -> publish("r2", creditsOnly(broken), NOTHING_QUARANTINED))
        .isInstanceOf(RevattrException.class)
        .satisfies(e -> assertThat(((RevattrException) e).kind()).isEqualTo(ErrorKind.FAILURE))
        .hasMessageContaining("The credits of run r2 do not reconcile; the run is not committed")
        .hasMessageContaining(
            "linear: 1 of 2 opportunities with credits not adding up to 1, 1 with revenue credits"
                + " not adding up to the won amount, 0 negative credits");

    assertThat(
            RunLedger.committedRows(spark, output.toString(), CREDITS)
                .select("run_id", "opportunity_id", "credit")
                .collectAsList()
                .stream()
                .map(Row::toString)
                .sorted())
        .containsExactly("[r1,o1,0.4]", "[r1,o1,0.6]", "[r1,o2,1.0]");
    assertThat(statuses()).containsExactly("[r1,succeeded]", "[r2,failed]");
  }

  @Test
  void aRunWhoseStagedRowsALaterRunsCommitRetiredWithdrawsNamingThatRun() {
    // Two touches quarantined: the quarantine table must hold two rows of the run.
    TableCounts twoQuarantined = new TableCounts("touchpoints", 5, 3, 0, Map.of("null_key", 2L));
    Consumer<RunPublication.Stage> both =
        stage -> {
          stage.table(QUARANTINE, quarantineRows());
          stage.table(CREDITS, credits(GOOD_CREDITS));
        };
    // r1 stages both tables; r2, a retry of the as-of started later, publishes meanwhile: its
    // commit retires the rows of every earlier run, r1's staged ones among them. r1 then stages
    // one more table, whose rows it must withdraw.
    Consumer<RunPublication.Stage> overtaken =
        both.andThen(stage -> publish("r2", both, twoQuarantined))
            .andThen(stage -> stage.table(LATE, credits(GOOD_CREDITS)));

    assertThatThrownBy(() -> publish("r1", overtaken, twoQuarantined))
        .isInstanceOf(RevattrException.class)
        .satisfies(e -> assertThat(((RevattrException) e).kind()).isEqualTo(ErrorKind.FAILURE))
        .hasMessageContaining("Run r1 of as-of 2025-12-31 is not committed: run r2 of the same")
        .hasMessageNotContaining("bug in revattr")
        .satisfies(
            e ->
                assertThat(e.getSuppressed())
                    .singleElement()
                    .satisfies(
                        s ->
                            assertThat(s)
                                .hasMessageContaining(
                                    "The quarantine table holds 0 rows of run r1")));
    assertThat(
            RunLedger.committedRuns(SharedSpark.spark(), output.toString())
                .collectAsList()
                .toString())
        .isEqualTo("[[2025-12-31,r2]]");
    assertThat(statuses()).containsExactly("[r1,failed]", "[r2,succeeded]");
    assertThat(rows(LATE).count()).as("r1's rows staged after r2's retire").isZero();
  }

  @Test
  void aCheckFailingWhileAnEarlierRunCommitsIsStillTheBugItSays() {
    // r1, started before r2, commits while r2 stages: its retire removes none of r2's rows, so
    // r2's credits failing their check is a bug, not r1's doing.
    String broken = "('o1', 0.5D, 50.0D), ('o1', 0.4D, 40.0D), ('o2', 1.0D, 0.0D)";
    Consumer<RunPublication.Stage> besideAnEarlierCommit =
        creditsOnly(broken)
            .andThen(stage -> publish("r1", creditsOnly(GOOD_CREDITS), NOTHING_QUARANTINED));

    assertThatThrownBy(() -> publish("r2", besideAnEarlierCommit, NOTHING_QUARANTINED))
        .isInstanceOf(RevattrException.class)
        .hasMessageContaining("The credits of run r2 do not reconcile")
        .hasMessageContaining("This is a bug in revattr.");
    assertThat(statuses()).containsExactly("[r1,succeeded]", "[r2,failed]");
  }

  @Test
  void aRunRefusedBecauseAnEarlierRunCommittedWhileItStagedWithdrawsItsRows() {
    // r2 stages; r1, started before it (a smaller id), publishes meanwhile and commits. r1's
    // retire leaves r2's rows (a later run's), so r2, refused at its commit, must remove them.
    Consumer<RunPublication.Stage> overtaken =
        creditsOnly(GOOD_CREDITS)
            .andThen(stage -> publish("r1", creditsOnly(GOOD_CREDITS), NOTHING_QUARANTINED));

    assertThatThrownBy(() -> publish("r2", overtaken, NOTHING_QUARANTINED))
        .isInstanceOf(RevattrException.class)
        .hasMessageContaining("Run r2 of as-of 2025-12-31 is not committed: run r1 of the same");
    assertThat(runIdsIn(CREDITS)).isEqualTo("[[r1]]");
    assertThat(statuses()).containsExactly("[r1,succeeded]", "[r2,failed]");
  }

  @Test
  void aRegistrationAndARetireFailingAfterTheCommitAreBothSaidInItsMessage() {
    System.setProperty(FaultPoints.PROPERTY, "registered;retiring:" + CREDITS);
    try {
      assertThatThrownBy(() -> publish("r1", creditsOnly(GOOD_CREDITS), NOTHING_QUARANTINED))
          .isInstanceOf(RevattrException.class)
          .satisfies(
              e -> assertThat(((RevattrException) e).kind()).isEqualTo(ErrorKind.AFTER_COMMIT))
          .hasMessageContaining(
              "Run r1 as of 2025-12-31 is committed, but registering the tables by name failed:"
                  + " IllegalStateException: injected failure at registered")
          .hasMessageContaining(
              "the next run registers them. Then removing older runs' rows from"
                  + " attribution_credits failed too: IllegalStateException: injected failure at"
                  + " retiring:attribution_credits");
    } finally {
      System.clearProperty(FaultPoints.PROPERTY);
    }
    assertThat(statuses()).containsExactly("[r1,succeeded]");
  }

  @Test
  void aRunWhoseCommitLandedBeforeAFailureIsCommittedAndRetiresTheOlderRows() {
    publish("r1", creditsOnly(GOOD_CREDITS), NOTHING_QUARANTINED);
    // r2's row is merged into runs, then reading it back fails.
    System.setProperty(FaultPoints.PROPERTY, "merged");
    try {
      assertThatThrownBy(() -> publish("r2", creditsOnly(GOOD_CREDITS), NOTHING_QUARANTINED))
          .isInstanceOf(RevattrException.class)
          .satisfies(
              e -> assertThat(((RevattrException) e).kind()).isEqualTo(ErrorKind.AFTER_COMMIT))
          .hasMessageContaining("Run r2 as of 2025-12-31 is committed, but confirming its commit")
          .hasMessageContaining("injected failure at merged");
    } finally {
      System.clearProperty(FaultPoints.PROPERTY);
    }
    // No failed row for a committed run, and its retire ran: only r2's rows are left.
    assertThat(statuses()).containsExactly("[r1,succeeded]", "[r2,succeeded]");
    assertThat(runIdsIn(CREDITS)).isEqualTo("[[r2]]");
  }

  @Test
  void aRunThatCannotReadWhetherItsCommitLandedSaysSoAndRecordsNoFailure() {
    publish("r1", creditsOnly(GOOD_CREDITS), NOTHING_QUARANTINED);
    // r2's row is merged into runs, reading it back fails, and so does the read that would tell.
    System.setProperty(FaultPoints.PROPERTY, "merged;confirming");
    try {
      assertThatThrownBy(() -> publish("r2", creditsOnly(GOOD_CREDITS), NOTHING_QUARANTINED))
          .isInstanceOf(RevattrException.class)
          .satisfies(e -> assertThat(((RevattrException) e).kind()).isEqualTo(ErrorKind.FAILURE))
          .hasMessageContaining(
              "Run r2 of as-of 2025-12-31 failed while committing, and runs cannot be read to tell"
                  + " whether its commit landed")
          .hasMessageContaining("injected failure at merged")
          .hasMessageContaining("If " + output.resolve(RunLedger.RUNS) + " has a succeeded row");
    } finally {
      System.clearProperty(FaultPoints.PROPERTY);
    }
    // It had landed: r2 is committed, with no failed row beside it; r1's rows wait for the next
    // run's retire.
    assertThat(statuses()).containsExactly("[r1,succeeded]", "[r2,succeeded]");
    assertThat(runIdsIn(CREDITS)).contains("[r1]", "[r2]");
  }

  /** Every row of {@code table} under the output, whatever its run. */
  private Dataset<Row> rows(String table) {
    return SharedSpark.spark().read().format("delta").load(output.resolve(table).toString());
  }

  /** The distinct run ids of {@code table}'s rows, as Spark prints them. */
  private String runIdsIn(String table) {
    return rows(table).select("run_id").distinct().collectAsList().toString();
  }

  private List<String> statuses() {
    return rows(RunLedger.RUNS).select("run_id", "status").collectAsList().stream()
        .map(Row::toString)
        .sorted()
        .toList();
  }

  private static Dataset<Row> opportunities() {
    // o1 won 100; o2 open.
    return SharedSpark.spark()
        .sql(
            "SELECT * FROM VALUES ('o1', 'won', 100.0D), ('o2', 'open', 40.0D)"
                + " AS t(opportunity_id, stage, amount)");
  }

  private static Dataset<Row> quarantineRows() {
    return SharedSpark.spark()
        .sql(
            "SELECT * FROM VALUES ('touchpoints', 't8'), ('touchpoints', 't9')"
                + " AS t(source_table, record_key)");
  }

  private static Consumer<RunPublication.Stage> creditsOnly(String rows) {
    return stage -> stage.table(CREDITS, credits(rows));
  }

  private static Dataset<Row> credits(String rows) {
    return SharedSpark.spark()
        .sql(
            "SELECT 'linear' AS model, * FROM VALUES "
                + rows
                + " AS t(opportunity_id, credit, revenue_credit)");
  }

  private void publish(String runId, Consumer<RunPublication.Stage> tables, TableCounts inputs) {
    SparkSession spark = SharedSpark.spark();
    ResultWriter writer = new ResultWriter(spark, output.toString(), null, AS_OF, runId);
    RunRecord run =
        RunRecord.started(
            runId,
            AS_OF,
            Instant.parse("2026-01-01T00:00:00Z"),
            "{}",
            List.of("linear"),
            List.of(inputs),
            new RunOrigin("0.1-test", "4.x", "/warehouse", null, "csv"));
    new RunPublication(writer, new RunLedger(spark, output.toString()), AS_OF)
        .publish(tables, run, QUARANTINE, CREDITS, opportunities());
  }
}
