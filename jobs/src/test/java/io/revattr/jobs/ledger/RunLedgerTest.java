package io.revattr.jobs.ledger;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.revattr.testsupport.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run commits only when no other run of its as-of has committed since it began to stage: that
 * run's retire may have removed its staged rows.
 */
class RunLedgerTest {
  private static final LocalDate AS_OF = LocalDate.parse("2025-12-31");
  private static final LocalDate OTHER_AS_OF = LocalDate.parse("2025-11-30");

  private static final String[] ORIGIN_COLUMNS = {
    "revattr_version", "spark_version", "input", "input_catalog", "input_format"
  };

  @TempDir Path output;

  @Test
  void aRunCommitsWhenNoOtherRunOfItsAsOfCommittedSinceItBegan() {
    RunLedger ledger = new RunLedger(SharedSpark.spark(), output.toString());
    assertThat(ledger.succeededRunIds(AS_OF)).isEmpty();
    ledger.commit(succeeded("r1", AS_OF), Set.of());
    Set<String> before = ledger.succeededRunIds(AS_OF);
    // Meanwhile: a run of another as-of commits, and one of this as-of fails.
    ledger.commit(succeeded("r0", OTHER_AS_OF), Set.of());
    ledger.append(record("r2", AS_OF).ended(RunRecord.FAILED, Map.of(), List.of(), "boom"));

    assertThat(ledger.commit(succeeded("r3", AS_OF), before)).isEmpty();

    assertThat(before).containsExactly("r1");
    assertThat(ledger.succeededRunIds(AS_OF)).containsExactly("r1", "r3");
    assertThat(runIds()).containsExactly("r0", "r1", "r2", "r3");
  }

  @Test
  void theCommittedRunOfAnAsOfIsItsSucceededRunWithTheLargestIdWhateverTheClocks() {
    SparkSession spark = SharedSpark.spark();
    RunLedger ledger = new RunLedger(spark, output.toString());
    ledger.commit(succeeded("r1", AS_OF), Set.of());
    assertThat(ledger.commit(succeeded("r3", AS_OF), ledger.succeededRunIds(AS_OF))).isEmpty();
    ledger.append(record("r4", AS_OF).ended(RunRecord.FAILED, Map.of(), List.of(), "boom"));
    // r3 ran on a host whose clock is behind r1's: its ended_at is the earlier one.
    DeltaTable.forPath(spark, output.resolve(RunLedger.RUNS).toString())
        .update(
            col("run_id").equalTo("r3"),
            Map.of("ended_at", lit(Timestamp.valueOf("2000-01-01 00:00:00"))));

    assertThat(
            RunLedger.committedRuns(spark, output.toString()).collectAsList().stream()
                .map(r -> r.get(0) + "=" + r.get(1))
                .toList())
        .containsExactly(AS_OF + "=r3");
  }

  @Test
  void aRunDoesNotCommitWhenAnotherRunOfItsAsOfCommittedSinceItBegan() {
    RunLedger ledger = new RunLedger(SharedSpark.spark(), output.toString());
    ledger.commit(succeeded("r1", AS_OF), Set.of());
    Set<String> before = ledger.succeededRunIds(AS_OF);
    ledger.commit(succeeded("r2", AS_OF), before);

    assertThat(ledger.commit(succeeded("r3", AS_OF), before)).containsExactly("r2");
    assertThat(runIds()).containsExactly("r1", "r2");
  }

  @Test
  void aRunDoesNotCommitAfterARunThatStartedLater() {
    // r1 (a timed-out attempt) began to stage after its retry r2 had committed: r1's retire would
    // leave r2's rows, and r2's may have removed r1's.
    RunLedger ledger = new RunLedger(SharedSpark.spark(), output.toString());
    ledger.commit(succeeded("r2", AS_OF), Set.of());
    Set<String> before = ledger.succeededRunIds(AS_OF);

    assertThat(ledger.commit(succeeded("r1", AS_OF), before)).containsExactly("r2");
    assertThat(runIds()).containsExactly("r2");
  }

  @Test
  void theFirstRunOfAnOutputCommitsAndASecondThatBeganBeforeItDoesNot() {
    RunLedger ledger = new RunLedger(SharedSpark.spark(), output.toString());
    assertThat(ledger.commit(succeeded("r1", AS_OF), Set.of())).isEmpty();

    assertThat(ledger.commit(succeeded("r2", AS_OF), Set.of())).containsExactly("r1");
    assertThat(runIds()).containsExactly("r1");
  }

  @Test
  void ofTwoRunsCommittingAtOnceExactlyOneCommits() throws Exception {
    // Into a new output (both create the runs table) and into one with a committed run: whichever
    // wins, the other's MERGE conflicts, is retried and finds it (or runs after it and finds it).
    for (boolean existing : List.of(false, true)) {
      Path out = output.resolve(existing ? "existing" : "new");
      RunLedger ledger = new RunLedger(SharedSpark.spark(), out.toString());
      if (existing) {
        ledger.commit(succeeded("r0", AS_OF), Set.of());
      }
      Set<String> before = ledger.succeededRunIds(AS_OF);
      CyclicBarrier start = new CyclicBarrier(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Future<Boolean>> committed = new ArrayList<>();
      try {
        for (String runId : List.of("ra", "rb")) {
          committed.add(
              pool.submit(
                  () -> {
                    start.await();
                    return ledger.commit(succeeded(runId, AS_OF), before).isEmpty();
                  }));
        }
        assertThat(List.of(committed.get(0).get(), committed.get(1).get()))
            .as(existing ? "existing output" : "new output")
            .containsExactlyInAnyOrder(true, false);
      } finally {
        pool.shutdownNow();
      }
      assertThat(ledger.succeededRunIds(AS_OF)).hasSize(before.size() + 1);
    }
  }

  @Test
  void aRunCommitsWhileAnotherRunIsStillCreatingTheRunsTable() throws Exception {
    // The other run has begun to create runs: its location holds a file, no commit yet.
    Path runs = output.resolve(RunLedger.RUNS);
    Files.createDirectories(runs);
    Path unfinished = Files.writeString(runs.resolve("part-00000-of-another-run.parquet"), "");
    RunLedger ledger = new RunLedger(SharedSpark.spark(), output.toString());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Set<String>> committing =
          pool.submit(() -> ledger.commit(succeeded("r1", AS_OF), Set.of()));
      Thread.sleep(300);
      // The other creator goes away: here, its file vanishes and a retry creates the table (had
      // it finished, the retry would find its table).
      Files.delete(unfinished);
      assertThat(committing.get()).isEmpty();
    } finally {
      pool.shutdownNow();
    }
    assertThat(runIds()).containsExactly("r1");
  }

  @Test
  void aRunsTableOfAnEarlierVersionGainsTheOriginColumnsAndKeepsItsRows() {
    // An earlier version's runs table: today's row without the columns added since.
    SparkSession spark = SharedSpark.spark();
    Path current = output.resolve("current");
    new RunLedger(spark, current.toString()).commit(succeeded("r1", AS_OF), Set.of());
    spark
        .read()
        .format("delta")
        .load(current.resolve(RunLedger.RUNS).toString())
        .drop(ORIGIN_COLUMNS)
        .write()
        .format("delta")
        .save(output.resolve(RunLedger.RUNS).toString());
    RunLedger ledger = new RunLedger(spark, output.toString());

    assertThat(ledger.commit(succeeded("r2", AS_OF), Set.of("r1"))).isEmpty();
    ledger.append(record("r3", AS_OF).ended(RunRecord.FAILED, Map.of(), List.of(), "boom"));

    List<Row> rows =
        spark
            .read()
            .format("delta")
            .load(output.resolve(RunLedger.RUNS).toString())
            .select("run_id", ORIGIN_COLUMNS)
            .orderBy("run_id")
            .collectAsList();
    assertThat(rows)
        .extracting(Row::toString)
        .containsExactly(
            "[r1,null,null,null,null,null]",
            "[r2,0.1-test,4.x,/warehouse,null,csv]",
            "[r3,0.1-test,4.x,/warehouse,null,csv]");
    assertThat(ledger.succeededRunIds(AS_OF)).containsExactly("r1", "r2");
  }

  private List<String> runIds() {
    return SharedSpark.spark()
        .read()
        .format("delta")
        .load(output.resolve(RunLedger.RUNS).toString())
        .select("run_id")
        .orderBy("run_id")
        .as(Encoders.STRING())
        .collectAsList();
  }

  private static RunRecord succeeded(String runId, LocalDate asOf) {
    return record(runId, asOf).ended(RunRecord.SUCCEEDED, Map.of(), List.of(), null);
  }

  private static RunRecord record(String runId, LocalDate asOf) {
    return RunRecord.started(
        runId,
        asOf,
        Instant.now(),
        "{}",
        List.of("linear"),
        List.of(),
        new RunOrigin("0.1-test", "4.x", "/warehouse", null, "csv"));
  }
}
