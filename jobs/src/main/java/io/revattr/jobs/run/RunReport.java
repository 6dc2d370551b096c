package io.revattr.jobs.run;

import io.revattr.jobs.cli.Console;
import io.revattr.jobs.cli.ShellWords;
import io.revattr.jobs.ledger.RunRecord;
import io.revattr.jobs.ledger.TableCounts;
import java.nio.file.Path;
import java.util.Map;

/** The short human summary a run prints: what was written where, and how to query it. */
final class RunReport {
  private RunReport() {}

  static void print(RunResult result, Console console) {
    console.println(
        "revattr run "
            + result.runId()
            + " as of "
            + result.asOf()
            + " "
            + result.run().status()
            + ". It wrote:");
    for (Map.Entry<String, String> table : result.tableLocations().entrySet()) {
      console.printf(
          "  %-20s %,12d rows  %s%n",
          table.getKey(), result.rowCounts().get(table.getKey()), table.getValue());
    }
    printInputs(result.run(), console);
    printCreditChecks(result.run(), console);
  }

  /** Where every input row went, table by table, with the quarantine reasons. */
  static void printInputs(RunRecord run, Console console) {
    console.println(
        "Input rows (read = used + collapsed duplicates + quarantined): "
            + (run.inputsReconcile() ? "every table adds up." : "SOME TABLES DO NOT ADD UP."));
    console.printf(
        "  %-26s %10s %10s %10s %11s%n", "table", "read", "used", "collapsed", "quarantined");
    for (TableCounts t : run.inputs()) {
      console.printf(
          "  %-26s %,10d %,10d %,10d %,11d%s%n",
          t.table(), t.read(), t.used(), t.collapsed(), t.quarantined(), reasons(t));
    }
  }

  private static String reasons(TableCounts t) {
    if (t.quarantinedByReason().isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder("  (");
    t.quarantinedByReason()
        .forEach(
            (code, n) ->
                text.append(text.length() > 3 ? ", " : "").append(code).append(' ').append(n));
    return text.append(')').toString();
  }

  /** A committed run's credits reconcile: one that does not fails before its commit. */
  private static void printCreditChecks(RunRecord run, Console console) {
    if (!run.modelChecks().isEmpty()) {
      console.printf(
          "Credits reconcile for all %d models: each opportunity's credits add up to 1 and its"
              + " revenue credits to its won amount.%n",
          run.modelChecks().size());
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
            + ShellWords.quote(output)
            + " \\\n    \"SELECT value AS channel, round(attributed_revenue) AS revenue,"
            + " round(revenue_share, 3) AS share, round(roas, 2) AS roas FROM attribution_summary"
            + " WHERE model = 'w_shaped' AND dimension = 'channel' AND as_of = DATE'"
            + result.asOf()
            + "' ORDER BY revenue_rank LIMIT 5\"");
  }
}
