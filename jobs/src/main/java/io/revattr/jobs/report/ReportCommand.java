package io.revattr.jobs.report;

import io.revattr.common.error.Errors;
import io.revattr.jobs.cli.Command;
import io.revattr.jobs.cli.CommandParser;
import io.revattr.jobs.cli.Console;
import io.revattr.jobs.cli.Options;
import io.revattr.jobs.run.RunCommand;
import io.revattr.jobs.spark.SparkSessions;
import io.revattr.jobs.sql.ResultCatalog;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * {@code revattr report}: (re)writes the static HTML report of a committed run from its tables;
 * {@code run} and {@code demo} write it after every run.
 */
public final class ReportCommand implements Command {
  @Override
  public String name() {
    return "report";
  }

  @Override
  public String description() {
    return "write the static HTML report of a run's as-of from its result tables";
  }

  @Override
  public void declareOptions(CommandParser parser) {
    parser
        .requiredString("output", "DIR", "output directory of the run")
        .requiredString("as-of", "YYYY-MM-DD", "the run's as-of date")
        .string("report", "DIR", null, "where to write index.html (default: DIR/report/<as-of>)");
  }

  @Override
  public int execute(Options options, Console console) {
    String output = RunCommand.absolute(options.string("output").orElseThrow());
    LocalDate asOf = RunCommand.asOf(options);
    SparkSession spark = SparkSessions.getOrCreate("revattr report", output + "/_catalog");
    String page = write(spark, output, asOf, options.string("report").orElse(null));
    console.println("Report: " + page);
    return 0;
  }

  /**
   * Registers the output's tables by name (committed runs only) and writes the report of {@code
   * asOf}.
   *
   * @param reportDir where to write index.html, or null for {@code <output>/report/<as-of>}
   * @return the page's address, a URI
   * @throws io.revattr.common.error.RevattrException a usage error when the as-of has no committed
   *     run in the output
   */
  public static String write(SparkSession spark, String output, LocalDate asOf, String reportDir) {
    ResultCatalog.registerDirectory(spark, output);
    List<LocalDate> committed = ResultCatalog.committedAsOfs(spark);
    if (!committed.contains(asOf)) {
      throw Errors.usage(
          "No committed run of as-of "
              + asOf
              + " under "
              + output
              + (committed.isEmpty()
                  ? " (no run has finished there yet)"
                  : "; the as-of dates with one: " + committed)
              + ". Run 'revattr run --as-of "
              + asOf
              + "' into it first, or give one of those.");
    }
    String dir =
        reportDir == null
            ? HtmlReport.defaultDirectory(output, asOf)
            : RunCommand.absolute(reportDir);
    return new HtmlReport(spark, asOf).write(dir);
  }
}
