package io.revattr.jobs.bench;

import io.revattr.common.model.ModelCatalog;
import io.revattr.jobs.cli.Command;
import io.revattr.jobs.cli.CommandParser;
import io.revattr.jobs.cli.Console;
import io.revattr.jobs.cli.Options;
import io.revattr.jobs.generate.GenerateCommand;
import io.revattr.jobs.generate.SampleWarehouse;
import io.revattr.jobs.io.InputFormat;
import io.revattr.jobs.spark.SparkSessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * {@code revattr bench}: the full run against the engine's floor (a bare Spark pass over the same
 * data that writes as many rows), at several warehouse sizes, on this machine's embedded Spark.
 */
public final class BenchCommand implements Command {
  /** Models that learn from all journeys; they get their own line when the catalogue has them. */
  static final List<String> DATA_DRIVEN_MODELS = List.of("markov", "shapley");

  @Override
  public String name() {
    return "bench";
  }

  @Override
  public String description() {
    return "benchmark the full run against a bare Spark pass over the same generated warehouses";
  }

  @Override
  public void declareOptions(CommandParser parser) {
    parser
        .string("sizes", "1m,10m", "1m,10m", "warehouse sizes in touches (k and m suffixes)")
        .integer("repeat", "N", 3, 1, "repetitions of each pass (min and median are reported)")
        .string("data", "DIR", "bench-data", "where generated warehouses are cached")
        .string("out", "DIR", "bench-results", "where results (CSV, JSON) and outputs are written")
        .integer("touches-per-account", "N", 40, 1, "mean touches per generated account")
        .longValue("seed", "S", 7, "seed of the generated warehouses")
        .decimal(
            "account-skew",
            "SHAPE",
            0,
            SampleWarehouse::isAccountSkew,
            SampleWarehouse.ACCOUNT_SKEW_RULE,
            GenerateCommand.ACCOUNT_SKEW_HELP)
        .choice(
            "input-format",
            "parquet",
            List.of("parquet", "csv"),
            "format of the generated warehouses: csv measures the run's CSV reading, too")
        .flag("generate-only", "generate (or find) the warehouses, measure nothing")
        .flag("skip-data-driven", "measure no full+data-driven pass (it takes as long again)");
  }

  @Override
  public int execute(Options options, Console console) throws IOException, InterruptedException {
    List<BenchSize> sizes = BenchSize.parseList(options.string("sizes", "1m,10m"));
    int repeat = options.integer("repeat", 3);
    int touchesPerAccount = options.integer("touches-per-account", 40);
    long seed = options.longValue("seed", 7);
    double accountSkew = options.decimal("account-skew", 0);
    Path data = Path.of(options.string("data", "bench-data")).toAbsolutePath().normalize();
    Path out = Path.of(options.string("out", "bench-results")).toAbsolutePath().normalize();
    Files.createDirectories(out);

    SparkSession spark = SparkSessions.getOrCreate("revattr bench", out + "/_catalog");
    StageCounter counter = new StageCounter();
    spark.sparkContext().addSparkListener(counter);
    QueryLog queries = new QueryLog();
    spark.listenerManager().register(queries);
    List<String> dataDriven =
        DATA_DRIVEN_MODELS.stream().filter(ModelCatalog.builtInNames()::contains).toList();
    List<String> ruleBased =
        ModelCatalog.builtInNames().stream().filter(m -> !dataDriven.contains(m)).toList();

    InputFormat format = InputFormat.fromCli(options.string("input-format", "parquet"));
    BenchWarehouses warehouses =
        new BenchWarehouses(spark, data, touchesPerAccount, seed, accountSkew, format);
    BenchRunner runner =
        new BenchRunner(
            spark,
            counter,
            queries,
            out.resolve("work"),
            LocalDate.parse(SampleWarehouse.LATEST_AS_OF),
            repeat,
            console);
    List<BenchMeasurement> measurements = new ArrayList<>();
    for (BenchSize size : sizes) {
      console.printf(
          "revattr bench %s: warehouse of about %,d touches...%n", size.label(), size.touches());
      BenchWarehouses.Warehouse warehouse = warehouses.ensure(size);
      console.printf(
          "  %s %s (%,d touches)%n",
          warehouse.cached() ? "cached:" : "generated:", warehouse.dir(), warehouse.touches());
      if (!options.flag("generate-only")) {
        measurements.addAll(
            runner.measure(
                size,
                warehouse,
                ruleBased,
                options.flag("skip-data-driven") ? List.of() : dataDriven));
      }
    }
    if (measurements.isEmpty()) {
      return 0;
    }

    BenchReport report =
        new BenchReport(measurements, context(spark, options, format, sizes, repeat));
    report.print(console);
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    Path csv = out.resolve("bench-" + stamp + ".csv");
    Path json = out.resolve("bench-" + stamp + ".json");
    report.writeCsv(csv);
    report.writeJson(json);
    console.println("");
    console.println("Written: " + csv + " and " + json);
    return 0;
  }

  private static Map<String, String> context(
      SparkSession spark, Options options, InputFormat format, List<BenchSize> sizes, int repeat) {
    double accountSkew = options.decimal("account-skew", 0);
    Map<String, String> context = new LinkedHashMap<>();
    context.put(
        "command",
        "revattr bench --sizes "
            + String.join(",", sizes.stream().map(BenchSize::label).toList())
            + " --repeat "
            + repeat
            + " --touches-per-account "
            + options.integer("touches-per-account", 40)
            + " --seed "
            + options.longValue("seed", 7)
            + (accountSkew > 0 ? " --account-skew " + accountSkew : "")
            + (format == InputFormat.CSV ? " --input-format csv" : "")
            + (options.flag("skip-data-driven") ? " --skip-data-driven" : ""));
    context.put("started", Instant.now().toString());
    context.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    context.put(
        "heap max",
        String.format(Locale.ROOT, "%.1f GiB", HeapSampler.maxHeapBytes() / 1073741824.0));
    context.put("java", System.getProperty("java.version"));
    context.put("spark", spark.version() + ", master " + spark.sparkContext().master());
    context.put(
        "shuffle partitions", spark.conf().get("spark.sql.shuffle.partitions", "(default)"));
    context.put("adaptive (AQE)", spark.conf().get("spark.sql.adaptive.enabled", "(default)"));
    return context;
  }
}
