package io.revattr.jobs.run;

import io.revattr.jobs.io.ResultWriter;
import io.revattr.jobs.ledger.RunLedger;
import io.revattr.jobs.ledger.RunRecord;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run wrote, counted from the committed tables.
 *
 * @param runId the run's id
 * @param asOf the run's as-of date
 * @param tableLocations result table name to its location (the runs table last)
 * @param tableNames result table name to the name it is registered under
 * @param rowCounts result table name to the rows the run wrote
 * @param run the run's row in the runs table: input counts, reconciliation, status
 */
public record RunResult(
    String runId,
    LocalDate asOf,
    Map<String, String> tableLocations,
    Map<String, String> tableNames,
    Map<String, Long> rowCounts,
    RunRecord run) {

  static RunResult of(ResultWriter writer, Iterable<String> tables, RunRecord run) {
    Map<String, String> locations = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : tables) {
      locations.put(table, writer.location(table));
      names.put(table, writer.qualifiedName(table));
      counts.put(table, run.outputs().getOrDefault(table, 0L));
    }
    locations.put(RunLedger.RUNS, writer.location(RunLedger.RUNS));
    names.put(RunLedger.RUNS, writer.qualifiedName(RunLedger.RUNS));
    counts.put(RunLedger.RUNS, 1L);
    return new RunResult(run.runId(), run.asOf(), locations, names, counts, run);
  }
}
