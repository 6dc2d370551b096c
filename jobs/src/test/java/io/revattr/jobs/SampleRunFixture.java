package io.revattr.jobs;

import io.revattr.common.config.ConfigLoader;
import io.revattr.common.config.RevattrConfig;
import io.revattr.jobs.generate.GenerateCommand;
import io.revattr.jobs.generate.SampleWarehouse;
import io.revattr.jobs.io.InputFormat;
import io.revattr.jobs.run.AttributionRun;
import io.revattr.jobs.run.RunSettings;
import io.revattr.testsupport.SharedSpark;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * A run of the demo's configuration (every model, the data-driven ones with bootstrap intervals)
 * that several test classes read (the notebooks', the data-driven models'), made once per test JVM
 * under {@code target/notebooks}: a small generated warehouse run as of {@link #LATEST}, then as of
 * {@link #EARLIER}, then as of {@link #LATEST} again, so that every result table has two as-of
 * partitions and files that a later overwrite removed. Between the first two runs the tables'
 * checkpoint interval drops to 2, and the second run writes its checkpoint in parts of at most two
 * actions, so that readers must combine a multi-part checkpoint with a later JSON commit.
 *
 * <p>The test JVMs of one build share it ({@link OncePerBuild}).
 */
public final class SampleRunFixture {
  public static final LocalDate LATEST = LocalDate.parse(SampleWarehouse.LATEST_AS_OF);
  public static final LocalDate EARLIER = LocalDate.parse("2025-09-30");

  /** Accounts of the generated warehouse: enough for every channel and stage to appear. */
  private static final int ACCOUNTS = 30;

  private static final String CHECKPOINT_PART_SIZE = "spark.databricks.delta.checkpoint.partSize";

  public static final Path BUILD_DIR =
      Path.of(System.getProperty("revattr.notebooks.dir", "target/notebooks")).toAbsolutePath();
  static final Path WAREHOUSE = BUILD_DIR.resolve("warehouse");
  static final Path OUTPUT = BUILD_DIR.resolve("output");

  private static boolean built;

  private SampleRunFixture() {}

  /** The output directory, built on first use by this build. */
  public static synchronized Path output() {
    if (!built) {
      // The test settings (SharedSpark keeps them when a command runs in this JVM): with the
      // embedded defaults' adaptive execution each run writes fewer files, too few for a
      // multi-part checkpoint.
      SparkSession spark = SharedSpark.spark();
      OncePerBuild.ensure(BUILD_DIR, () -> build(spark));
      built = true;
    }
    return OUTPUT;
  }

  /** The result tables in the output directory (every directory with a Delta log). */
  public static List<Path> tables() {
    return deltaTables(output());
  }

  private static List<Path> deltaTables(Path dir) {
    try (Stream<Path> dirs = Files.list(dir)) {
      return dirs.filter(d -> Files.isDirectory(d.resolve("_delta_log"))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void build(SparkSession spark) {
    GenerateCommand.write(
        spark, new SampleWarehouse(spark, ACCOUNTS, 30, 11), WAREHOUSE.toString(), "csv");
    run(spark, LATEST);
    for (Path table : deltaTables(OUTPUT)) {
      spark.sql(
          "ALTER TABLE delta.`" + table + "` SET TBLPROPERTIES ('delta.checkpointInterval' = '2')");
    }
    spark.conf().set(CHECKPOINT_PART_SIZE, "2");
    try {
      run(spark, EARLIER);
    } finally {
      spark.conf().unset(CHECKPOINT_PART_SIZE);
    }
    run(spark, LATEST);
  }

  private static void run(SparkSession spark, LocalDate asOf) {
    new AttributionRun(
            spark,
            new RunSettings(
                WAREHOUSE.toString(),
                null,
                InputFormat.AUTO,
                OUTPUT.toString(),
                null,
                asOf,
                config()))
        .execute();
  }

  /**
   * The demo's configuration as shipped: every model, the data-driven ones with bootstrap
   * intervals, amounts reported in one currency (so that spend compares with revenue).
   */
  public static RevattrConfig config() {
    try (InputStream in = SampleRunFixture.class.getResourceAsStream("/demo.conf")) {
      String demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return ConfigLoader.load(demo, "demo.conf", Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
