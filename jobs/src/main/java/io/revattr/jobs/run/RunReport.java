package io.revattr.jobs.run;

import io.revattr.jobs.cli.Console;
import java.nio.file.Path;
import java.util.Map;

/** The short human summary a run prints: what was written where, and how to query it. */
final class RunReport {
  private RunReport() {}

  static void print(RunResult result, Console console) {
    console.println("revattr run " + result.runId() + " as of " + result.asOf() + " wrote:");
    for (Map.Entry<String, String> table : result.tableLocations().entrySet()) {
      console.printf(
          "  %-20s %,12d rows  %s%n",
          table.getKey(), result.rowCounts().get(table.getKey()), table.getValue());
    }
  }

  /** How to query the tables by name from any later shell. */
  static void printQueryHelp(RunResult result, Console console) {
    String output =
        Path.of(result.tableLocations().get(AttributionRun.ATTRIBUTION_CREDITS))
            .getParent()
            .toString();
    console.println("");
    console.println(
        "Query the tables by name (docs/tables.md describes every column), for example:");
    console.println(
        "  bin/revattr sql --output "
            + output
            + " \\\n    \"SELECT value AS channel, round(attributed_revenue) AS revenue,"
            + " round(revenue_share, 3) AS share, round(roas, 2) AS roas FROM attribution_summary"
            + " WHERE model = 'w_shaped' AND dimension = 'channel' AND as_of = DATE'"
            + result.asOf()
            + "' ORDER BY revenue_rank LIMIT 5\"");
  }
}
