package io.revattr.common.schema;

import io.revattr.common.error.ConfigErrors;
import io.revattr.common.error.InputErrors;
import io.revattr.common.error.RevattrException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How a table's columns as read get their canonical names: by the table's column mapping ({@code
 * input.column_mapping.<table>}, warehouse name to canonical name), and a column named as a
 * canonical column in another letter case ({@code CLOSED_AT}, {@code Contact_ID}) by that canonical
 * name, as Spark resolves names. Without the second, such an optional column would be taken as
 * absent and read as null, silently.
 */
public final class ColumnRenaming {
  private ColumnRenaming() {}

  /**
   * The renaming of a table read with {@code columns}, warehouse name to canonical name: every
   * entry of {@code columnMapping}, where each column whose name, once mapped, is a canonical
   * column's in another letter case gets the canonical name ({@code event_time = Occurred_At} is
   * {@code event_time = occurred_at}, an unmapped {@code CLOSED_AT} is {@code closed_at}), unless
   * another column's name is that one too ({@link #apply} then stops the run). The quarantine names
   * a record's fields back through it.
   *
   * @param columns the table's columns as read (a CSV reader's {@link
   *     InputConformance#MALFORMED_LINE} among them is not the warehouse's, and is never renamed)
   * @param columnMapping the table's column mapping, warehouse name to canonical name
   * @throws io.revattr.common.error.RevattrException a configuration error when the mapping names a
   *     column the table does not have, or maps one onto the reserved marker's name
   */
  public static Map<String, String> of(
      InputTable table, List<String> columns, Map<String, String> columnMapping) {
    checkMapping(
        table,
        columns.stream().filter(c -> !c.equals(InputConformance.MALFORMED_LINE)).toList(),
        columnMapping);
    Map<String, String> renaming = new LinkedHashMap<>(columnMapping);
    List<String> mapped = columns.stream().map(c -> columnMapping.getOrDefault(c, c)).toList();
    for (String column : columns) {
      String name = columnMapping.getOrDefault(column, column);
      for (InputTable.ColumnSpec spec : table.columns()) {
        String canonical = spec.name();
        if (!canonical.equals(name)
            && canonical.equalsIgnoreCase(name)
            && mapped.stream().filter(canonical::equalsIgnoreCase).count() == 1) {
          renaming.put(column, canonical);
        }
      }
    }
    return renaming;
  }

  private static void checkMapping(
      InputTable table, List<String> present, Map<String, String> columnMapping) {
    for (Map.Entry<String, String> rename : columnMapping.entrySet()) {
      if (rename.getValue().equalsIgnoreCase(InputConformance.MALFORMED_LINE)) {
        throw ConfigErrors.badValue(
            "input.column_mapping." + table.tableName() + "." + rename.getKey(),
            rename.getValue(),
            "a column name other than "
                + InputConformance.MALFORMED_LINE
                + ", which revattr reserves for the lines of a CSV file that do not match its"
                + " header");
      }
      if (!present.contains(rename.getKey())) {
        throw ConfigErrors.unmappedColumn(
            table.tableName(),
            rename.getKey(),
            rename.getValue(),
            new TreeSet<>(present),
            table.columns().stream().map(InputTable.ColumnSpec::name).toList());
      }
    }
  }

  /**
   * The read with its columns renamed all at once (so that two columns can swap names), each other
   * column as it is.
   *
   * @param renaming the read's renaming ({@link #of} of its columns and {@code columnMapping})
   * @throws io.revattr.common.error.RevattrException a configuration error when the mapping gives
   *     two columns one name, and an INPUT_STRUCTURE error when the table has two columns of one
   *     name that the mapping does not tell apart
   */
  static Dataset<Row> apply(
      InputTable table,
      Dataset<Row> read,
      Map<String, String> columnMapping,
      Map<String, String> renaming) {
    Map<String, String> nameOf = new LinkedHashMap<>();
    for (String column : read.columns()) {
      String name =
          column.equals(InputConformance.MALFORMED_LINE)
              ? column
              : renaming.getOrDefault(column, column);
      // Spark resolves names ignoring case. A letter-case renaming never gives two columns one
      // name: of() renames only a name no other column has.
      String other =
          nameOf.entrySet().stream()
              .filter(e -> e.getValue().equalsIgnoreCase(name))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse(null);
      if (other != null) {
        throw twoOfOneName(table, columnMapping, column, other);
      }
      nameOf.put(column, name);
    }
    if (nameOf.entrySet().stream().allMatch(e -> e.getKey().equals(e.getValue()))) {
      return read;
    }
    // By position: a name that another column has in another letter case (before the renaming
    // tells them apart) is ambiguous to Spark.
    return read.toDF(nameOf.values().toArray(String[]::new));
  }

  private static RevattrException twoOfOneName(
      InputTable table, Map<String, String> columnMapping, String column, String other) {
    String mappingKey = "input.column_mapping." + table.tableName();
    if (!renames(columnMapping, column) && !renames(columnMapping, other)) {
      return InputErrors.columnNamedTwice(
          table.tableName(),
          "'" + other + "' and '" + column + "'",
          "Drop or rename one of them in the warehouse, or map one to another name ("
              + mappingKey
              + ")",
          null);
    }
    // Name the mapped one of the two (both may be).
    String mapped = renames(columnMapping, column) ? column : other;
    String rival = mapped.equals(column) ? other : column;
    return ConfigErrors.badValue(
        mappingKey + "." + mapped,
        columnMapping.get(mapped),
        "a name that no other column of "
            + table.tableName()
            + " has once mapped (column '"
            + rival
            + "' would have it too): map that column to another name as well, or map this one"
            + " to another name");
  }

  /** Whether the mapping gives {@code column} another name ({@code x = x} does not). */
  static boolean renames(Map<String, String> columnMapping, String column) {
    return !column.equals(columnMapping.getOrDefault(column, column));
  }
}
