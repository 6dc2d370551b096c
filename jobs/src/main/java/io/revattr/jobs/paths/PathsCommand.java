package io.revattr.jobs.paths;

import io.revattr.common.datadriven.PathAttribution;
import io.revattr.common.datadriven.PathAttribution.ChannelResult;
import io.revattr.common.datadriven.PathAttribution.Result;
import io.revattr.common.error.Errors;
import io.revattr.jobs.cli.Command;
import io.revattr.jobs.cli.CommandParser;
import io.revattr.jobs.cli.Console;
import io.revattr.jobs.cli.Options;
import io.revattr.jobs.io.FileSourcePaths;
import io.revattr.jobs.run.RunCommand;
import io.revattr.jobs.spark.SparkSessions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code revattr paths}: the Markov and Shapley models on aggregated path data (the format of the
 * open-source attribution packages), into {@code DIR/channels.csv}; the data is a path file, or a
 * committed run's closed journeys, exported first as {@code DIR/paths.csv} (see {@link RunPaths}).
 */
public final class PathsCommand implements Command {
  /** The file written under the output directory. */
  public static final String CHANNELS_FILE = "channels.csv";

  /** The file a run's paths are exported to under the output directory. */
  public static final String PATHS_FILE = "paths.csv";

  /** The columns of {@value #CHANNELS_FILE}, in order. */
  public static final List<String> CHANNELS_COLUMNS =
      List.of(
          "channel",
          "removal_effect",
          "markov_conversions",
          "markov_value",
          "shapley_value",
          "shapley_conversions");

  // Local files only: the result is one small CSV written from the driver.
  @Override
  public String name() {
    return "paths";
  }

  @Override
  public String description() {
    return "Markov removal effects and Shapley values of aggregated path data, into a CSV";
  }

  @Override
  public void declareOptions(CommandParser parser) {
    parser
        .string(
            "input",
            "FILE",
            null,
            "CSV with path (\"a > b > c\"), total_conversions, total_conversion_value, total_null")
        .string(
            "from-run",
            "OUT",
            null,
            "instead of --input: the --output directory of a run, whose closed journeys are"
                + " exported as "
                + PATHS_FILE
                + " in that format first")
        .string(
            "as-of",
            "YYYY-MM-DD",
            null,
            "with --from-run: the committed run's as-of (default: the latest)")
        .requiredString(
            "output",
            "DIR",
            "directory to write " + CHANNELS_FILE + " (and " + PATHS_FILE + ") into")
        .integer("order", "K", 1, 1, "order of the Markov chain, 1 to 4");
  }

  @Override
  public int execute(Options options, Console console) throws IOException {
    int order = options.integer("order", 1);
    if (order > 4) {
      throw Errors.usage("--order must be 1, 2, 3 or 4, not " + order + ".");
    }
    Optional<String> fromRun = options.string("from-run");
    if (fromRun.isPresent() == options.string("input").isPresent()) {
      throw Errors.usage(
          "Give either --input FILE (a path file) or --from-run OUT (a run's output).");
    }
    if (fromRun.isEmpty() && options.string("as-of").isPresent()) {
      throw Errors.usage("--as-of goes with --from-run: a path file has no as-of.");
    }
    Path output = Path.of(options.string("output").orElseThrow()).toAbsolutePath().normalize();
    SparkSession spark =
        SparkSessions.getOrCreate("revattr paths", output.resolve("_catalog").toString());
    String input =
        fromRun.isPresent()
            ? exportRun(spark, RunCommand.absolute(fromRun.get()), options, output, console)
            : Path.of(options.string("input").get()).toAbsolutePath().normalize().toString();
    if (!Files.isRegularFile(Path.of(input))) {
      throw Errors.usage("--input " + input + " is not a file. Give an aggregated path CSV.");
    }
    Dataset<Row> raw = spark.read().option("header", "true").csv(FileSourcePaths.literal(input));
    Result result = PathAttribution.compute(raw, input, order);
    Files.createDirectories(output);
    Path file = output.resolve(CHANNELS_FILE);
    Files.write(file, csvLines(result), StandardCharsets.UTF_8);
    print(result, order, file, console);
    return 0;
  }

  /** Writes the run's paths as {@value #PATHS_FILE} under {@code output} and returns the file. */
  private static String exportRun(
      SparkSession spark, String run, Options options, Path output, Console console)
      throws IOException {
    LocalDate asOf =
        options.string("as-of").isPresent()
            ? RunCommand.asOf(options)
            : RunPaths.latestAsOf(spark, run);
    Files.createDirectories(output);
    Path file = output.resolve(PATHS_FILE);
    RunPaths.write(RunPaths.of(spark, run, asOf), file);
    console.println("Exported the closed journeys of " + run + " as of " + asOf + " to " + file);
    return file.toString();
  }

  /** The CSV lines of the result: a header, then one line per channel (full double precision). */
  static List<String> csvLines(Result result) {
    List<String> lines = new ArrayList<>();
    lines.add(String.join(",", CHANNELS_COLUMNS));
    for (ChannelResult c : result.channels()) {
      lines.add(
          String.join(
              ",",
              csvText(c.channel()),
              Double.toString(c.removalEffect()),
              Double.toString(c.markovConversions()),
              Double.toString(c.markovValue()),
              Double.toString(c.shapleyValue()),
              Double.toString(c.shapleyConversions())));
    }
    return lines;
  }

  private static String csvText(String text) {
    return text.contains(",") || text.contains("\"")
        ? "\"" + text.replace("\"", "\"\"") + "\""
        : text;
  }

  private static void print(Result result, int order, Path file, Console console) {
    console.println(
        String.format(
            Locale.ROOT,
            "%,d paths, %,.0f conversions (value %,.2f); order-%d chain: P(conversion) = %.6f%n",
            result.paths(),
            result.totalConversions(),
            result.totalValue(),
            order,
            result.conversionProbability()));
    console.println(
        String.format(
            Locale.ROOT,
            "  %-16s %14s %18s %14s %19s",
            "channel",
            "removal_effect",
            "markov_conversions",
            "shapley_value",
            "shapley_conversions"));
    for (ChannelResult c : result.channels()) {
      console.println(
          String.format(
              Locale.ROOT,
              "  %-16s %14.6f %18.2f %14.6f %19.2f",
              c.channel(),
              c.removalEffect(),
              c.markovConversions(),
              c.shapleyValue(),
              c.shapleyConversions()));
    }
    console.println("");
    console.println("Wrote " + file);
  }
}
