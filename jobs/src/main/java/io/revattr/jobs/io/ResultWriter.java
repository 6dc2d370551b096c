package io.revattr.jobs.io;

import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.revattr.common.error.Errors;
import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Writes result tables as Delta under the output directory, partitioned by {@code as_of} and {@code
 * run_id}, and registers them by name.
 *
 * <p>A run's rows reach a table in two steps around the run's commit (its row in the {@code runs}
 * table, written after every table): {@link #stage} adds the run's rows for its as-of and removes
 * no other run's; after the commit, {@link #retire} removes the as-of's rows of every run that
 * started before this one (run ids sort by start): the committed run it replaces and runs that
 * never committed. A run that fails or is killed at any point leaves the committed run's rows in
 * every table, rows of other as-of dates are never touched, and once a run has retired the older
 * rows each as-of holds exactly its rows (and those of a run started later, still writing).
 */
public final class ResultWriter {
  /** The as-of column of every result table, its first partition column. */
  public static final String AS_OF = "as_of";

  /** The run id column of every result table, its second partition column. */
  public static final String RUN_ID = "run_id";

  /**
   * The partition columns of a result table this version creates. With {@code run_id} among them,
   * every step of a run's publication acts on whole files by the log alone: staging adds files, and
   * retiring or withdrawing deletes the files of a partition without reading them, where a
   * predicate on a data column has Delta scan the files to find the rows it matches and rewrite
   * them. Each as-of keeps one committed run's rows, so there are as many partitions as before
   * (and, for a moment, those of a run being staged).
   */
  public static final List<String> PARTITION_COLUMNS = List.of(AS_OF, RUN_ID);

  /**
   * The Delta table properties a result table is created with: no file statistics. Delta otherwise
   * computes the minimum, maximum and null count of the first 32 columns of every written row,
   * which cost a third of the time of writing the credits (1M touches: 13.6 s -> 9.3 s), and would
   * skip nothing: every file holds opportunities, models and channels across their whole range, and
   * the partition values of {@code as_of} and {@code run_id} already pick a run's files. A table
   * that exists keeps its own properties (see docs/tables.md to change them).
   */
  public static final Map<String, String> TABLE_PROPERTIES =
      Map.of("delta.dataSkippingNumIndexedCols", "0");

  private final SparkSession spark;
  private final String outputDir;
  private final String catalogDatabase;
  private final LocalDate asOf;
  private final String runId;
  private final Set<String> staged = new LinkedHashSet<>();
  private final TableRegistry registry;

  /**
   * @param spark the session
   * @param outputDir where the Delta tables live
   * @param catalogDatabase the catalog database to register the tables in, or null for the
   *     session's current one
   * @param asOf the run's as-of date
   * @param runId the run's id
   */
  public ResultWriter(
      SparkSession spark, String outputDir, String catalogDatabase, LocalDate asOf, String runId) {
    this.spark = spark;
    this.outputDir = outputDir;
    this.catalogDatabase = catalogDatabase;
    this.asOf = asOf;
    this.runId = runId;
    this.registry = new TableRegistry(spark, catalogDatabase);
  }

  /**
   * Checks that {@code outputDir} can be written, so that a run stops with a usage error before it
   * reads any input, not after it has validated every table. An empty file is created and removed
   * at once (a kill in between can leave it) in the output directory when it exists; when it does
   * not, on a local file system, in its nearest existing parent, which must be a directory, so that
   * a run that stops here leaves no output directory behind. On other file systems (object stores,
   * where a prefix need not exist and the bucket's root may not be writable) a new output is not
   * probed: its first write tells.
   */
  public static void checkWritable(SparkSession spark, String outputDir) {
    checkWritable(spark, outputDir, "--output");
  }

  /**
   * Checks that {@code dir}, given as {@code option}, can be written, as {@link
   * #checkWritable(SparkSession, String)} checks the output.
   */
  public static void checkWritable(SparkSession spark, String dir, String option) {
    Path output = new Path(dir);
    try {
      FileSystem fs = output.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Path existing = output;
      if (!fs.exists(output)) {
        if (!"file".equals(fs.getScheme())) {
          return;
        }
        while (!fs.exists(existing) && existing.getParent() != null) {
          existing = existing.getParent();
        }
      }
      if (!fs.getFileStatus(existing).isDirectory()) {
        throw new IOException(existing + " is a file, not a directory");
      }
      Path probe = new Path(existing, "._revattr_write_check_" + UUID.randomUUID());
      try {
        fs.create(probe, false).close();
      } finally {
        fs.delete(probe, false);
      }
    } catch (IOException e) {
      throw notWritable(option, dir, e);
    } catch (FSError e) {
      // Hadoop's local file system reports a failed write (a full disk) as an Error.
      throw notWritable(option, dir, e.getCause() == null ? e : e.getCause());
    }
  }

  private static RuntimeException notWritable(String option, String dir, Throwable why) {
    return Errors.usage(
        option
            + " "
            + dir
            + " cannot be written ("
            + Errors.describe(why)
            + "). Give a directory this job can create and write.");
  }

  /** The location of a result table. */
  public String location(String table) {
    return outputDir + "/" + table;
  }

  /** The name the table is registered under. */
  public String qualifiedName(String table) {
    return catalogDatabase == null ? table : catalogDatabase + "." + table;
  }

  /** The tables staged so far, in order. */
  public List<String> stagedTables() {
    return List.copyOf(staged);
  }

  /**
   * Adds {@code rows} (with as_of and run_id) to {@code table} in one Delta transaction. Columns
   * the table lacks are added to it (earlier rows read them as null). Retried when a concurrent
   * commit conflicts.
   *
   * <p>The first attempt appends, reading nothing of the table: an overwrite of the run's own
   * partition would have Delta list the table's files and plan a delete of none at every write
   * (with a few rows per table, about three quarters of a stage's driver time). A retry replaces
   * the run's own rows instead: on an object store, a commit whose reply was lost is retried by
   * Delta's log store and then reported as a conflict with itself when it carried a schema change
   * or created the table, so the first attempt's rows may be in the table, and appending them again
   * would duplicate them.
   *
   * @return the rows as written: {@link #stagedRows} of the table
   */
  public Dataset<Row> stage(String table, Dataset<Row> rows) {
    Dataset<Row> stamped =
        rows.withColumn(AS_OF, lit(java.sql.Date.valueOf(asOf))).withColumn(RUN_ID, lit(runId));
    DeltaRetry.runAttempt(
        "write " + table,
        attempt -> {
          DataFrameWriter<Row> write =
              stamped
                  .write()
                  .format("delta")
                  // A table's columns can grow between runs: model_comparison has one per model,
                  // and a run may compute more models than the runs before it.
                  .option("mergeSchema", "true")
                  .options(TABLE_PROPERTIES);
          write =
              attempt == 1
                  ? write.mode("append")
                  : write.mode("overwrite").option("replaceWhere", ownRows());
          // A table that exists keeps its partitioning: one created by an earlier version is
          // partitioned by as_of alone, and Delta refuses a write that names other columns.
          if (!DeltaTables.isTableAt(spark, location(table))) {
            write = write.partitionBy(PARTITION_COLUMNS.toArray(String[]::new));
          }
          write.save(location(table));
          FaultPoints.reached("landed:" + table);
        });
    staged.add(table);
    return stagedRows(table);
  }

  /**
   * This run's rows of a staged table, read back from its files, without as_of and run_id. A reader
   * of a few columns reads only those from the Parquet files, and the partition values skip every
   * other run's files.
   */
  public Dataset<Row> stagedRows(String table) {
    return spark.read().format("delta").load(location(table)).filter(ownRows()).drop(AS_OF, RUN_ID);
  }

  /**
   * Removes the as-of's rows of every run that started before this one from {@code table}, in one
   * Delta transaction (which removes whole partitions, without reading them); call it only once the
   * run is committed. A run started later may be writing its own rows: they stay (and if it
   * commits, it replaces this one).
   */
  public void retire(String table) {
    DeltaRetry.run(
        "retire older runs of " + table,
        () ->
            DeltaTable.forPath(spark, location(table))
                .delete(asOfCondition() + " AND " + RUN_ID + " < " + quoted(runId)));
  }

  /**
   * Removes this run's rows from {@code table}: for a run that another run kept from committing.
   */
  public void withdraw(String table) {
    DeltaRetry.run(
        "withdraw the run's rows of " + table,
        () -> DeltaTable.forPath(spark, location(table)).delete(ownRows()));
  }

  /**
   * Registers the table's location under its name (see {@link TableRegistry}: a name registered at
   * another output moves to this one). Once the run is committed: the names of an output's tables
   * move together, with its runs table, which the committed views of the tables read.
   */
  public void register(String table) {
    registry.register(table, location(table));
  }

  private String ownRows() {
    return asOfCondition() + " AND " + RUN_ID + " = " + quoted(runId);
  }

  private String asOfCondition() {
    return AS_OF + " = DATE'" + asOf + "'";
  }

  static String quoted(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
