package io.revattr.jobs.io;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** Which paths hold a Delta table of their own. */
public final class DeltaTables {
  /** The directory under a Delta table's root that holds its transaction log. */
  public static final String LOG_DIRECTORY = "_delta_log";

  private DeltaTables() {}

  /**
   * Whether {@code location} is the root of a Delta table with at least one commit. Delta's own
   * {@link DeltaTable#isDeltaTable(SparkSession, String)} also answers true for any directory under
   * a table's root, so an output placed inside another Delta table would look as if each of its
   * tables existed; this asks for the log at the path itself first.
   */
  public static boolean isTableAt(SparkSession spark, String location) {
    Path log = new Path(location, LOG_DIRECTORY);
    try {
      if (!log.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(log)) {
        return false;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + log + ": " + e.getMessage(), e);
    }
    // With a log directory here, Delta takes this path as the root and asks it for a commit (a
    // run killed while it created a table can leave a log without one).
    return DeltaTable.isDeltaTable(spark, location);
  }
}
