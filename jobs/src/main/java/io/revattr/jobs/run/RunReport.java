package io.revattr.jobs.run;

import io.revattr.jobs.cli.Console;
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

  /** How to query the tables with any Spark SQL that has Delta Lake. */
  static void printQueryHelp(RunResult result, Console console) {
    String credits = result.tableLocations().get(AttributionRun.ATTRIBUTION_CREDITS);
    console.println("");
    console.println("Query the tables in Spark SQL (with Delta Lake) by path, for example:");
    console.println(
        "  SELECT model, channel, round(sum(revenue_credit)) AS revenue FROM delta.`"
            + credits
            + "` WHERE as_of = DATE'"
            + result.asOf()
            + "' GROUP BY model, channel ORDER BY model, revenue DESC");
  }
}
