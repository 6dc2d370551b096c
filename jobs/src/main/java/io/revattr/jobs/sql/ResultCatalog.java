package io.revattr.jobs.sql;

import io.revattr.common.error.Errors;
import io.revattr.jobs.io.DeltaTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Makes a run's result tables queryable by their names in a session.
 *
 * <p>The output directory is the catalog: each Delta table under it (a directory holding a {@code
 * _delta_log}) becomes a temporary view named after its directory, so that any later JVM can query
 * the tables of any earlier run by name without a metastore. On a cluster, the tables registered in
 * a catalog database are exposed the same way.
 *
 * <p>Every view but {@code runs} shows only the rows of committed runs: per as-of, the run with the
 * largest id whose status is {@value #SUCCEEDED} in {@code runs} (the latest committed: see {@link
 * io.revattr.jobs.ledger.RunLedger#committedRuns}). Rows of a run that failed, was killed or is
 * still writing are never seen, even those of a first run into an output that ended before it wrote
 * {@code runs}: with no {@code runs} table, no run is committed.
 */
public final class ResultCatalog {
  /** The run-history table, written last by every run. */
  public static final String RUNS = "runs";

  /** Status of a committed run in the {@code runs} table. */
  public static final String SUCCEEDED = "succeeded";

  private static final String COMMITTED_VIEW = "_revattr_committed_runs";

  private static final Logger LOG = LogManager.getLogger(ResultCatalog.class);

  private ResultCatalog() {}

  /**
   * Registers every Delta table found directly under {@code outputDir} as a view of its name.
   *
   * @return the table names, sorted
   */
  public static List<String> registerDirectory(SparkSession spark, String outputDir) {
    List<String> tables = resultTables(spark, outputDir);
    // The committed runs first: the other views are defined on them.
    spark.sql(
        committedRunsSql(tables.contains(RUNS) ? "delta.`" + outputDir + "/" + RUNS + "`" : null));
    for (String table : tables) {
      spark.sql(viewSql(table, "delta.`" + outputDir + "/" + table + "`"));
    }
    return tables;
  }

  /**
   * Exposes every result table of the catalog database {@code database} (one with {@code as_of} and
   * {@code run_id} columns) as a view of its unqualified name, filtered on committed runs (none
   * when the database has no {@code runs}). Its other tables and views (say, the warehouse's input
   * tables, when a run reads and writes one database) are left out, as under an output directory,
   * and so is a table or view that no longer resolves (a view over a dropped table), with a
   * warning; a {@code runs} that does not resolve stops the command (every view needs it).
   *
   * @return the table names, sorted
   */
  public static List<String> registerDatabase(SparkSession spark, String database) {
    if (!spark.catalog().databaseExists(database)) {
      throw Errors.usage(
          "The catalog has no database '"
              + database
              + "'. Give the database that 'revattr run --catalog' registered the tables in. A"
              + " catalog without a metastore (the embedded Spark's, or a cluster's in-memory"
              + " one) lives as long as the run's application: query its tables with"
              + " --output DIR instead.");
    }
    List<String> tables = new ArrayList<>();
    // One row per table of the database: small.
    for (Row t : spark.sql("SHOW TABLES IN " + database).collectAsList()) {
      String name = t.getAs("tableName");
      if (!t.<Boolean>getAs("isTemporary") && isResultTable(columnsOf(spark, database, name))) {
        tables.add(name);
      }
    }
    tables.sort(String::compareTo);
    spark.sql(committedRunsSql(tables.contains(RUNS) ? database + "." + RUNS : null));
    for (String table : tables) {
      spark.sql(viewSql(table, database + "." + table));
    }
    return tables;
  }

  /**
   * The as-of dates that have a committed run, in order, once the tables are registered. One row
   * per as-of: small. (A java.sql.Date, or a LocalDate where a cluster enables Spark's Java 8 date
   * API.)
   */
  public static List<LocalDate> committedAsOfs(SparkSession spark) {
    return spark.table(COMMITTED_VIEW).select("as_of").orderBy("as_of").collectAsList().stream()
        .map(r -> r.get(0) instanceof LocalDate d ? d : ((java.sql.Date) r.get(0)).toLocalDate())
        .toList();
  }

  /**
   * The columns of {@code database.name}; none, with a warning, when it does not resolve, but for
   * {@code runs}, which every view needs.
   */
  private static String[] columnsOf(SparkSession spark, String database, String name) {
    try {
      return spark.table(database + "." + name).columns();
    } catch (Exception e) {
      // Spark's AnalysisException is checked to Java but thrown undeclared.
      if (e instanceof AnalysisException analysis) {
        if (name.equals(RUNS)) {
          // Without runs no row can be told committed: every view would be empty, as if no run
          // had ever committed.
          throw Errors.failure(
              database
                  + "."
                  + RUNS
                  + " cannot be read ("
                  + analysis.getSimpleMessage()
                  + "), so no run's rows can be told committed. A run with --catalog "
                  + database
                  + " registers it again; meanwhile query its output with --output DIR.",
              null);
        }
        LOG.warn(
            "{}.{} is left out: it cannot be read ({})",
            database,
            name,
            analysis.getSimpleMessage());
        return new String[0];
      }
      throw e;
    }
  }

  private static boolean isResultTable(String[] columns) {
    return Arrays.asList(columns).containsAll(List.of("as_of", "run_id"));
  }

  private static String viewSql(String name, String source) {
    String select = "SELECT * FROM " + source;
    if (!name.equals(RUNS)) {
      select =
          "SELECT t.* FROM "
              + source
              + " t LEFT SEMI JOIN "
              + COMMITTED_VIEW
              + " c ON t.as_of = c.as_of AND t.run_id = c.run_id";
    }
    return "CREATE OR REPLACE TEMPORARY VIEW `" + name + "` AS " + select;
  }

  /** The committed run of every as-of, from {@code runs}; none when there is no runs table. */
  private static String committedRunsSql(String runs) {
    String committed =
        runs == null
            ? "SELECT CAST(NULL AS DATE) AS as_of, CAST(NULL AS STRING) AS run_id WHERE false"
            : "SELECT as_of, max(run_id) AS run_id FROM "
                + runs
                + " WHERE status = '"
                + SUCCEEDED
                + "' GROUP BY as_of";
    return "CREATE OR REPLACE TEMPORARY VIEW " + COMMITTED_VIEW + " AS " + committed;
  }

  /**
   * The result tables directly under {@code outputDir}: directories holding a Delta table with
   * {@code as_of} and {@code run_id} columns ({@code runs} among them).
   *
   * @return the table names, sorted
   * @throws io.revattr.common.error.RevattrException a usage error when the directory does not
   *     exist or holds no result table
   */
  public static List<String> resultTables(SparkSession spark, String outputDir) {
    List<String> tables = deltaTablesUnder(spark, outputDir);
    if (tables.isEmpty()) {
      throw Errors.usage(
          "No Delta result table was found under "
              + outputDir
              + ". Give the --output directory of a finished 'revattr run' (or 'revattr demo')"
              + " run.");
    }
    return tables;
  }

  private static List<String> deltaTablesUnder(SparkSession spark, String outputDir) {
    Path root = new Path(outputDir);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        throw Errors.usage(
            "--output " + outputDir + " does not exist. Give the output directory of a run.");
      }
      List<String> tables = new ArrayList<>();
      for (FileStatus child : fs.listStatus(root)) {
        // A table's log holds at least one commit: a run killed while it created a table can
        // leave a log directory without one, which no reader can open. A Delta table without
        // as_of and run_id is not a result table (a warehouse's input table, say).
        String table = child.getPath().toString();
        if (child.isDirectory()
            && DeltaTables.isTableAt(spark, table)
            && isResultTable(spark.read().format("delta").load(table).columns())) {
          tables.add(child.getPath().getName());
        }
      }
      return Arrays.stream(tables.toArray(String[]::new)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
