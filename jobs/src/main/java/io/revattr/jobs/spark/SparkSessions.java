package io.revattr.jobs.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The job's SparkSession: Delta Lake's extension always (added to the cluster's own), Delta's
 * session catalog unless the cluster names another; the embedded local defaults ({@code
 * conf/spark-local.properties}) only on a local master (none set, or {@code local[...]}), each
 * unless it is set already, so that under {@code spark-submit} to a cluster the cluster's settings
 * rule.
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
    embeddedSettings(existing, localDefaults(), warehouseDir).forEach(builder::config);
    return builder.getOrCreate();
  }

  /**
   * The settings of an embedded local session: every local default and the catalog's warehouse
   * directory, except those {@code existing} sets itself. None when a master other than a local one
   * is set ({@code spark-submit} to a cluster, whose settings rule): a local master given to choose
   * the cores ({@code -Dspark.master=local[2]}) keeps the other defaults, the loopback address and
   * the disabled UI among them.
   */
  static Map<String, String> embeddedSettings(
      SparkConf existing, Properties localDefaults, String warehouseDir) {
    Map<String, String> settings = new TreeMap<>();
    String master = existing.get("spark.master", "local");
    if (!master.equals("local") && !master.startsWith("local[")) {
      return settings;
    }
    for (String key : localDefaults.stringPropertyNames()) {
      settings.put(key, localDefaults.getProperty(key));
    }
    settings.put("spark.sql.warehouse.dir", warehouseDir);
    settings.keySet().removeIf(existing::contains);
    return settings;
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
