package io.revattr.testsupport;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * One SparkSession per test JVM (local[2], UI off, loopback, few shuffle partitions, UTC), with
 * Delta Lake's extension when Delta is on the test classpath. Tests never stop it: the JVM's exit
 * does.
 */
public final class SharedSpark {
  /** The build directory of the module whose tests run (Maven runs them from the module's root). */
  private static final Path BUILD_DIR = Path.of("target").toAbsolutePath();

  private static SparkSession session;

  /** The runtime settings of the session that differ from revattr's embedded defaults. */
  private static final List<String> RUNTIME_SETTINGS =
      List.of(
          "spark.sql.shuffle.partitions",
          "spark.sql.adaptive.enabled",
          "spark.databricks.delta.snapshotPartitions");

  private SharedSpark() {}

  /** The shared session, created on first use. */
  public static synchronized SparkSession spark() {
    if (session == null) {
      SparkSession.Builder builder =
          SparkSession.builder()
              .appName("revattr-tests")
              .master("local[2]")
              .config("spark.ui.enabled", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.default.parallelism", "2")
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.sql.adaptive.enabled", "false")
              .config("spark.ui.showConsoleProgress", "false")
              // The status store keeps every query's plan and metrics even with the UI off; over
              // a whole suite in one JVM the defaults (1,000 queries) fill the heap.
              .config("spark.sql.ui.retainedExecutions", "5")
              .config("spark.ui.retainedJobs", "20")
              .config("spark.ui.retainedStages", "20")
              .config("spark.ui.retainedTasks", "1000")
              .config("spark.databricks.delta.snapshotPartitions", "1")
              // Spark keeps 100 generated classes by default, fewer than one run of the job
              // compiles: every later run in the JVM compiled most of its code again.
              .config("spark.sql.codegen.cache.maxEntries", "1000")
              // The tests' inputs are a few rows, so generating and compiling Java code for each
              // query (and the JIT compiling that code) costs far more than it saves: evaluate
              // interpreted, which cut a warm run of the job by about 40%. The generated-code path
              // still runs in StandaloneClusterIT's cluster run, which must match the interpreted
              // local run table by table.
              .config("spark.sql.codegen.wholeStage", "false")
              .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
              // As in conf/spark-local.properties: a plan's full text is built for every SQL
              // execution's listener event, and a long one can fill the heap.
              .config("spark.sql.maxPlanStringLength", "256k")
              // Spark takes the driver's whole stack trace for every Column built, to name the
              // line that built it in a runtime error's message; the tests build thousands per
              // run (each model's expressions): about 1.2 s of a 30 s run, sampled.
              .config("spark.sql.dataFrameQueryContext.enabled", "false")
              // Under the module's build directory, not the machine's temporary one, where every
              // suite left its warehouse (and a JVM ended before Spark's shutdown hooks ran, its
              // block manager's files); `mvn clean` removes them. One warehouse per JVM: a
              // module's tests run in two.
              .config(
                  "spark.sql.warehouse.dir",
                  BUILD_DIR.resolve("spark-warehouse-" + ProcessHandle.current().pid()).toString())
              .config("spark.local.dir", BUILD_DIR.resolve("spark-local").toString());
      if (deltaAvailable()) {
        builder
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog");
      }
      session = builder.getOrCreate();
      keepRuntimeSettings(session);
    }
    return session;
  }

  /**
   * Names the session's runtime SQL settings as system properties. A revattr command started in a
   * test ({@code RevattrMain}) gets its session with {@code getOrCreate}, which gives every
   * embedded default (conf/spark-local.properties) that no {@code -Dspark.*} property names to the
   * running session: without this, every test after the first command in a JVM ran with the
   * production settings (8 shuffle partitions, adaptive execution), about 20% slower per run of the
   * tests' warehouse, and which tests did depended on the order they ran in.
   */
  private static void keepRuntimeSettings(SparkSession spark) {
    for (String key : RUNTIME_SETTINGS) {
      if (System.getProperty(key) == null) {
        System.setProperty(key, spark.conf().get(key));
      }
    }
  }

  private static boolean deltaAvailable() {
    try {
      Class.forName("io.delta.sql.DeltaSparkSessionExtension");
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
