package io.revattr.jobs.ledger;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.delta.tables.DeltaTable;
import io.revattr.jobs.io.DeltaRetry;
import io.revattr.jobs.io.DeltaTables;
import io.revattr.jobs.io.FaultPoints;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code runs} Delta table: one row per run that committed or failed while writing, appended
 * after every other table of the run was written. It is the commit point of a run: a result table's
 * rows belong to a committed run when their {@code (as_of, run_id)} is the latest succeeded run of
 * that as-of here (see {@link #committedRuns}).
 */
public final class RunLedger {
  /**
   * Delta's errors when a table is created, or read, where another creator has begun to write it:
   * files, but no commit yet.
   */
  private static final Set<String> CREATION_UNDER_WAY =
      Set.of(
          "DELTA_CREATE_TABLE_WITH_NON_EMPTY_LOCATION",
          "DELTA_TABLE_NOT_FOUND",
          "DELTA_MISSING_DELTA_TABLE");

  /** The table's name under the output directory. */
  public static final String RUNS = "runs";

  private static final StructType INPUT =
      new StructType()
          .add("table", DataTypes.StringType)
          .add("read", DataTypes.LongType)
          .add("used", DataTypes.LongType)
          .add("collapsed_duplicates", DataTypes.LongType)
          .add("quarantined", DataTypes.LongType)
          .add("quarantined_by_reason", MapType.apply(DataTypes.StringType, DataTypes.LongType));

  private static final StructType MODEL_CHECK =
      new StructType()
          .add("model", DataTypes.StringType)
          .add("opportunities", DataTypes.LongType)
          .add("credit_mismatches", DataTypes.LongType)
          .add("revenue_mismatches", DataTypes.LongType)
          .add("negative_credits", DataTypes.LongType)
          .add("reconciles", DataTypes.BooleanType);

  /** The schema of the runs table. */
  public static final StructType SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType)
          .add("as_of", DataTypes.DateType)
          .add("status", DataTypes.StringType)
          .add("started_at", DataTypes.TimestampType)
          .add("ended_at", DataTypes.TimestampType)
          .add("config", DataTypes.StringType)
          .add("models", ArrayType.apply(DataTypes.StringType))
          .add("inputs", ArrayType.apply(INPUT))
          .add("inputs_reconcile", DataTypes.BooleanType)
          .add("outputs", MapType.apply(DataTypes.StringType, DataTypes.LongType))
          .add("model_checks", ArrayType.apply(MODEL_CHECK))
          .add("credits_reconcile", DataTypes.BooleanType)
          .add("error", DataTypes.StringType)
          .add("revattr_version", DataTypes.StringType)
          .add("spark_version", DataTypes.StringType)
          .add("input", DataTypes.StringType)
          .add("input_catalog", DataTypes.StringType)
          .add("input_format", DataTypes.StringType);

  private final SparkSession spark;
  private final String outputDir;

  public RunLedger(SparkSession spark, String outputDir) {
    this.spark = spark;
    this.outputDir = outputDir;
  }

  /** Where the runs table lives. */
  public String location() {
    return outputDir + "/" + RUNS;
  }

  /** The ids of the succeeded runs of {@code asOf} (none when there is no runs table yet). */
  public Set<String> succeededRunIds(LocalDate asOf) {
    if (!DeltaTables.isTableAt(spark, location())) {
      return Set.of();
    }
    Set<String> ids = new TreeSet<>();
    // The succeeded runs of one as-of: one row per nightly re-run of it, small.
    for (Row r :
        runsOf(asOf)
            .filter(col("status").equalTo(RunRecord.SUCCEEDED))
            .select("run_id")
            .collectAsList()) {
      ids.add(r.getString(0));
    }
    return ids;
  }

  /**
   * Commits a succeeded run: adds its row unless another run of its as-of has succeeded that is not
   * in {@code knownSucceeded} (read before the run began to stage: that run's retire may have
   * removed this run's staged rows) or that started after this one (a larger id: this run's retire
   * would leave its rows, and it may have removed this run's). The check and the insert are one
   * Delta MERGE into a table that exists before it (created here when needed), so that of two runs
   * of one as-of committing at once, one commits and the other's transaction conflicts, is retried
   * and then finds the first.
   *
   * @return the runs that keep this one from committing: empty when it is committed
   */
  public Set<String> commit(RunRecord run, Set<String> knownSucceeded) {
    Column refusing =
        col("t.run_id")
            .isin(knownSucceeded.toArray())
            .unary_$bang()
            .or(col("t.run_id").gt(col("s.run_id")));
    Column condition =
        col("t.as_of")
            .equalTo(col("s.as_of"))
            .and(col("t.status").equalTo(RunRecord.SUCCEEDED))
            .and(refusing);
    DeltaRetry.run(
        "commit to " + RUNS,
        () -> {
          createRunsTable();
          whileAnotherRunCreatesRuns(
              () ->
                  DeltaTable.forPath(spark, location())
                      .as("t")
                      .merge(spark.createDataFrame(List.of(toRow(run)), SCHEMA).as("s"), condition)
                      // A runs table of an earlier version gains the columns added since.
                      .withSchemaEvolution()
                      .whenNotMatched()
                      .insertAll()
                      .execute());
        });
    FaultPoints.reached("merged");
    if (!runsOf(run.asOf()).filter(col("run_id").equalTo(run.runId())).isEmpty()) {
      return Set.of();
    }
    return refusing(run, knownSucceeded);
  }

  /**
   * The succeeded runs of the run's as-of that keep it from committing: those not in {@code
   * knownSucceeded} (read before it began to stage) and those that started after it.
   */
  public Set<String> refusing(RunRecord run, Set<String> knownSucceeded) {
    Set<String> refusedBy = new TreeSet<>();
    for (String id : succeededRunIds(run.asOf())) {
      if (!knownSucceeded.contains(id) || id.compareTo(run.runId()) > 0) {
        refusedBy.add(id);
      }
    }
    return refusedBy;
  }

  /**
   * Appends the run's row in one Delta transaction (a blind append never conflicts): for a failed
   * run; a succeeded one is {@link #commit}ted.
   */
  public void append(RunRecord run) {
    Dataset<Row> row = spark.createDataFrame(List.of(toRow(run)), SCHEMA);
    DeltaRetry.run(
        "append to " + RUNS,
        () ->
            row.write()
                .format("delta")
                .mode("append")
                // A runs table of an earlier version gains the columns added since.
                .option("mergeSchema", "true")
                .save(location()));
  }

  /** Creates the runs table if it does not exist. */
  private void createRunsTable() {
    whileAnotherRunCreatesRuns(
        () ->
            DeltaTable.createIfNotExists(spark).location(location()).addColumns(SCHEMA).execute());
  }

  /**
   * Runs {@code action} on the runs table; when another run is creating that table at the same
   * moment (its location holds the other's files but no commit yet: Delta refuses to create the
   * table there, or takes it for absent), raises a concurrent-modification conflict instead, so
   * that {@link DeltaRetry} waits and tries again once the table exists.
   */
  private void whileAnotherRunCreatesRuns(Runnable action) {
    try {
      action.run();
    } catch (Exception e) {
      // Delta's AnalysisException is checked to Java, thrown undeclared.
      if (e instanceof AnalysisException analysis
          && CREATION_UNDER_WAY.contains(analysis.getErrorClass())) {
        throw new ConcurrentModificationException(
            RUNS
                + " is not a Delta table yet (another run may be creating it): "
                + analysis.getMessage(),
            analysis);
      }
      throw e;
    }
  }

  private Dataset<Row> runsOf(LocalDate asOf) {
    return spark
        .read()
        .format("delta")
        .load(location())
        .filter(col("as_of").equalTo(lit(Date.valueOf(asOf))));
  }

  /**
   * The committed run of every as-of: {@code as_of, run_id} of its succeeded run with the largest
   * id. {@link #commit} commits no run while a run of its as-of with a larger id has succeeded, so
   * that one is the latest committed, whatever the hosts' clocks wrote as {@code ended_at}. Join a
   * result table to it on both columns to read committed rows only.
   */
  public static Dataset<Row> committedRuns(SparkSession spark, String outputDir) {
    return spark
        .read()
        .format("delta")
        .load(outputDir + "/" + RUNS)
        .filter(col("status").equalTo(RunRecord.SUCCEEDED))
        .groupBy("as_of")
        .agg(max(col("run_id")).as("run_id"));
  }

  /** The committed rows of a result table: those of the committed run of their as-of. */
  public static Dataset<Row> committedRows(SparkSession spark, String outputDir, String table) {
    Dataset<Row> rows = spark.read().format("delta").load(outputDir + "/" + table);
    return rows.join(
        committedRuns(spark, outputDir), new String[] {"as_of", "run_id"}, "left_semi");
  }

  private static Row toRow(RunRecord run) {
    List<Row> inputs = new ArrayList<>();
    for (TableCounts t : run.inputs()) {
      inputs.add(
          RowFactory.create(
              t.table(),
              t.read(),
              t.used(),
              t.collapsed(),
              t.quarantined(),
              scalaMap(t.quarantinedByReason())));
    }
    List<Row> checks = new ArrayList<>();
    for (ModelCheck c : run.modelChecks()) {
      checks.add(
          RowFactory.create(
              c.model(),
              c.opportunities(),
              c.creditMismatches(),
              c.revenueMismatches(),
              c.negativeCredits(),
              c.reconciles()));
    }
    return RowFactory.create(
        run.runId(),
        Date.valueOf(run.asOf()),
        run.status(),
        Timestamp.from(run.startedAt()),
        Timestamp.from(run.endedAt()),
        run.config(),
        scalaSeq(run.models()),
        scalaSeq(inputs),
        run.inputsReconcile(),
        scalaMap(run.outputs()),
        scalaSeq(checks),
        run.creditsReconcile(),
        run.error(),
        run.origin().revattrVersion(),
        run.origin().sparkVersion(),
        run.origin().input(),
        run.origin().inputCatalog(),
        run.origin().inputFormat());
  }

  private static <T> scala.collection.immutable.Seq<T> scalaSeq(List<T> values) {
    return scala.jdk.javaapi.CollectionConverters.asScala(values).toList();
  }

  private static <K, V> scala.collection.Map<K, V> scalaMap(Map<K, V> values) {
    return scala.jdk.javaapi.CollectionConverters.asScala(values);
  }
}
