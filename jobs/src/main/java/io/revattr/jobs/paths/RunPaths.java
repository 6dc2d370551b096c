package io.revattr.jobs.paths;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import io.revattr.common.config.ConfigLoader;
import io.revattr.common.datadriven.PathFrame;
import io.revattr.common.error.Errors;
import io.revattr.common.journey.JourneyColumns;
import io.revattr.common.report.ReportingCurrency;
import io.revattr.common.schema.Stages;
import io.revattr.jobs.io.DeltaTables;
import io.revattr.jobs.ledger.RunLedger;
import io.revattr.jobs.run.AttributionRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A committed run's closed journeys as aggregated path data, the format {@code revattr paths
 * --input} and the open-source attribution packages read: {@code path} (the journey's channels in
 * order, consecutive repeats kept, joined by {@value #SEPARATOR}), {@code total_conversions} (won
 * journeys), {@code total_conversion_value} (their won amounts) and {@code total_null} (lost
 * journeys). The journeys are those the run's data-driven models learn from ({@link
 * PathFrame#fromJourneys}): closed, with at least one touch.
 */
final class RunPaths {
  /** Between two channels of a path. */
  static final String SEPARATOR = " > ";

  private RunPaths() {}

  /** The latest as-of with a committed run under {@code output}. */
  static LocalDate latestAsOf(SparkSession spark, String output) {
    requireRuns(spark, output);
    Row latest = RunLedger.committedRuns(spark, output).agg(max("as_of")).first();
    if (latest.isNullAt(0)) {
      throw Errors.usage("No run has committed under " + output + " yet: run 'revattr run' first.");
    }
    return latest.getDate(0).toLocalDate();
  }

  /**
   * The aggregated paths of the committed run of {@code asOf}, one row per distinct path, the most
   * converting first, in one partition (written as one file). Values are in the run's reporting
   * currency, or in the deals' one currency.
   *
   * @throws io.revattr.common.error.RevattrException a usage error when the as-of has no committed
   *     run, a channel name holds '>', or won deals in several currencies have no reporting
   *     currency
   */
  static Dataset<Row> of(SparkSession spark, String output, LocalDate asOf) {
    requireRuns(spark, output);
    Date date = Date.valueOf(asOf);
    List<Row> run =
        RunLedger.committedRuns(spark, output)
            .filter(col("as_of").equalTo(lit(date)))
            .join(spark.read().format("delta").load(output + "/" + RunLedger.RUNS), "run_id")
            .select("run_id", "config")
            .collectAsList(); // one run
    if (run.isEmpty()) {
      throw Errors.usage(
          "No committed run of as-of " + asOf + " under " + output + ": give another --as-of.");
    }
    ReportingCurrency currency =
        ReportingCurrency.of(
            ConfigLoader.load(
                    // The runs table keeps the effective configuration below its root key.
                    "revattr = " + run.get(0).getString(1),
                    "the config of run " + run.get(0).getString(0),
                    Map.of())
                .reporting());
    Dataset<Row> touches =
        RunLedger.committedRows(spark, output, AttributionRun.JOURNEY_TOUCHES)
            .filter(col("as_of").equalTo(lit(date)));
    Dataset<Row> won = touches.filter(col("stage").equalTo(Stages.WON));
    requireOneCurrency(won, currency, asOf);
    Dataset<Row> values =
        won.groupBy(col("opportunity_id").as(PathFrame.PATH_ID))
            .agg(first(currency.amount(col("amount"), col("currency"))).as("value"));
    // One scan of the touches, before the journeys' aggregation runs once, for the export.
    // A path file's readers split on '>' and trim what is around it (the CSV writer, too, trims a
    // path's ends: spaces, tabs and other control characters), and the file is read line by line:
    // a name with '>', with such a character at an end or with a line break would come back as
    // other channels (or merged with its trimmed twin).
    List<Row> badChannel =
        touches
            .filter(col("channel").rlike(">|^[\\x00-\\x20]|[\\x00-\\x20]$|[\\r\\n]"))
            .select("channel")
            .limit(1)
            .collectAsList();
    if (!badChannel.isEmpty()) {
      throw Errors.usage(
          "A channel name holds '>', which separates the channels of a path, or a line break, or"
              + " starts or ends with a space or a control character, which a path file's readers"
              + " trim away: '"
              + badChannel.get(0).getString(0)
              + "'. Rename such channels in the warehouse and run again.");
    }
    // journey_touches names the opportunity's account account_id.
    return PathFrame.fromJourneys(
            touches.withColumnRenamed("account_id", JourneyColumns.OPPORTUNITY_ACCOUNT_ID))
        .join(values, new String[] {PathFrame.PATH_ID}, "left")
        .groupBy(array_join(col(PathFrame.CHANNELS), SEPARATOR).as("path"))
        .agg(
            sum(PathFrame.CONVERSIONS).cast("long").as("total_conversions"),
            coalesce(sum("value"), lit(0.0)).as("total_conversion_value"),
            sum(PathFrame.NULLS).cast("long").as("total_null"))
        .coalesce(1)
        .sortWithinPartitions(
            col("total_conversions").desc(), col("total_null").desc(), col("path"));
  }

  /**
   * Writes the paths as one CSV file with a header (through Spark's writer: the paths of a large
   * run do not fit on the driver).
   */
  static void write(Dataset<Row> paths, Path file) throws IOException {
    Path parts = file.resolveSibling("." + file.getFileName() + ".parts");
    // Quotes doubled, as RFC 4180 and the attribution packages read them (Spark's default is \").
    paths
        .write()
        .mode("overwrite")
        .option("header", "true")
        .option("escape", "\"")
        .csv(parts.toString());
    try (Stream<Path> files = Files.list(parts)) {
      Path part =
          files
              .filter(f -> f.getFileName().toString().startsWith("part-"))
              .filter(f -> f.getFileName().toString().endsWith(".csv"))
              .findFirst()
              .orElseThrow(() -> new IOException("Spark wrote no CSV part under " + parts));
      Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
    }
    try (Stream<Path> left = Files.walk(parts)) {
      for (Path p : left.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void requireOneCurrency(
      Dataset<Row> won, ReportingCurrency currency, LocalDate asOf) {
    if (currency.target().isPresent()) {
      return;
    }
    // The distinct currencies of the won deals: a handful.
    List<Row> currencies = won.select("currency").distinct().limit(4).collectAsList();
    if (currencies.size() > 1) {
      throw Errors.usage(
          "The won deals of as-of "
              + asOf
              + " are in several currencies ("
              + currencies.stream().limit(3).map(r -> String.valueOf(r.get(0))).sorted().toList()
              + (currencies.size() > 3 ? " and more" : "")
              + ") and the run has no reporting currency, so their values cannot be added up. Run"
              + " it with reporting.currency and reporting.rates set.");
    }
  }

  private static void requireRuns(SparkSession spark, String output) {
    if (!DeltaTables.isTableAt(spark, output + "/" + RunLedger.RUNS)) {
      throw Errors.usage(
          "--from-run " + output + " holds no runs table: give the --output directory of a run.");
    }
  }
}
