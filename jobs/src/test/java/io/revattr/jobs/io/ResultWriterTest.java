package io.revattr.jobs.io;

import static io.revattr.testsupport.DataFrameAssert.assertRows;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revattr.common.error.ErrorKind;
import io.revattr.common.error.RevattrException;
import io.revattr.jobs.UnreadableFiles;
import io.revattr.testsupport.Frames;
import io.revattr.testsupport.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What staging returns is what the run itself wrote: the tables built from it (the analyst tables
 * from the credits) must see neither the as-of's committed run nor another as-of.
 */
class ResultWriterTest {
  private static final String TABLE = "result_writer_test_credits";
  private static final LocalDate AS_OF = LocalDate.parse("2025-12-31");
  private static final LocalDate OTHER_AS_OF = LocalDate.parse("2025-11-30");
  private static final StructType CREDITS =
      new StructType().add("touch_id", DataTypes.StringType).add("credit", DataTypes.DoubleType);

  @TempDir Path output;

  @Test
  void stagedRowsAreTheRunsOwnRowsWithoutItsAsOfAndRunId() {
    SparkSession spark = SharedSpark.spark();
    writer(AS_OF, "committed").stage(TABLE, credits("t1", 1.0));
    writer(OTHER_AS_OF, "other").stage(TABLE, credits("t2", 2.0));

    Dataset<Row> staged = writer(AS_OF, "rerun").stage(TABLE, credits("t3", 3.0, "t4", 4.0));

    assertThat(staged.columns()).containsExactly("touch_id", "credit");
    assertRows(staged, List.of(List.of("t3", 3.0), List.of("t4", 4.0)));
    // Every run's rows are still in the table until the rerun commits and retires the older ones.
    assertThat(spark.read().format("delta").load(output.resolve(TABLE).toString()).count())
        .isEqualTo(4);
  }

  @Test
  void aStageRetriedAfterItsFirstAttemptLandedHoldsTheRunsRowsOnce() {
    // The first attempt's commit lands and is then reported as a conflict, as Delta does when an
    // object store lost the reply to a commit that created a table or changed its schema.
    writer(AS_OF, "committed").stage(TABLE, credits("t1", 1.0));
    System.setProperty(FaultPoints.PROPERTY, "conflict-once:landed:" + TABLE);
    Dataset<Row> staged;
    try {
      staged = writer(AS_OF, "retried").stage(TABLE, credits("t2", 2.0, "t3", 3.0));
    } finally {
      System.clearProperty(FaultPoints.PROPERTY);
    }

    assertRows(staged, List.of(List.of("t2", 2.0), List.of("t3", 3.0)));
    assertThat(runIds()).containsExactly("committed", "retried");
    assertThat(
            SharedSpark.spark()
                .read()
                .format("delta")
                .load(output.resolve(TABLE).toString())
                .count())
        .isEqualTo(3);
  }

  @Test
  void stagingKeepsEveryOtherRunsRowsAndRetiringRemovesOnlyThoseOfRunsStartedEarlier() {
    // Run ids sort by start: r1 (committed), r2 (killed before its commit), r3 (committing), r4
    // (started later, still writing), and r0 of another as-of.
    writer(AS_OF, "r1").stage(TABLE, credits("t1", 1.0));
    writer(AS_OF, "r2").stage(TABLE, credits("t2", 2.0));
    ResultWriter committing = writer(AS_OF, "r3");
    committing.stage(TABLE, credits("t3", 3.0));
    writer(AS_OF, "r4").stage(TABLE, credits("t4", 4.0));
    writer(OTHER_AS_OF, "r0").stage(TABLE, credits("t0", 0.5));
    assertThat(runIds()).containsExactly("r0", "r1", "r2", "r3", "r4");

    committing.retire(TABLE);

    assertThat(runIds()).containsExactly("r0", "r3", "r4");
  }

  @Test
  void theWriteCheckOfANewOutputLeavesNothingBehind() throws IOException {
    Path parent = output.resolve("checked");
    Files.createDirectories(parent);
    ResultWriter.checkWritable(SharedSpark.spark(), parent.resolve("a/b/out").toString());
    try (Stream<Path> left = Files.list(parent)) {
      assertThat(left).isEmpty();
    }
    ResultWriter.checkWritable(SharedSpark.spark(), parent.toString());
    try (Stream<Path> left = Files.list(parent)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aFullDiskAtTheWriteCheckIsAUsageErrorThatSaysSo() throws IOException {
    SparkSession spark = SharedSpark.spark();
    String implKey = "fs." + FullDiskFileSystem.SCHEME + ".impl";
    spark.sparkContext().hadoopConfiguration().set(implKey, FullDiskFileSystem.class.getName());
    try {
      Path existing = Files.createDirectories(output.resolve("full"));
      String full = FullDiskFileSystem.SCHEME + "://" + existing;
      assertThatThrownBy(() -> ResultWriter.checkWritable(spark, full))
          .isInstanceOfSatisfying(
              RevattrException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.USAGE))
          .hasMessage(
              "--output %s cannot be written (IOException: No space left on device). Give a"
                  + " directory this job can create and write.",
              full);
    } finally {
      spark.sparkContext().hadoopConfiguration().unset(implKey);
    }
  }

  @Test
  void aRunWithMoreColumnsAddsThemToTheTable() {
    // model_comparison has a column per model: a run with more models than the table's first.
    writer(AS_OF, "committed").stage(TABLE, credits("t1", 1.0));
    Dataset<Row> wider = credits("t2", 2.0).withColumn("linear", lit(0.5));

    Dataset<Row> staged = writer(AS_OF, "rerun").stage(TABLE, wider);

    assertRows(staged, List.of(List.of("t2", 2.0, 0.5)));
    // The committed run's rows read the new column as null.
    assertRows(
        SharedSpark.spark()
            .read()
            .format("delta")
            .load(output.resolve(TABLE).toString())
            .filter("run_id = 'committed'")
            .select("touch_id", "linear"),
        List.of(Arrays.asList("t1", null)));
  }

  @Test
  void aNewTableIsPartitionedByAsOfAndRunIdWithoutFileStatistics() {
    writer(AS_OF, "first").stage(TABLE, credits("t1", 1.0, "t2", 2.0));

    assertThat(detail("partitionColumns").getList(0)).containsExactly("as_of", "run_id");
    assertThat(properties()).containsEntry("delta.dataSkippingNumIndexedCols", "0");
    List<String> stats = fileStatistics();
    assertThat(stats).isNotEmpty();
    for (String fileStats : stats) {
      assertThat(fileStats).doesNotContain("touch_id").doesNotContain("credit");
    }
    assertRows(
        writer(AS_OF, "first").stagedRows(TABLE), List.of(List.of("t1", 1.0), List.of("t2", 2.0)));
  }

  @Test
  void retiringAndWithdrawingRemoveARunsFilesWithoutReadingThem() throws IOException {
    writer(AS_OF, "r1").stage(TABLE, credits("t1", 1.0));
    ResultWriter committing = writer(AS_OF, "r2");
    committing.stage(TABLE, credits("t2", 2.0));
    ResultWriter kept = writer(AS_OF, "r3");
    kept.stage(TABLE, credits("t3", 3.0));
    // Unreadable data files: a removal that scans them for the rows it matches fails.
    UnreadableFiles.inPartition(output.resolve(TABLE), "run_id=r1");
    UnreadableFiles.inPartition(output.resolve(TABLE), "run_id=r3");

    committing.retire(TABLE);
    kept.withdraw(TABLE);

    assertThat(runIds()).containsExactly("r2");
  }

  @Test
  void anExistingTableKeepsItsOwnPartitioningAndProperties() {
    credits("t1", 1.0)
        .withColumn(ResultWriter.AS_OF, lit(Date.valueOf(AS_OF)))
        .withColumn(ResultWriter.RUN_ID, lit("older"))
        .write()
        .format("delta")
        .partitionBy(ResultWriter.AS_OF)
        // As earlier versions created their tables: statistics on run_id picked a run's files.
        .option("delta.dataSkippingStatsColumns", ResultWriter.RUN_ID)
        .save(output.resolve(TABLE).toString());

    ResultWriter writer = writer(AS_OF, "r1");
    writer.stage(TABLE, credits("t2", 2.0));
    writer.retire(TABLE);

    assertThat(detail("partitionColumns").getList(0)).containsExactly("as_of");
    assertThat(properties())
        .doesNotContainKey("delta.dataSkippingNumIndexedCols")
        .containsEntry("delta.dataSkippingStatsColumns", ResultWriter.RUN_ID);
    assertThat(runIds()).containsExactly("r1");
    assertRows(writer.stagedRows(TABLE), List.of(List.of("t2", 2.0)));
  }

  @Test
  void aTableInsideAnotherDeltaTableIsCreatedWithItsOwnPartitioning() {
    // The output directory is itself a Delta table's root: Delta takes every directory under it
    // for that table, yet the result table beneath is a new table of its own.
    credits("t1", 1.0).write().format("delta").save(output.toString());

    writer(AS_OF, "r1").stage(TABLE, credits("t2", 2.0));

    assertThat(detail("partitionColumns").getList(0)).containsExactly("as_of", "run_id");
    assertRows(writer(AS_OF, "r1").stagedRows(TABLE), List.of(List.of("t2", 2.0)));
  }

  @AfterEach
  void unregister() {
    SharedSpark.spark().sql("DROP TABLE IF EXISTS " + TABLE);
  }

  /** The run ids in the table, sorted. */
  private List<String> runIds() {
    return SharedSpark.spark()
        .read()
        .format("delta")
        .load(output.resolve(TABLE).toString())
        .select("run_id")
        .distinct()
        .orderBy("run_id")
        .as(Encoders.STRING())
        .collectAsList();
  }

  private Map<String, String> properties() {
    return detail("properties").getJavaMap(0);
  }

  private Row detail(String column) {
    return SharedSpark.spark()
        .sql("DESCRIBE DETAIL delta.`" + output.resolve(TABLE) + "`")
        .select(column)
        .first();
  }

  /** The statistics of every file the table's log adds, as the log records them. */
  private List<String> fileStatistics() {
    return SharedSpark.spark()
        .read()
        .json(output.resolve(TABLE).resolve("_delta_log").resolve("*.json").toString())
        .where("add IS NOT NULL")
        .select("add.stats")
        .as(Encoders.STRING())
        .collectAsList();
  }

  private ResultWriter writer(LocalDate asOf, String runId) {
    return new ResultWriter(SharedSpark.spark(), output.toString(), null, asOf, runId);
  }

  private static Dataset<Row> credits(Object... touchAndCredit) {
    Object[][] rows = new Object[touchAndCredit.length / 2][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new Object[] {touchAndCredit[2 * i], touchAndCredit[2 * i + 1]};
    }
    return Frames.of(CREDITS, rows);
  }
}
