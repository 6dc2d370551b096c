package io.revattr.common.validate;

import io.revattr.common.schema.InputTable;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The outcome of validation: every input record is in exactly one of usable, quarantine or
 * collapsed (read minus deduplicated).
 *
 * @param usable per table, the records the job uses, on the canonical schema
 * @param deduplicated per table, the records left after exact duplicates collapsed (with the
 *     bookkeeping columns), for counting
 * @param quarantine every quarantined record: source_table, record_key, reason_code, reason, record
 */
public record ValidatedWarehouse(
    Map<InputTable, Dataset<Row>> usable,
    Map<InputTable, Dataset<Row>> deduplicated,
    Dataset<Row> quarantine) {

  /** The usable records of one table. */
  public Dataset<Row> table(InputTable table) {
    return usable.get(table);
  }
}
