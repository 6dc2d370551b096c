package io.revattr.jobs.ledger;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.revattr.common.error.Errors;
import io.revattr.common.schema.InputTable;
import io.revattr.common.validate.Quarantine;
import io.revattr.common.validate.ValidatedWarehouse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Counts where every input row went and checks that read = used + collapsed + quarantined for every
 * table (DESIGN.md section 6: nothing is dropped silently).
 *
 * <p>Two Spark jobs in all: one counts the rows as read (a plain scan of every table, so it is
 * independent of validation), one aggregates each table's marked records (which the run caches,
 * since the usable records and the quarantine are filters of them) by reason code. Both results are
 * a few rows per table.
 */
public final class InputReconciliation {
  private InputReconciliation() {}

  /** Counts every table; {@code conformed} are the tables as read, before validation. */
  public static List<TableCounts> countTables(
      Map<InputTable, Dataset<Row>> conformed, ValidatedWarehouse warehouse) {
    Dataset<Row> readRows = null;
    Dataset<Row> outcomes = null;
    for (InputTable table : InputTable.values()) {
      Dataset<Row> read =
          conformed.get(table).select(lit(table.tableName()).as("table")).groupBy("table").count();
      readRows = readRows == null ? read : readRows.unionByName(read);
      Dataset<Row> outcome =
          warehouse
              .marked()
              .get(table)
              .groupBy(col(Quarantine.REASON_CODE).as("reason_code"))
              .agg(count(lit(1)).as("records"), sum(Quarantine.COPIES).as("rows"))
              .withColumn("table", lit(table.tableName()));
      outcomes = outcomes == null ? outcome : outcomes.unionByName(outcome);
    }
    // A row per table, and per table and reason code: small, so collecting them is fine.
    Map<String, Long> readByTable = new HashMap<>();
    for (Row row : readRows.collectAsList()) {
      readByTable.put(row.getString(0), row.getLong(1));
    }
    Map<String, List<Row>> outcomesByTable =
        outcomes.collectAsList().stream()
            .collect(Collectors.groupingBy(r -> r.<String>getAs("table")));

    List<TableCounts> counts = new ArrayList<>();
    for (InputTable table : InputTable.values()) {
      long used = 0;
      long records = 0;
      long rows = 0;
      Map<String, Long> quarantined = new TreeMap<>();
      for (Row r : outcomesByTable.getOrDefault(table.tableName(), List.of())) {
        long n = r.<Long>getAs("records");
        records += n;
        rows += r.<Long>getAs("rows");
        String code = r.getAs("reason_code");
        if (code == null) {
          used = n;
        } else {
          quarantined.put(code, n);
        }
      }
      counts.add(
          new TableCounts(
              table.tableName(),
              readByTable.getOrDefault(table.tableName(), 0L),
              used,
              rows - records,
              quarantined));
    }
    return counts;
  }

  /**
   * Fails the run, before anything is written, when a table's rows do not add up.
   *
   * @throws io.revattr.common.error.RevattrException of kind FAILURE naming every such table
   */
  public static void verify(List<TableCounts> counts) {
    List<String> broken =
        counts.stream()
            .filter(c -> !c.reconciles())
            .map(
                c ->
                    String.format(
                        Locale.ROOT,
                        "%s: read %d but used %d + collapsed %d + quarantined %d = %d",
                        c.table(),
                        c.read(),
                        c.used(),
                        c.collapsed(),
                        c.quarantined(),
                        c.used() + c.collapsed() + c.quarantined()))
            .toList();
    if (!broken.isEmpty()) {
      throw Errors.failure(
          "Input rows do not reconcile, so some were lost or multiplied by validation; nothing"
              + " was written. "
              + String.join("; ", broken)
              + ". This is a bug in revattr: report it with the input's shape.",
          null);
    }
  }
}
