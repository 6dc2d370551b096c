package io.revattr.jobs.sql;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.revattr.jobs.cli.Console;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Prints a query's result as an aligned text table, CSV (RFC 4180) or JSON lines. */
final class QueryPrinter {
  /** The output formats of {@code revattr sql}. */
  static final List<String> FORMATS = List.of("table", "csv", "json");

  private QueryPrinter() {}

  static void print(Dataset<Row> result, String format, int maxRows, Console console) {
    switch (format) {
      case "csv" -> printCsv(withNestedAsJson(result), console);
      case "json" -> printJsonLines(result, console);
      default -> printTable(withNestedAsJson(result), maxRows, console);
    }
  }

  /**
   * Arrays, maps and structs as JSON text (as in {@code --format json}), instead of the Scala
   * collections' own text.
   */
  private static Dataset<Row> withNestedAsJson(Dataset<Row> result) {
    StructField[] fields = result.schema().fields();
    if (Stream.of(fields).noneMatch(f -> isNested(f.dataType()))) {
      return result;
    }
    // By position: a result may have two columns of one name (a self-join).
    String[] positional = new String[fields.length];
    for (int i = 0; i < fields.length; i++) {
      positional[i] = "c" + i;
    }
    Dataset<Row> byPosition = result.toDF(positional);
    Column[] columns = new Column[fields.length];
    for (int i = 0; i < fields.length; i++) {
      Column column = byPosition.col(positional[i]);
      columns[i] = (isNested(fields[i].dataType()) ? to_json(column) : column).as(fields[i].name());
    }
    return byPosition.select(columns);
  }

  private static boolean isNested(DataType type) {
    return type instanceof ArrayType || type instanceof MapType || type instanceof StructType;
  }

  /**
   * One JSON object per row, with every column as a key: a null is written as null, not left out
   * (Spark's default), so that every line names every column.
   */
  private static void printJsonLines(Dataset<Row> result, Console console) {
    result
        .select(to_json(struct(col("*")), Map.of("ignoreNullFields", "false")))
        .as(Encoders.STRING())
        .toLocalIterator()
        .forEachRemaining(console::println);
  }

  private static void printCsv(Dataset<Row> result, Console console) {
    console.println(String.join(",", quoteAll(List.of(result.columns()))));
    Iterator<Row> rows = result.toLocalIterator();
    while (rows.hasNext()) {
      Row row = rows.next();
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        cells.add(row.isNullAt(i) ? "" : csvCell(String.valueOf(row.get(i))));
      }
      console.println(String.join(",", cells));
    }
  }

  /**
   * An aligned table of at most {@code maxRows} rows (bounded: only that many are collected):
   * numbers right-aligned, doubles rounded to 4 decimals, nulls shown as NULL.
   */
  private static void printTable(Dataset<Row> result, int maxRows, Console console) {
    String[] columns = result.columns();
    List<Row> rows = result.limit(maxRows + 1).collectAsList();
    boolean more = rows.size() > maxRows;
    if (more) {
      rows = rows.subList(0, maxRows);
    }
    List<String[]> cells = new ArrayList<>();
    boolean[] numeric = new boolean[columns.length];
    int[] width = new int[columns.length];
    for (int i = 0; i < columns.length; i++) {
      width[i] = columns[i].length();
      numeric[i] = true;
    }
    for (Row row : rows) {
      String[] line = new String[columns.length];
      for (int i = 0; i < columns.length; i++) {
        Object value = row.get(i);
        line[i] = display(value);
        numeric[i] &= value == null || value instanceof Number;
        width[i] = Math.max(width[i], line[i].length());
      }
      cells.add(line);
    }
    console.println(line(columns, width, numeric));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < columns.length; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
    }
    console.println(rule.toString());
    for (String[] line : cells) {
      console.println(line(line, width, numeric));
    }
    console.println(
        more
            ? "(first " + maxRows + " rows; add LIMIT or use --max-rows / --format csv)"
            : "(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
  }

  private static String line(String[] values, int[] width, boolean[] numeric) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      String format = "%" + (numeric[i] ? "" : "-") + width[i] + "s";
      text.append(i == 0 ? "" : " | ").append(String.format(format, values[i]));
    }
    return text.toString().stripTrailing();
  }

  static String display(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        return d.toString();
      }
      return BigDecimal.valueOf(d)
          .setScale(4, RoundingMode.HALF_UP)
          .stripTrailingZeros()
          .toPlainString();
    }
    return String.valueOf(value);
  }

  private static List<String> quoteAll(List<String> values) {
    return values.stream().map(QueryPrinter::csvCell).toList();
  }

  private static String csvCell(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
