package io.revattr.jobs.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The job's SparkSession: Delta Lake's extension always (added to the cluster's own), Delta's
 * session catalog unless the cluster names another; the embedded local defaults ({@code
 * conf/spark-local.properties}) only when no master is set, so that under {@code spark-submit} the
 * cluster's settings rule.
 */
public final class SparkSessions {
  private static final String LOCAL_DEFAULTS = "/spark-local.properties";
  private static final String EXTENSIONS = "spark.sql.extensions";
  private static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
  private static final String SESSION_CATALOG = "spark.sql.catalog.spark_catalog";
  private static final String DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";

  private SparkSessions() {}

  /**
   * Gets or creates the session.
   *
   * @param appName the application's name in the Spark UI and logs
   * @param warehouseDir where the embedded catalog keeps its managed tables
   */
  public static SparkSession getOrCreate(String appName, String warehouseDir) {
    SparkConf existing = new SparkConf();
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(appName)
            .config(EXTENSIONS, withDeltaExtension(existing.get(EXTENSIONS, "")))
            .config("spark.sql.session.timeZone", "UTC");
    if (!existing.contains(SESSION_CATALOG)) {
      builder.config(SESSION_CATALOG, DELTA_CATALOG);
    }
    if (!existing.contains("spark.master")) {
      Properties local = localDefaults();
      for (String key : local.stringPropertyNames()) {
        builder.config(key, System.getProperty(key, local.getProperty(key)));
      }
      if (!existing.contains("spark.sql.warehouse.dir")) {
        builder.config("spark.sql.warehouse.dir", warehouseDir);
      }
    }
    return builder.getOrCreate();
  }

  /**
   * The cluster's session extensions (a comma-separated list) with Delta Lake's added when it is
   * missing, so that a cluster's own extensions (e.g. another table format's) stay in force.
   */
  static String withDeltaExtension(String extensions) {
    List<String> names =
        Arrays.stream(extensions.split(","))
            .map(String::strip)
            .filter(name -> !name.isEmpty())
            .collect(Collectors.toCollection(ArrayList::new));
    if (!names.contains(DELTA_EXTENSION)) {
      names.add(DELTA_EXTENSION);
    }
    return String.join(",", names);
  }

  /** Whether the session runs the embedded local master. */
  public static boolean isLocal(SparkSession spark) {
    return spark.sparkContext().isLocal();
  }

  private static Properties localDefaults() {
    Properties properties = new Properties();
    try (InputStream in = SparkSessions.class.getResourceAsStream(LOCAL_DEFAULTS)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
