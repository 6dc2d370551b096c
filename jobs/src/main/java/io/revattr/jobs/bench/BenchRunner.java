package io.revattr.jobs.bench;

import io.revattr.common.config.ConfigLoader;
import io.revattr.common.config.RevattrConfig;
import io.revattr.jobs.cli.Console;
import io.revattr.jobs.io.InputFormat;
import io.revattr.jobs.io.LocalFiles;
import io.revattr.jobs.io.TableRegistry;
import io.revattr.jobs.run.AttributionRun;
import io.revattr.jobs.run.RunResult;
import io.revattr.jobs.run.RunSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;

/**
 * Measures one warehouse: the full run (rule-based models, then with the data-driven ones when the
 * catalogue has them) and the floor, each {@code repeat} times, interleaved so that a slow spell of
 * a shared machine hits every variant alike.
 */
final class BenchRunner {
  private final SparkSession spark;
  private final StageCounter counter;
  private final QueryLog queries;
  private final Path work;
  private final LocalDate asOf;
  private final int repeat;
  private final Console console;

  BenchRunner(
      SparkSession spark,
      StageCounter counter,
      QueryLog queries,
      Path work,
      LocalDate asOf,
      int repeat,
      Console console) {
    this.spark = spark;
    this.counter = counter;
    this.queries = queries;
    this.work = work;
    this.asOf = asOf;
    this.repeat = repeat;
    this.console = console;
  }

  /** Runs every variant at one size and returns one measurement per variant, floor last. */
  List<BenchMeasurement> measure(
      BenchSize size,
      BenchWarehouses.Warehouse warehouse,
      List<String> ruleBased,
      List<String> dataDriven)
      throws InterruptedException, IOException {
    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant("full", ruleBased));
    if (!dataDriven.isEmpty()) {
      List<String> all = new ArrayList<>(ruleBased);
      all.addAll(dataDriven);
      variants.add(new Variant("full+data-driven", all));
    }
    Variant floor = new Variant("floor", ruleBased);
    variants.add(floor);

    double keptShare = 1.0;
    for (int rep = 1; rep <= repeat; rep++) {
      for (Variant variant : variants) {
        Path out = work.resolve(size.label()).resolve(variant.name.replace('+', '-'));
        LocalFiles.deleteRecursively(out);
        counter.reset();
        queries.reset();
        long rows;
        Pass pass;
        if (variant == floor) {
          double share = keptShare;
          pass = timed(() -> floorPass(warehouse, out, variant.models, share));
          rows = spark.read().format("delta").load(out.toString()).count();
        } else {
          String database = database(size, variant.name);
          pass = timed(() -> fullRun(warehouse, out, variant.models, database));
          rows = pass.result.rowCounts().get(AttributionRun.ATTRIBUTION_CREDITS);
          if (variant.name.equals("full")) {
            long journeyRows = pass.result.rowCounts().get(AttributionRun.JOURNEY_TOUCHES);
            keptShare = Math.min(1.0, rows / ((double) journeyRows * variant.models.size()));
          }
        }
        variant.record(pass, rows, counter.settle());
        queries.write(
            work.resolve("queries-" + size.label() + "-" + variant.name.replace('+', '-') + ".txt"),
            "revattr bench " + size.label() + " " + variant.name + ", repetition " + rep);
        console.printf(
            "  %-4s %-17s repetition %d/%d: %8.1f s, %,d rows%n",
            size.label(), variant.name, rep, repeat, pass.seconds, rows);
      }
    }
    List<BenchMeasurement> measurements = new ArrayList<>();
    for (Variant variant : variants) {
      measurements.add(
          new BenchMeasurement(
              size.label(),
              warehouse.touches(),
              variant.name,
              variant.models,
              variant.seconds,
              variant.rows,
              variant.peakHeap,
              variant.gcMillis,
              variant.counts));
    }
    return measurements;
  }

  /**
   * The catalog database a full pass registers its tables in: one per size and variant, so that no
   * pass takes over another's names (a run moving a name logs a warning, which in the bench's
   * output would read as a problem), and a bench against a lasting catalog (under spark-submit)
   * leaves the names in the session's current database alone.
   */
  static String database(BenchSize size, String variant) {
    return TableRegistry.checkedDatabaseName(
        ("bench_" + size.label() + "_" + variant).replaceAll("[^A-Za-z0-9_]", "_"));
  }

  private RunResult fullRun(
      BenchWarehouses.Warehouse warehouse, Path out, List<String> models, String database) {
    RevattrConfig config = ConfigLoader.load(null, "defaults", Map.of("models.enabled", models));
    RunSettings settings =
        new RunSettings(
            warehouse.dir().toString(),
            null,
            warehouse.format(),
            out.toString(),
            database,
            asOf,
            config);
    return new AttributionRun(spark, settings).execute();
  }

  private RunResult floorPass(
      BenchWarehouses.Warehouse warehouse, Path out, List<String> models, double keptShare) {
    spark.sparkContext().setJobGroup("revattr-bench-floor", "revattr bench floor pass", false);
    try {
      FloorPass.write(
          FloorPass.rows(
              spark, warehouse.dir().toString(), warehouse.format(), asOfEnd(), models, keptShare),
          out.toString(),
          asOf,
          UUID.randomUUID().toString());
    } finally {
      spark.sparkContext().clearJobGroup();
    }
    return null;
  }

  /** The window end of open opportunities, exactly as the run computes it. */
  private Instant asOfEnd() {
    return new RunSettings(null, null, InputFormat.PARQUET, null, null, asOf, null).asOfEnd();
  }

  private interface PassBody {
    RunResult run();
  }

  private record Pass(double seconds, RunResult result, long peakHeap, long gcMillis) {}

  private static Pass timed(PassBody body) {
    try (HeapSampler heap = HeapSampler.start()) {
      long start = System.nanoTime();
      RunResult result = body.run();
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Pass(seconds, result, heap.peakBytes(), heap.gcMillisSinceStart());
    }
  }

  /** The repetitions of one variant so far. */
  private static final class Variant {
    final String name;
    final List<String> models;
    final List<Double> seconds = new ArrayList<>();
    long rows;
    long peakHeap;
    long gcMillis;
    StageCounter.Counts counts;

    Variant(String name, List<String> models) {
      this.name = name;
      this.models = List.copyOf(models);
    }

    void record(Pass pass, long rowsWritten, StageCounter.Counts passCounts) {
      seconds.add(pass.seconds);
      rows = rowsWritten;
      peakHeap = Math.max(peakHeap, pass.peakHeap);
      gcMillis = pass.gcMillis;
      counts = passCounts;
    }
  }
}
