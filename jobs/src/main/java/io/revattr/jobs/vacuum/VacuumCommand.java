package io.revattr.jobs.vacuum;

import io.delta.tables.DeltaTable;
import io.revattr.common.error.Errors;
import io.revattr.jobs.cli.Command;
import io.revattr.jobs.cli.CommandParser;
import io.revattr.jobs.cli.Console;
import io.revattr.jobs.cli.Options;
import io.revattr.jobs.io.DeltaTables;
import io.revattr.jobs.run.RunCommand;
import io.revattr.jobs.spark.SparkSessions;
import io.revattr.jobs.sql.ResultCatalog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaConfigs;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;

/**
 * {@code revattr vacuum}: removes the files of rows that left an output's tables (an as-of's older
 * runs, failed runs) once they are older than the retention, with Delta's {@code VACUUM}, in every
 * result table and {@code runs}. The tables' rows do not change; time travel to versions older than
 * the retention ends.
 */
public final class VacuumCommand implements Command {
  private static final String RETENTION_PROPERTY = "delta.deletedFileRetentionDuration";

  private static final String RETENTION_CHECK =
      "spark.databricks.delta.retentionDurationCheck.enabled";

  @Override
  public String name() {
    return "vacuum";
  }

  @Override
  public String description() {
    return "remove the files of rows that left an output's tables, after a retention period";
  }

  @Override
  public void declareOptions(CommandParser parser) {
    parser
        .requiredString("output", "DIR", "output directory of the runs")
        .optionalInteger(
            "retain-hours",
            "N",
            0,
            "keep removed files younger than N hours (default: each table's"
                + " delta.deletedFileRetentionDuration, 7 days unless set); less than a table's"
                + " own needs -D"
                + RETENTION_CHECK
                + "=false");
  }

  @Override
  public int execute(Options options, Console console) throws IOException {
    String output = RunCommand.absolute(options.string("output").orElseThrow());
    // Null: each table's own retention (delta.deletedFileRetentionDuration).
    Integer retainHours = options.has("retain-hours") ? options.integer("retain-hours", 0) : null;
    SparkSession spark = SparkSessions.getOrCreate("revattr vacuum", output + "/_catalog");
    List<String> tables = ResultCatalog.resultTables(spark, output);
    // Every table's, before any is vacuumed: Delta's VACUUM reads each as it goes, and stopped
    // part-way at a table whose retention it refused or could not read.
    Map<String, Long> retentionHours = new LinkedHashMap<>();
    for (String table : tables) {
      retentionHours.put(table, retentionHours(spark, output, table));
    }
    if (retainHours != null && Boolean.parseBoolean(spark.conf().get(RETENTION_CHECK, "true"))) {
      refuseUnderTablesRetention(output, retentionHours, retainHours);
    }
    long removedInAll = 0;
    // Printed after every table is done: Delta's VACUUM prints lines of its own as it goes.
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(Locale.ROOT, "%-24s %14s %14s", "table", "files removed", "files kept"));
    for (String table : tables) {
      Path location = new Path(output, table);
      long before = dataFiles(spark, location);
      DeltaTable delta = DeltaTable.forPath(spark, location.toString());
      if (retainHours == null) {
        delta.vacuum();
      } else {
        delta.vacuum(retainHours);
      }
      long after = dataFiles(spark, location);
      removedInAll += before - after;
      lines.add(String.format(Locale.ROOT, "%-24s %,14d %,14d", table, before - after, after));
    }
    lines.forEach(console::println);
    console.println(
        String.format(
            Locale.ROOT,
            "Removed %,d files from %d tables under %s (kept those %s).",
            removedInAll,
            tables.size(),
            output,
            retainHours == null
                ? "each table's retention keeps"
                : "of the last " + retainHours + " hours"));
    return 0;
  }

  /**
   * Refuses {@code --retain-hours} under the retention of any of the tables (Delta's VACUUM makes
   * the same check, table by table).
   */
  private static void refuseUnderTablesRetention(
      String output, Map<String, Long> retentionHours, int retainHours) {
    List<String> longer = new ArrayList<>();
    long longestHours = 0;
    for (Map.Entry<String, Long> table : retentionHours.entrySet()) {
      if (retainHours < table.getValue()) {
        longer.add(String.format(Locale.ROOT, "%s (%d hours)", table.getKey(), table.getValue()));
        longestHours = Math.max(longestHours, table.getValue());
      }
    }
    if (longer.isEmpty()) {
      return;
    }
    throw Errors.usage(
        "--retain-hours "
            + retainHours
            + " is under the retention (delta.deletedFileRetentionDuration, 168 hours unless set)"
            + " of "
            + String.join(", ", longer)
            + ": the files a write in progress has written are in no Delta commit yet, a shorter"
            + " retention can remove them, and the write's commit then names missing files, which"
            + " breaks the table for every reader. Leave --retain-hours out (each table keeps its"
            + " own retention), give at least "
            + longestHours
            + ", or vacuum when no run writes to "
            + output
            + " with -D"
            + RETENTION_CHECK
            + "=false (REVATTR_JAVA_OPTS). No table was vacuumed.");
  }

  /**
   * The table's retention of removed files in whole hours, rounded up, as Delta's VACUUM reads it
   * (its {@code delta.deletedFileRetentionDuration}, default included): Delta's own reading of the
   * property, so that this check and VACUUM's agree; Delta's public API gives only its text.
   */
  private static long retentionHours(SparkSession spark, String output, String table) {
    Snapshot snapshot =
        DeltaLog.forTableWithSnapshot(spark, new Path(output, table).toString())._2();
    long millis;
    try {
      if (DeltaConfigs.TOMBSTONE_RETENTION().fromMetaData(snapshot.metadata()).months != 0) {
        // Delta only asserts it (not at all where assertions are off, as in production, where
        // the months are dropped and the retention is what is left).
        throw new IllegalArgumentException("months have no fixed length");
      }
      millis = DeltaLog.tombstoneRetentionMillis(snapshot.metadata());
    } catch (RuntimeException | AssertionError e) {
      throw Errors.usage(
          "Table "
              + table
              + " under "
              + output
              + " has a delta.deletedFileRetentionDuration that Delta cannot read as a retention ("
              + snapshot.metadata().configuration().get(RETENTION_PROPERTY).getOrElse(() -> "")
              + ": "
              + Errors.describe(e)
              + "). Set it to days or hours, e.g. ALTER TABLE delta.`"
              + new Path(output, table)
              + "` SET TBLPROPERTIES ('"
              + RETENTION_PROPERTY
              + "' = 'interval 7 days'). No table was vacuumed.");
    }
    return (millis + TimeUnit.HOURS.toMillis(1) - 1) / TimeUnit.HOURS.toMillis(1);
  }

  /** The table's Parquet files on disk, whether or not its current version reads them. */
  private static long dataFiles(SparkSession spark, Path table) throws IOException {
    FileSystem fs = table.getFileSystem(spark.sparkContext().hadoopConfiguration());
    long count = 0;
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(table, true);
    while (files.hasNext()) {
      Path file = files.next().getPath();
      if (file.getName().endsWith(".parquet")
          && !file.toString().contains("/" + DeltaTables.LOG_DIRECTORY + "/")) {
        count++;
      }
    }
    return count;
  }
}
