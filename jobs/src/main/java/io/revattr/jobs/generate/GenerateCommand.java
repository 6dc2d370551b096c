package io.revattr.jobs.generate;

import io.revattr.common.error.Errors;
import io.revattr.jobs.cli.Command;
import io.revattr.jobs.cli.CommandParser;
import io.revattr.jobs.cli.Console;
import io.revattr.jobs.cli.Options;
import io.revattr.jobs.io.FileSourcePaths;
import io.revattr.jobs.io.InputFormat;
import io.revattr.jobs.spark.SparkSessions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** {@code revattr generate}: a deterministic synthetic warehouse. */
public final class GenerateCommand implements Command {
  static final int DEFAULT_ACCOUNTS = 500;
  static final int DEFAULT_TOUCHES = 40;
  static final long DEFAULT_SEED = 7;

  /** The help of the {@code --account-skew} option, which the benchmark takes too. */
  public static final String ACCOUNT_SKEW_HELP =
      "draw account sizes from a Pareto distribution of this shape, so that a few enterprise"
          + " accounts hold a large share of the touches (1.5: the top 1% of the accounts hold"
          + " about a fifth of them); 0 for accounts of about the mean size";

  @Override
  public String name() {
    return "generate";
  }

  @Override
  public String description() {
    return "write a deterministic synthetic warehouse (same seed, same rows)";
  }

  @Override
  public void declareOptions(CommandParser parser) {
    parser
        .requiredString("out", "DIR", "directory to write the tables to")
        .integer("accounts", "N", DEFAULT_ACCOUNTS, 1, "number of accounts")
        .integer("touches-per-account", "N", DEFAULT_TOUCHES, 0, "mean touches per account")
        .longValue("seed", "S", DEFAULT_SEED, "seed of the generator")
        .decimal(
            "account-skew",
            "SHAPE",
            0,
            SampleWarehouse::isAccountSkew,
            SampleWarehouse.ACCOUNT_SKEW_RULE,
            ACCOUNT_SKEW_HELP)
        .choice("format", "csv", List.of("csv", "parquet", "delta"), "format of the tables")
        .string(
            "inject-faults",
            "RATE",
            null,
            "break a fraction RATE (0 to "
                + FaultInjection.MAX_RATE
                + ") of each table's rows per kind of bad record, and duplicate as many"
                + " (docs/reliability.md)");
  }

  @Override
  public int execute(Options options, Console console) {
    String out = Path.of(options.string("out").orElseThrow()).toAbsolutePath().toString();
    SparkSession spark = SparkSessions.getOrCreate("revattr generate", out + "/_catalog");
    long accounts = options.integer("accounts", DEFAULT_ACCOUNTS);
    int touches = options.integer("touches-per-account", DEFAULT_TOUCHES);
    double faultRate = faultRate(options);
    SampleWarehouse warehouse =
        new SampleWarehouse(spark, accounts, touches, options.longValue("seed", DEFAULT_SEED))
            .withFaults(faultRate)
            .withAccountSkew(options.decimal("account-skew", 0));
    Map<String, Long> counts = write(spark, warehouse, out, options.string("format", "csv"));
    console.println("revattr generate wrote a sample warehouse to " + out + ":");
    counts.forEach((table, rows) -> console.printf("  %-26s %,12d rows%n", table, rows));
    if (faultRate > 0) {
      console.printf(
          "Faults injected: each kind of bad record in about %.1f%% of each table's rows, and as"
              + " many exact duplicates; the run quarantines them (see docs/reliability.md).%n",
          faultRate * 100);
    }
    console.println(
        "Every record is at or before "
            + SampleWarehouse.LATEST_AS_OF
            + (faultRate > 0 ? " (except the records injected as timestamp_after_as_of)" : "")
            + ": run with --as-of "
            + SampleWarehouse.LATEST_AS_OF
            + ".");
    return 0;
  }

  private static double faultRate(Options options) {
    String text = options.string("inject-faults").orElse("0");
    double rate;
    try {
      rate = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      rate = Double.NaN;
    }
    if (!(rate >= 0 && rate <= FaultInjection.MAX_RATE)) {
      throw Errors.usage(
          "--inject-faults '"
              + text
              + "' is not a rate: give a number from 0 to "
              + FaultInjection.MAX_RATE
              + ", e.g. 0.02.");
    }
    return rate;
  }

  /**
   * Writes one table in the given format (csv, parquet or delta), CSV with a header line, a quote
   * in a value doubled (as revattr reads CSV) and ISO-8601 UTC timestamps.
   */
  public static void writeTable(Dataset<Row> rows, String path, String format) {
    switch (format) {
      case "csv" ->
          rows.write()
              .mode("overwrite")
              .option("header", "true")
              .option("escape", InputFormat.CSV_ESCAPE)
              .option("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss'Z'")
              .csv(path);
      case "parquet" -> rows.write().mode("overwrite").parquet(path);
      case "delta" -> rows.write().mode("overwrite").format("delta").save(path);
      default -> throw new IllegalArgumentException("unknown format " + format);
    }
  }

  /** Writes every table of the sample warehouse and returns the rows written per table. */
  public static Map<String, Long> write(
      SparkSession spark, SampleWarehouse warehouse, String out, String format) {
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Dataset<Row>> table : warehouse.tables().entrySet()) {
      String path = out + "/" + table.getKey();
      writeTable(table.getValue(), path, format);
      String readPath = format.equals("delta") ? path : FileSourcePaths.literal(path);
      counts.put(
          table.getKey(),
          spark.read().format(format).option("header", "true").load(readPath).count());
    }
    return counts;
  }
}
