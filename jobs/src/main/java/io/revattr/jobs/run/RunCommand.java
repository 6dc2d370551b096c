package io.revattr.jobs.run;

import io.revattr.common.config.ConfigLoader;
import io.revattr.common.config.RevattrConfig;
import io.revattr.common.error.ErrorKind;
import io.revattr.common.error.Errors;
import io.revattr.common.error.RevattrException;
import io.revattr.jobs.cli.Command;
import io.revattr.jobs.cli.CommandParser;
import io.revattr.jobs.cli.Console;
import io.revattr.jobs.cli.Options;
import io.revattr.jobs.cli.ShellWords;
import io.revattr.jobs.io.FaultPoints;
import io.revattr.jobs.io.InputFormat;
import io.revattr.jobs.io.ResultWriter;
import io.revattr.jobs.io.TableRegistry;
import io.revattr.jobs.report.ReportCommand;
import io.revattr.jobs.spark.SparkSessions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FSError;
import org.apache.spark.sql.SparkSession;

/** {@code revattr run}: attribution of a warehouse into Delta tables. */
public final class RunCommand implements Command {
  @Override
  public String name() {
    return "run";
  }

  @Override
  public String description() {
    return "attribute a warehouse's revenue and pipeline to its touches, into Delta tables";
  }

  @Override
  public void declareOptions(CommandParser parser) {
    parser
        .string("input", "DIR", null, "directory of the input tables (or use --input-catalog)")
        .string("input-catalog", "DB", null, "catalog database to read the input tables from")
        .choice("input-format", "auto", InputFormat.cliNames(), "format of the input tables")
        .requiredString("output", "DIR", "directory of the Delta result tables")
        .requiredString("as-of", "YYYY-MM-DD", "the run's date: open opportunities end with it")
        .string("catalog", "DB", null, "catalog database to register the result tables in")
        .string("conf", "FILE", null, "configuration file (HOCON); defaults: conf/revattr.conf")
        .string(
            "report",
            "DIR",
            null,
            "where to write the HTML report (default: output/report/<as-of>)")
        .string("models", "a,b,...", null, "models to compute (default: models.enabled)")
        .string(
            "mapping", "NAME", null, "journey mapping: account, contact_roles or primary_contact")
        .optionalInteger(
            "lookback-days",
            "N",
            0,
            "only touches at most N days before creation (default: no limit)");
  }

  @Override
  public int execute(Options options, Console console) throws IOException {
    RunSettings settings = settings(options);
    SparkSession spark = SparkSessions.getOrCreate("revattr run", warehouseDir(settings.output()));
    String reportDir = options.string("report").map(RunCommand::absolute).orElse(null);
    if (reportDir != null) {
      ResultWriter.checkWritable(spark, reportDir, "--report");
    }
    RunResult result;
    try {
      result = new AttributionRun(spark, settings).execute();
    } catch (RevattrException e) {
      if (e.kind() == ErrorKind.AFTER_COMMIT) {
        // Committed, though older runs' rows were left: its report is still written.
        try {
          console.println("HTML report: " + writeReport(spark, settings, reportDir));
        } catch (Exception | FSError reportFailure) {
          throw Errors.followedBy(
              e, "writing its HTML report", reportFailure, writeReportAgain(settings, reportDir));
        }
      }
      throw e;
    }
    RunReport.print(result, console);
    String page;
    try {
      page = writeReport(spark, settings, reportDir);
    } catch (Exception | FSError e) {
      throw Errors.afterCommit(
          result.runId(),
          settings.asOf(),
          "writing its HTML report",
          e,
          writeReportAgain(settings, reportDir));
    }
    console.println("HTML report: " + page);
    return 0;
  }

  /** The command that writes the committed run's report, as a shell takes it. */
  private static String writeReportAgain(RunSettings settings, String reportDir) {
    return "Write it again with: revattr report --output "
        + ShellWords.quote(settings.output())
        + " --as-of "
        + settings.asOf()
        + (reportDir == null ? "" : " --report " + ShellWords.quote(reportDir));
  }

  /** Writes the committed run's HTML report and returns the page's address. */
  private static String writeReport(SparkSession spark, RunSettings settings, String reportDir) {
    FaultPoints.reached("report");
    return ReportCommand.write(spark, settings.output(), settings.asOf(), reportDir);
  }

  /** The {@code --as-of} option as a date, or a usage error that shows the value given. */
  public static LocalDate asOf(Options options) {
    try {
      return LocalDate.parse(options.string("as-of").orElseThrow());
    } catch (DateTimeParseException e) {
      throw Errors.usage(
          "--as-of '" + options.string("as-of").orElse("") + "' is not a date: use YYYY-MM-DD.");
    }
  }

  /** Parses and validates the options and the config, before any Spark work. */
  static RunSettings settings(Options options) throws IOException {
    String input = options.string("input").orElse(null);
    String inputCatalog = options.string("input-catalog").orElse(null);
    if ((input == null) == (inputCatalog == null)) {
      throw Errors.usage("Give exactly one of --input DIR and --input-catalog DB.");
    }
    LocalDate asOf = asOf(options);
    RevattrConfig config = loadConfig(options);
    return new RunSettings(
        input == null ? null : absolute(input),
        inputCatalog,
        InputFormat.fromCli(options.string("input-format", "auto")),
        absolute(options.string("output").orElseThrow()),
        options.string("catalog").map(TableRegistry::checkedDatabaseName).orElse(null),
        asOf,
        config);
  }

  static RevattrConfig loadConfig(Options options) throws IOException {
    Map<String, Object> overrides = new LinkedHashMap<>();
    options.string("mapping").ifPresent(m -> overrides.put("journey.mapping", m));
    if (options.has("lookback-days")) {
      overrides.put("journey.lookback_days", options.integer("lookback-days", 0));
    }
    options
        .string("models")
        .ifPresent(
            m ->
                overrides.put(
                    "models.enabled",
                    Arrays.stream(m.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList()));
    String text = null;
    String origin = "defaults";
    if (options.string("conf").isPresent()) {
      Path file = Path.of(options.string("conf").get());
      if (!Files.isRegularFile(file)) {
        throw Errors.usage(
            "--conf " + file + " is not a file. Give the path of a HOCON config file.");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
      origin = file.toString();
    }
    return ConfigLoader.load(text, origin, overrides);
  }

  /**
   * A local path made absolute; a URI ({@code s3a://b/p}, {@code hdfs://n/p}, {@code file:///p}) in
   * Hadoop's form of it: no slash doubled or trailing, {@code file:/p}. Delta compares a table's
   * location with the one it resolves itself, and refuses {@code file:///o/runs} or {@code
   * s3a://b/o//runs} as another location than its own. A name with a colon but no slash after it
   * ({@code out:1}) is a local path.
   */
  public static String absolute(String path) {
    if (path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:/.*")) {
      String uri = new org.apache.hadoop.fs.Path(path).toString();
      // Hadoop keeps the slash of a root (s3a://bucket/): tables are named by appending "/<table>".
      return uri.endsWith("/") && !uri.endsWith(":/") ? uri.substring(0, uri.length() - 1) : uri;
    }
    return Path.of(path).toAbsolutePath().normalize().toString();
  }

  /** The embedded catalog's warehouse directory, beside the output so it never lands in the cwd. */
  static String warehouseDir(String output) {
    return output + "/_catalog";
  }
}
