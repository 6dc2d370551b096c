package io.revattr.jobs.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

import io.revattr.common.config.ConfigLoader;
import io.revattr.common.config.RevattrConfig;
import io.revattr.common.error.Errors;
import io.revattr.common.report.AnalystTables;
import io.revattr.common.report.ModelComparison;
import io.revattr.jobs.cli.Command;
import io.revattr.jobs.cli.CommandParser;
import io.revattr.jobs.cli.Console;
import io.revattr.jobs.cli.Options;
import io.revattr.jobs.generate.GenerateCommand;
import io.revattr.jobs.generate.SampleWarehouse;
import io.revattr.jobs.io.InputFormat;
import io.revattr.jobs.report.ReportCommand;
import io.revattr.jobs.spark.SparkSessions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code revattr demo}: generates a small warehouse, runs every model on it, and prints what came
 * out and how to query it.
 */
public final class DemoCommand implements Command {
  static final List<String> SHOWN_MODELS =
      List.of("first_touch", "w_shaped", "linear", "time_decay", "last_touch");

  private static final int TOP_CHANNELS = 8;
  private static final String DEMO_CONF = "/demo.conf";

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String description() {
    return "generate a sample warehouse, run every model on it and show the results";
  }

  @Override
  public void declareOptions(CommandParser parser) {
    parser
        .string("dir", "DIR", "./demo", "directory for the sample warehouse and the results")
        .integer("accounts", "N", 300, 1, "number of accounts of the sample warehouse");
  }

  @Override
  public int execute(Options options, Console console) throws IOException {
    String dir = RunCommand.absolute(options.string("dir", "./demo"));
    String warehouse = dir + "/warehouse";
    String output = dir + "/output";
    RevattrConfig config = demoConfig();
    SparkSession spark = SparkSessions.getOrCreate("revattr demo", RunCommand.warehouseDir(output));
    GenerateCommand.write(
        spark,
        new SampleWarehouse(spark, options.integer("accounts", 300), 30, 7),
        warehouse,
        "csv");
    console.println("Generated a sample warehouse (CSV) in " + warehouse);
    RunSettings settings =
        new RunSettings(
            warehouse,
            null,
            InputFormat.AUTO,
            output,
            null,
            LocalDate.parse(SampleWarehouse.LATEST_AS_OF),
            config);
    RunResult result = new AttributionRun(spark, settings).execute();
    console.println("");
    RunReport.print(result, console);
    printJourneys(spark, result, console);
    printModelComparison(spark, result, config.reporting().currency().orElse(""), console);
    RunReport.printQueryHelp(result, console);
    console.println("");
    console.println(
        "HTML report (open it in a browser; it works offline): "
            + ReportCommand.write(spark, output, settings.asOf(), null));
    return 0;
  }

  /** The shipped demo configuration: the defaults, reported in one currency. */
  static RevattrConfig demoConfig() throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(DEMO_CONF)) {
      if (in == null) {
        throw Errors.failure("The shipped " + DEMO_CONF + " is not on the classpath", null);
      }
      return ConfigLoader.load(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), "demo.conf (shipped)", Map.of());
    }
  }

  private static void printJourneys(SparkSession spark, RunResult result, Console console) {
    Dataset<Row> journeys = committed(spark, result, AttributionRun.JOURNEY_TOUCHES);
    long opportunities = journeys.select(countDistinct(col("opportunity_id"))).first().getLong(0);
    console.println("");
    console.printf(
        "%,d opportunities have journeys, with %,d journey touches.%n",
        opportunities, journeys.count());
  }

  private static void printModelComparison(
      SparkSession spark, RunResult result, String currency, Console console) {
    Dataset<Row> comparison =
        committed(spark, result, AnalystTables.MODEL_COMPARISON)
            .filter(col("dimension").equalTo("channel"));
    List<Column> shown = new ArrayList<>(List.of(col("value")));
    SHOWN_MODELS.forEach(m -> shown.add(col(ModelComparison.revenueColumn(m))));
    shown.add(col(ModelComparison.REVENUE_SPREAD));
    // The top channels of one comparison row each: a small, bounded table, so collecting is fine.
    List<Row> rows =
        comparison
            .select(shown.toArray(Column[]::new))
            .orderBy(col(ModelComparison.revenueColumn(SHOWN_MODELS.get(1))).desc())
            .limit(TOP_CHANNELS)
            .collectAsList();
    console.println("");
    console.println(
        "Won revenue ("
            + currency
            + ") of the top "
            + TOP_CHANNELS
            + " channels under a few models, and the spread across all models:");
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-20s", "channel"));
    SHOWN_MODELS.forEach(m -> header.append(String.format(Locale.ROOT, " %14s", m)));
    header.append(String.format(Locale.ROOT, " %14s", "spread"));
    console.println(header.toString());
    for (Row row : rows) {
      StringBuilder line =
          new StringBuilder(String.format(Locale.ROOT, "  %-20s", row.getString(0)));
      for (int i = 1; i < row.length(); i++) {
        line.append(
            String.format(Locale.ROOT, " %,14.0f", row.isNullAt(i) ? 0.0 : row.getDouble(i)));
      }
      console.println(line.toString());
    }
  }

  private static Dataset<Row> committed(SparkSession spark, RunResult result, String table) {
    return spark
        .read()
        .format("delta")
        .load(result.tableLocations().get(table))
        .filter(col("run_id").equalTo(lit(result.runId())));
  }
}
