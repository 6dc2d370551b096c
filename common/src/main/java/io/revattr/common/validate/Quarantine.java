package io.revattr.common.validate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.revattr.common.schema.InputConformance;
import io.revattr.common.schema.InputTable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** The quarantine table's columns and the split of a table into usable and quarantined records. */
public final class Quarantine {
  /** Column holding the first rule that applied to a record, or null when the record is usable. */
  public static final String REASON_CODE = "_reason_code";

  /** Column holding the readable reason of {@link #REASON_CODE}. */
  public static final String REASON = "_reason";

  /**
   * Column holding the number of input rows a marked record stands for (more than 1 when exact
   * duplicates collapsed into it).
   */
  public static final String COPIES = Deduplication.COPIES;

  private Quarantine() {}

  /** The quarantine columns: source_table, record_key, reason_code, reason, record. */
  public static List<String> columns() {
    return List.of("source_table", "record_key", "reason_code", "reason", "record");
  }

  /**
   * Marks each record with the first rule that applies to it (rules are checked in order, so a
   * record carries one reason). The row as read ({@link InputConformance#RAW_RECORD}) is kept for
   * quarantined records only: only their quarantine rows show it, and dropping it from the usable
   * ones roughly halves the marked records that the run caches.
   */
  static Dataset<Row> mark(Dataset<Row> records, List<QuarantineRule> rules) {
    Column code = null;
    Column reason = null;
    for (QuarantineRule rule : rules) {
      Column applies = rule.applies();
      code = code == null ? when(applies, rule.code()) : code.when(applies, rule.code());
      reason = reason == null ? when(applies, rule.reason()) : reason.when(applies, rule.reason());
    }
    if (code == null) {
      code = lit(null).cast("string");
      reason = lit(null).cast("string");
    }
    String raw = InputConformance.RAW_RECORD;
    return records
        .withColumn(REASON_CODE, code)
        .withColumn(REASON, reason)
        .withColumn(raw, when(col(REASON_CODE).isNotNull(), col(raw)));
  }

  /**
   * The quarantine rows of marked records of one table. The record key is the key column as read,
   * or for a table without a key its required columns as read, joined by {@code |}; the record is
   * the row as read, as JSON with every column (nulls too) under the warehouse's own column names
   * (those {@code columnMapping} renamed are named as read), and for a malformed line the line too
   * (as {@link InputConformance#MALFORMED_LINE}; other records do not show that field).
   *
   * @param columnMapping how the table's columns were renamed, warehouse name to canonical name:
   *     its column mapping, and its columns named in another letter case ({@link
   *     io.revattr.common.schema.ColumnRenaming#of})
   */
  static Dataset<Row> rows(
      InputTable table, Dataset<Row> marked, Map<String, String> columnMapping) {
    Column asRead = col(InputConformance.RAW_RECORD);
    StructType rawType = (StructType) marked.schema().apply(InputConformance.RAW_RECORD).dataType();
    List<String> fields = Arrays.asList(rawType.fieldNames());
    Map<String, String> warehouseNames =
        columnMapping.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey, (a, b) -> a));
    Column record = recordJson(asRead, fields, warehouseNames);
    if (fields.contains(InputConformance.MALFORMED_LINE)) {
      List<String> withoutLine =
          fields.stream().filter(f -> !f.equals(InputConformance.MALFORMED_LINE)).toList();
      record =
          when(asRead.getField(InputConformance.MALFORMED_LINE).isNotNull(), record)
              .otherwise(recordJson(asRead, withoutLine, warehouseNames));
    }
    String raw = InputConformance.RAW_RECORD + ".";
    Column key =
        table.keyColumn() == null
            ? concat_ws(
                "|",
                table.requiredColumns().stream()
                    .map(c -> coalesce(col(raw + c).cast("string"), lit("")))
                    .toArray(Column[]::new))
            : col(raw + table.keyColumn()).cast("string");
    return marked
        .filter(col(REASON_CODE).isNotNull())
        .select(
            lit(table.tableName()).as("source_table"),
            key.as("record_key"),
            col(REASON_CODE).as("reason_code"),
            col(REASON).as("reason"),
            record.as("record"));
  }

  /** The given fields of the row as read, as JSON (nulls too), each under its warehouse name. */
  private static Column recordJson(
      Column asRead, List<String> fields, Map<String, String> warehouseNames) {
    Column named =
        struct(
            fields.stream()
                .map(f -> asRead.getField(f).as(warehouseNames.getOrDefault(f, f)))
                .toArray(Column[]::new));
    return to_json(named, Map.of("ignoreNullFields", "false"));
  }

  /** The usable records of marked records, without the marks. */
  static Dataset<Row> usable(Dataset<Row> marked) {
    return marked.filter(col(REASON_CODE).isNull()).drop(REASON_CODE, REASON);
  }
}
