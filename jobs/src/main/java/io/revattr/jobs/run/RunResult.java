package io.revattr.jobs.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.revattr.jobs.io.ResultWriter;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * What a run wrote, counted from the committed tables.
 *
 * @param runId the run's id
 * @param asOf the run's as-of date
 * @param tableLocations result table name to its location
 * @param tableNames result table name to the name it is registered under
 * @param rowCounts result table name to the rows the run wrote
 */
public record RunResult(
    String runId,
    LocalDate asOf,
    Map<String, String> tableLocations,
    Map<String, String> tableNames,
    Map<String, Long> rowCounts) {

  static RunResult read(
      SparkSession spark,
      ResultWriter writer,
      Iterable<String> tables,
      String runId,
      LocalDate asOf) {
    Map<String, String> locations = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : tables) {
      locations.put(table, writer.location(table));
      names.put(table, writer.qualifiedName(table));
      counts.put(
          table,
          spark
              .read()
              .format("delta")
              .load(writer.location(table))
              .filter(col(ResultWriter.AS_OF).equalTo(lit(java.sql.Date.valueOf(asOf))))
              .count());
    }
    return new RunResult(runId, asOf, locations, names, counts);
  }
}
