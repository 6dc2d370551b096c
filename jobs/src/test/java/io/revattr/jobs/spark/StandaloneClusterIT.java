package io.revattr.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.jobs.RevattrMain;
import io.revattr.jobs.cli.Console;
import io.revattr.jobs.io.LocalFiles;
import io.revattr.jobs.io.ResultWriter;
import io.revattr.testsupport.DataFrameAssert;
import io.revattr.testsupport.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/**
 * The unchanged shaded jar, submitted with spark-submit to a Spark standalone cluster (a Master and
 * two Workers started by {@code bin/standalone-cluster} on the loopback address), writes the same
 * Delta tables as the embedded local run on the same warehouse (every column but the run's id and
 * start and end times), and registers them in the cluster's catalog. Everything the script starts,
 * it stops.
 */
class StandaloneClusterIT {
  private static final Path HOME = Path.of(System.getProperty("revattr.home", "."));
  private static final String AS_OF = "2025-12-31";
  private static final String CATALOG = "revattr_cluster";
  private static final long SCRIPT_TIMEOUT_MINUTES = 15;

  @Test
  void submittedRunWritesTheTablesOfTheLocalRun() throws Exception {
    Path dir = HOME.resolve("jobs/target/standalone-cluster-it").toAbsolutePath();
    LocalFiles.deleteRecursively(dir);
    Files.createDirectories(dir);
    Path input = dir.resolve("warehouse");
    Path localOutput = dir.resolve("output-local");
    Path clusterOutput = dir.resolve("output-cluster");
    Path clusterDir = dir.resolve("cluster");

    SparkSession spark = SharedSpark.spark();
    revattr("generate", "--out", input.toString(), "--accounts", "30", "--format", "parquet");
    // The local run overlaps the cluster's: that one mostly waits on its daemons and executors.
    CompletableFuture<Void> localRun =
        CompletableFuture.runAsync(
            () ->
                revattr(
                    "run",
                    "--input",
                    input.toString(),
                    "--output",
                    localOutput.toString(),
                    "--as-of",
                    AS_OF));
    boolean printedStop;
    boolean stoppedAsPrinted;
    try {
      script(
          clusterDir, dir.resolve("start.log"), "start", "--workers", "2", "--worker-cores", "1");
      script(
          clusterDir,
          dir.resolve("submit.log"),
          "submit",
          "--executor-memory",
          "768m",
          "--conf",
          "spark.sql.shuffle.partitions=2",
          "--conf",
          "spark.sql.codegen.cache.maxEntries=1000",
          "--conf",
          "spark.databricks.delta.snapshotPartitions=1",
          "--",
          "run",
          "--input",
          input.toString(),
          "--output",
          clusterOutput.toString(),
          "--as-of",
          AS_OF,
          "--catalog",
          CATALOG);
    } finally {
      printedStop = stopAsPrinted(dir);
      stoppedAsPrinted = !Files.exists(clusterDir.resolve("master.pid"));
      // Whatever the printed command did, nothing this test started outlives it.
      script(clusterDir, dir.resolve("stop.log"), "stop");
    }
    localRun.join();
    // Only once the cluster started and ran (a start that failed printed no stop command).
    assertThat(printedStop).as("start printed a stop command").isTrue();
    assertThat(stoppedAsPrinted)
        .as(
            "the stop command start printed stopped the cluster:%n%s",
            Files.readString(dir.resolve("stop-as-printed.log")))
        .isTrue();

    assertThat(clusterDir.resolve("master.pid")).doesNotExist();
    assertThat(executorDirectories(clusterDir.resolve("work/worker-1")))
        .as("worker-1 ran executors of the submitted application")
        .isNotEmpty();
    assertThat(executorDirectories(clusterDir.resolve("work/worker-2")))
        .as("worker-2 ran executors of the submitted application")
        .isNotEmpty();
    assertThat(clusterDir.resolve("warehouse/" + CATALOG + ".db"))
        .as("the run created its catalog database in the cluster's warehouse")
        .isDirectory();

    List<String> tables = deltaTables(localOutput);
    assertThat(tables).contains("attribution_credits", "journey_touches");
    assertThat(deltaTables(clusterOutput)).containsExactlyInAnyOrderElementsOf(tables);
    for (String table : tables) {
      Dataset<Row> local = withoutRunId(spark, localOutput.resolve(table));
      Dataset<Row> cluster = withoutRunId(spark, clusterOutput.resolve(table));
      assertThat(cluster.count()).as(table + " row count").isEqualTo(local.count());
      DataFrameAssert.assertSameRows(cluster.select(columns(local)), local);
    }
  }

  private static void revattr(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code = RevattrMain.run(List.of(args), new Console(stream, stream));
    assertThat(code).as("revattr %s:%n%s", args[0], out.toString(StandardCharsets.UTF_8)).isZero();
  }

  /**
   * Runs the stop command that {@code start} printed as a person would paste it: in bash, in
   * another directory than the checkout, without the environment that chose the cluster's
   * directory.
   */
  private static boolean stopAsPrinted(Path dir) throws IOException, InterruptedException {
    Matcher printed =
        Pattern.compile("stop with: (.+)$", Pattern.MULTILINE)
            .matcher(Files.readString(dir.resolve("start.log")));
    if (!printed.find()) {
      return false;
    }
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-c", printed.group(1))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("stop-as-printed.log").toFile());
    builder.environment().remove("REVATTR_CLUSTER_DIR");
    Process process = builder.start();
    if (!process.waitFor(SCRIPT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
    }
    return true;
  }

  /** Runs bin/standalone-cluster with its output in a log file; fails with the log on an error. */
  private static void script(Path clusterDir, Path log, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(HOME.resolve("bin/standalone-cluster").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("REVATTR_CLUSTER_DIR", clusterDir.toString());
    builder.environment().put("REVATTR_NO_BUILD", "1");
    // The cluster's JVMs live for one short run on a few rows: compiling Spark's code at the
    // optimizing tier costs them more CPU than it saves.
    builder.environment().put("REVATTR_JAVA_OPTS", "-XX:TieredStopAtLevel=1");
    Process process = builder.start();
    if (!process.waitFor(SCRIPT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
    }
    assertThat(process.exitValue())
        .as("bin/standalone-cluster %s:%n%s", args[0], Files.readString(log))
        .isZero();
  }

  private static List<Path> executorDirectories(Path workerDir) throws IOException {
    try (Stream<Path> apps = Files.list(workerDir)) {
      return apps.flatMap(StandaloneClusterIT::children)
          .filter(p -> Files.isRegularFile(p.resolve("stderr")))
          .toList();
    }
  }

  private static Stream<Path> children(Path dir) {
    try {
      return Files.list(dir).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> deltaTables(Path output) throws IOException {
    try (Stream<Path> entries = Files.list(output)) {
      return entries
          .filter(p -> Files.isDirectory(p.resolve("_delta_log")))
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    }
  }

  /** The table without the columns that differ between any two runs: the run's id and times. */
  private static Dataset<Row> withoutRunId(SparkSession spark, Path table) {
    return spark
        .read()
        .format("delta")
        .load(table.toString())
        .drop(ResultWriter.RUN_ID, "started_at", "ended_at");
  }

  private static Column[] columns(Dataset<Row> frame) {
    return Stream.of(frame.columns()).map(functions::col).toArray(Column[]::new);
  }
}
