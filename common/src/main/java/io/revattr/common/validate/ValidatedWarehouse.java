package io.revattr.common.validate;

import io.revattr.common.schema.InputTable;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The outcome of validation: every input row is used, collapsed into an exact duplicate, or
 * quarantined.
 *
 * @param usable per table, the records the job uses, on the canonical schema
 * @param marked per table, the records left after exact duplicates collapsed, each with {@link
 *     Quarantine#COPIES} (the input rows it stands for) and {@link Quarantine#REASON_CODE} (null
 *     when usable): usable and quarantine are filters of it, so it is the one frame to count (and
 *     to cache)
 * @param quarantine every quarantined record: source_table, record_key, reason_code, reason, record
 */
public record ValidatedWarehouse(
    Map<InputTable, Dataset<Row>> usable,
    Map<InputTable, Dataset<Row>> marked,
    Dataset<Row> quarantine) {

  /** The usable records of one table. */
  public Dataset<Row> table(InputTable table) {
    return usable.get(table);
  }
}
