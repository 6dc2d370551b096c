package io.revattr.jobs.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;

import io.revattr.common.config.ConfigLoader;
import io.revattr.jobs.cli.Command;
import io.revattr.jobs.cli.CommandParser;
import io.revattr.jobs.cli.Console;
import io.revattr.jobs.cli.Options;
import io.revattr.jobs.generate.GenerateCommand;
import io.revattr.jobs.generate.SampleWarehouse;
import io.revattr.jobs.io.InputFormat;
import io.revattr.jobs.spark.SparkSessions;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code revattr demo}: generates a small warehouse, runs every model on it, and prints what came
 * out and how to query it.
 */
public final class DemoCommand implements Command {
  static final List<String> SHOWN_MODELS =
      List.of("first_touch", "w_shaped", "linear", "time_decay");

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
  public int execute(Options options, Console console) {
    String dir = RunCommand.absolute(options.string("dir", "./demo"));
    String warehouse = dir + "/warehouse";
    String output = dir + "/output";
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
            ConfigLoader.defaults());
    RunResult result = new AttributionRun(spark, settings).execute();
    console.println("");
    RunReport.print(result, console);
    printRevenueByChannel(spark, result, console);
    RunReport.printQueryHelp(result, console);
    return 0;
  }

  private static void printRevenueByChannel(SparkSession spark, RunResult result, Console console) {
    Dataset<Row> journeys =
        spark
            .read()
            .format("delta")
            .load(result.tableLocations().get(AttributionRun.JOURNEY_TOUCHES));
    long opportunities = journeys.select(countDistinct(col("opportunity_id"))).first().getLong(0);
    console.println("");
    console.printf(
        "%,d opportunities have journeys, with %,d journey touches.%n",
        opportunities, journeys.count());
    Dataset<Row> credits =
        spark
            .read()
            .format("delta")
            .load(result.tableLocations().get(AttributionRun.ATTRIBUTION_CREDITS))
            .filter(col("currency").equalTo(lit("USD")));
    // Channels x a few models: a small, bounded table, so collecting it to print is fine.
    List<Row> rows =
        credits
            .groupBy("channel")
            .pivot("model", List.<Object>copyOf(SHOWN_MODELS))
            .agg(round(sum("revenue_credit"), 0))
            .orderBy(col(SHOWN_MODELS.get(1)).desc_nulls_last())
            .collectAsList();
    console.println("");
    console.println("Won revenue (USD deals) by channel under a few models:");
    StringBuilder header = new StringBuilder(String.format("  %-22s", "channel"));
    SHOWN_MODELS.forEach(m -> header.append(String.format(" %14s", m)));
    console.println(header.toString());
    for (Row row : rows) {
      StringBuilder line = new StringBuilder(String.format("  %-22s", row.getString(0)));
      for (int i = 1; i <= SHOWN_MODELS.size(); i++) {
        line.append(String.format(" %,14.0f", row.isNullAt(i) ? 0.0 : row.getDouble(i)));
      }
      console.println(line.toString());
    }
  }
}
