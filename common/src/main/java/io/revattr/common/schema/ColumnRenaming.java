package io.revattr.common.schema;

import io.revattr.common.error.ConfigErrors;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
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
   * entry of {@code columnMapping}, and every other column whose name, once mapped, is a canonical
   * column's in another letter case, unless another column's is too (two columns of one name are
   * the input's own, left to the checks of its structure). The quarantine names a record's fields
   * back through it.
   *
   * @param columnMapping the table's column mapping, warehouse name to canonical name
   */
  public static Map<String, String> of(
      InputTable table, List<String> columns, Map<String, String> columnMapping) {
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

  /**
   * The read with its columns renamed by {@link #of} all at once (so that two columns can swap
   * names), each other column as it is.
   *
   * @throws io.revattr.common.error.RevattrException a configuration error when two columns would
   *     have one name
   */
  static Dataset<Row> apply(
      InputTable table, Dataset<Row> read, Map<String, String> columnMapping) {
    Map<String, String> renaming = of(table, Arrays.asList(read.columns()), columnMapping);
    Map<String, String> nameOf = new LinkedHashMap<>();
    for (String column : read.columns()) {
      String name =
          column.equals(InputConformance.MALFORMED_LINE)
              ? column
              : renaming.getOrDefault(column, column);
      // Spark resolves names ignoring case. Two columns of one name that the mapping did not make
      // are the input's own: left to the checks of the input's structure. A letter-case renaming
      // never makes one (of() renames only a name no other column has).
      String other =
          nameOf.entrySet().stream()
              .filter(e -> e.getValue().equalsIgnoreCase(name))
              .filter(e -> !name.equals(column) || !e.getKey().equals(e.getValue()))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse(null);
      if (other != null) {
        // Name the mapped one of the two (both may be).
        String mapped = name.equals(column) ? other : column;
        String rival = mapped.equals(column) ? other : column;
        throw ConfigErrors.badValue(
            "input.column_mapping." + table.tableName() + "." + mapped,
            name,
            "a name that no other column of "
                + table.tableName()
                + " has once mapped (column '"
                + rival
                + "' would have it too): map that column to another name as well, or map this one"
                + " to another name");
      }
      nameOf.put(column, name);
    }
    if (nameOf.entrySet().stream().allMatch(e -> e.getKey().equals(e.getValue()))) {
      return read;
    }
    return read.select(
        nameOf.entrySet().stream()
            .map(e -> InputConformance.quoted(e.getKey()).as(e.getValue()))
            .toArray(Column[]::new));
  }
}
