package io.revattr.jobs.io;

import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Writes result tables as Delta under the output directory, partitioned by {@code as_of}, and
 * registers them by name.
 *
 * <p>Each write is one Delta transaction that replaces exactly the rows of the run's as-of ({@code
 * replaceWhere} on the partition) and leaves every other as-of untouched, so re-running an as-of is
 * idempotent and a failed write leaves the table at its previous committed version.
 */
public final class ResultWriter {
  /** The partition column of every result table. */
  public static final String AS_OF = "as_of";

  /** The run id column of every result table. */
  public static final String RUN_ID = "run_id";

  private final SparkSession spark;
  private final String outputDir;
  private final String catalogDatabase;
  private final LocalDate asOf;
  private final String runId;

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
  }

  /** The location of a result table. */
  public String location(String table) {
    return outputDir + "/" + table;
  }

  /** The name the table is registered under. */
  public String qualifiedName(String table) {
    return catalogDatabase == null ? table : catalogDatabase + "." + table;
  }

  /**
   * Replaces the run's as-of partition of {@code table} with {@code rows} (adding as_of and run_id)
   * in one Delta transaction, then registers the table.
   */
  public void replaceAsOf(String table, Dataset<Row> rows) {
    Dataset<Row> stamped =
        rows.withColumn(AS_OF, lit(java.sql.Date.valueOf(asOf))).withColumn(RUN_ID, lit(runId));
    stamped
        .write()
        .format("delta")
        .mode("overwrite")
        .partitionBy(AS_OF)
        .option("replaceWhere", AS_OF + " = DATE'" + asOf + "'")
        .save(location(table));
    register(table);
  }

  /** Registers the table's location under its name, if it is not registered yet. */
  public void register(String table) {
    if (catalogDatabase != null) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + catalogDatabase);
    }
    spark.sql(
        "CREATE TABLE IF NOT EXISTS "
            + qualifiedName(table)
            + " USING delta LOCATION '"
            + location(table).replace("'", "\\'")
            + "'");
  }
}
