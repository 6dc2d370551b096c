package io.revattr.jobs.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The job's SparkSession: Delta Lake's extension and catalog always; the embedded local defaults
 * ({@code conf/spark-local.properties}) only when no master is set, so that under {@code
 * spark-submit} the cluster's settings rule.
 */
public final class SparkSessions {
  private static final String LOCAL_DEFAULTS = "/spark-local.properties";

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
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.sql.session.timeZone", "UTC");
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
