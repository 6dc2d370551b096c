package io.revattr.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;

/**
 * The versions a run is made of: revattr's own (the build's), and those of the Spark and Delta Lake
 * on the classpath, which under {@code spark-submit} are the cluster's, not those revattr was built
 * against.
 */
public final class RevattrVersion {
  private static final String RESOURCE = "revattr.properties";

  private RevattrVersion() {}

  /** revattr's version, as the build wrote it into the jar. */
  public static String revattr() {
    Properties properties = new Properties();
    try (InputStream in = RevattrVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCE + " is missing from the classpath: rebuild revattr");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }

  /** The version of the Spark on the classpath. */
  public static String spark() {
    return org.apache.spark.package$.MODULE$.SPARK_VERSION();
  }

  /** The version of the Delta Lake on the classpath. */
  public static String delta() {
    return io.delta.package$.MODULE$.VERSION();
  }

  /** What {@code revattr --version} prints. */
  public static String describe() {
    return String.format(
        Locale.ROOT,
        "revattr %s (Spark %s, Delta Lake %s, Java %s)",
        revattr(),
        spark(),
        delta(),
        System.getProperty("java.version"));
  }
}
