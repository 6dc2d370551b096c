package io.revattr.common.schema;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import io.revattr.common.error.InputErrors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.RowOrdering;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Brings a table as read (any format, the warehouse's own column names) onto the canonical schema
 * of {@link InputTable}, without losing a record.
 *
 * <p>Checks structure first: a required column that is absent, or a column whose type cannot be
 * cast at all (say, an array where a timestamp belongs), throws before any work starts. Values that
 * cannot be parsed (a text timestamp that is not ISO-8601) become null and are named in {@link
 * #PARSE_ERRORS}, so the record can be quarantined with its reason. A blank text value is null. The
 * row as read is kept in {@link #RAW_RECORD} for the quarantine table and the comparison of exact
 * duplicates. A line whose fields do not match the header (marked by the reader in {@link
 * #MALFORMED_LINE}) is described in {@link #MALFORMED_ROW}, so that it is quarantined too.
 */
public final class InputConformance {
  /**
   * Array of the columns whose non-null values could not be parsed, each as its name and the value
   * as read in quotes (its first {@value #SHOWN_VALUE_LENGTH} characters), e.g. {@code occurred_at
   * 'T10:00:00'}.
   */
  public static final String PARSE_ERRORS = "_parse_errors";

  /**
   * The characters up to the space, those Java's {@code String.trim} and Spark's CSV reader take
   * for blank: a value of these alone is no value, a line of these alone no record.
   */
  public static final String BLANK_CHARACTERS = blankCharacters();

  /** How much of an unparseable value {@link #PARSE_ERRORS} shows. */
  static final int SHOWN_VALUE_LENGTH = 100;

  /**
   * The row as read, as a struct of its original columns (with {@link #MALFORMED_LINE} when the
   * reader added it: a malformed line is not the same content as a good line that splits into the
   * same values, and the quarantine shows the line).
   */
  public static final String RAW_RECORD = "_raw_record";

  /**
   * The column a reader of lines (CSV) adds to a table as read: the line itself when its fields do
   * not match the header (more or fewer of them, or a last one cut: see {@link
   * #endsInsideQuotedValue}), null for every other record. Not a warehouse column: the name is
   * reserved, and formats without lines do not have it.
   */
  public static final String MALFORMED_LINE = "_malformed_line";

  /**
   * Key of {@link #MALFORMED_LINE}'s column metadata: the number of fields of the header, when the
   * table has columns that are not in its lines (a CSV directory's {@code column=value}
   * directories); without it, every column but the marker is one.
   */
  public static final String HEADER_FIELDS = "header_fields";

  /**
   * Null, or for a line marked in {@link #MALFORMED_LINE} a struct of the {@code line}, its number
   * of {@code fields} and the number of {@code header_fields}.
   */
  public static final String MALFORMED_ROW = "_malformed_row";

  private static final StructType MALFORMED_ROW_TYPE =
      new StructType()
          .add("line", DataTypes.StringType)
          .add("fields", DataTypes.IntegerType)
          .add("header_fields", DataTypes.IntegerType);

  /**
   * A quoted value: a quote, then characters and doubled quotes, then the quote that ends it. The
   * quantifiers are possessive: Java's pattern matcher otherwise keeps a frame per repetition of a
   * group for backtracking, and a line of a few thousand doubled quotes or fields would overflow
   * the stack (a StackOverflowError, which Spark takes as fatal and exits on). Nothing is lost: a
   * run of characters other than a quote can only be followed by a quote, so no match needs to give
   * back part of one.
   */
  private static final String QUOTED_VALUE = "\"[^\"]*+(?:\"\"[^\"]*+)*+\"";

  /**
   * A quoted field, with the comma before it: a quote at the start of a field, up to the quote that
   * ends the field (a quote inside is doubled). A quote elsewhere is a character of the value, as
   * the CSV reader reads it.
   */
  private static final String QUOTED_FIELD = "(^|,)" + QUOTED_VALUE + "(?=,|$)";

  /**
   * A line whose fields up to the last are whole (quoted, or not starting with a quote) and whose
   * last field opens a quote that nothing closes.
   */
  private static final String OPEN_LAST_FIELD =
      "^(?:(?:" + QUOTED_VALUE + "|(?:[^,\"][^,]*+)?),)*+\"[^\"]*+(?:\"\"[^\"]*+)*+\\z";

  private InputConformance() {}

  private static String blankCharacters() {
    StringBuilder blank = new StringBuilder();
    for (char c = 0; c <= ' '; c++) {
      blank.append(c);
    }
    return blank.toString();
  }

  /**
   * Renames the warehouse's columns (by {@code columnMapping}, warehouse name to canonical name,
   * and a canonical name in another letter case: {@link ColumnRenaming}), checks the required
   * columns, adds absent optional columns as nulls and casts every column to its canonical type.
   *
   * @throws io.revattr.common.error.RevattrException of kind INPUT_STRUCTURE naming the table and
   *     the missing or uncastable column
   */
  public static Dataset<Row> conform(
      InputTable table, Dataset<Row> read, Map<String, String> columnMapping) {
    return conformed(table, read, columnMapping).rows();
  }

  /**
   * A table conformed, with how its columns were renamed.
   *
   * @param rows the rows on the table's canonical schema ({@link #conform})
   * @param renaming warehouse name to canonical name of every renamed column ({@link
   *     ColumnRenaming#of}), through which the quarantine names a record's fields as the warehouse
   *     does
   */
  public record Conformed(Dataset<Row> rows, Map<String, String> renaming) {}

  /**
   * Conforms the table as {@link #conform} does, and says how its columns were renamed.
   *
   * @throws io.revattr.common.error.RevattrException as {@link #conform}
   */
  public static Conformed conformed(
      InputTable table, Dataset<Row> read, Map<String, String> columnMapping) {
    Map<String, String> renaming =
        ColumnRenaming.of(table, Arrays.asList(read.columns()), columnMapping);
    Dataset<Row> renamed = ColumnRenaming.apply(table, read, columnMapping, renaming);
    Set<String> present =
        Arrays.stream(renamed.columns())
            .filter(c -> !c.equals(MALFORMED_LINE))
            .collect(Collectors.toSet());
    List<String> missing =
        table.requiredColumns().stream().filter(c -> !present.contains(c)).toList();
    if (!missing.isEmpty()) {
      // The columns as the warehouse names them, which its owner looks for, with what the
      // mapping made of them (a mapping can take a required column's name away).
      List<String> found =
          Arrays.stream(read.columns())
              .filter(c -> !c.equals(MALFORMED_LINE))
              .map(
                  c ->
                      ColumnRenaming.renames(columnMapping, c)
                          ? c + " (mapped to " + columnMapping.get(c) + ")"
                          : c)
              .toList();
      throw InputErrors.missingColumns(table.tableName(), missing, found);
    }
    Map<String, DataType> actualTypes =
        Arrays.stream(renamed.schema().fields())
            .collect(Collectors.toMap(StructField::name, StructField::dataType));

    List<Column> canonical = new ArrayList<>();
    List<Column> parseFailures = new ArrayList<>();
    for (InputTable.ColumnSpec spec : table.columns()) {
      DataType actual = actualTypes.get(spec.name());
      if (actual == null) {
        canonical.add(lit(null).cast(spec.type()).as(spec.name()));
        continue;
      }
      if (!ValueParsing.castable(actual, spec.type())) {
        throw InputErrors.uncastableColumn(
            table.tableName(),
            spec.name(),
            renaming.entrySet().stream()
                .filter(rename -> rename.getValue().equals(spec.name()))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(spec.name()),
            actual.simpleString(),
            spec.type().simpleString());
      }
      Column value =
          actual instanceof StringType
              ? ValueParsing.blankAsNull(col(spec.name()))
              : col(spec.name());
      Column parsed = ValueParsing.parse(value, actual, spec.type());
      if (spec.dateIsEndOfDay()) {
        parsed = ValueParsing.dateAsEndOfDay(parsed, value, actual);
      }
      canonical.add(parsed.as(spec.name()));
      if (!actual.sameType(spec.type())) {
        Column shown =
            functions.concat(
                lit(failurePrefix(spec.name())),
                functions.substring(value.cast(DataTypes.StringType), 1, SHOWN_VALUE_LENGTH),
                lit("'"));
        parseFailures.add(functions.when(value.isNotNull().and(parsed.isNull()), shown));
      }
    }
    Column errors =
        parseFailures.isEmpty()
            ? functions.array().cast(DataTypes.createArrayType(DataTypes.StringType))
            : functions.filter(
                functions.array(parseFailures.toArray(Column[]::new)), Column::isNotNull);
    canonical.add(errors.as(PARSE_ERRORS));
    canonical.add(malformedRow(renamed).as(MALFORMED_ROW));
    canonical.add(rawRecord(renamed).as(RAW_RECORD));
    return new Conformed(
        renamed.select(canonical.toArray(Column[]::new)), Collections.unmodifiableMap(renaming));
  }

  /**
   * The row as read, as a struct of every column. A column that Spark cannot order (a map or a
   * variant anywhere in it) is kept as its JSON text: exact duplicates are found by comparing and
   * sorting this struct.
   */
  private static Column rawRecord(Dataset<Row> read) {
    List<Column> fields = new ArrayList<>();
    for (StructField field : read.schema().fields()) {
      Column column = quoted(field.name());
      fields.add(
          RowOrdering.isOrderable(field.dataType())
              ? column
              : functions.to_json(column).as(field.name()));
    }
    return struct(fields.toArray(Column[]::new));
  }

  /**
   * {@link #PARSE_ERRORS} without {@code column}'s failure where {@code ignored} holds: for a value
   * the run ignores there, so that it cannot make the record unusable.
   */
  public static Column parseErrorsIgnoring(String column, Column ignored) {
    Column errors = col(PARSE_ERRORS);
    String prefix = failurePrefix(column);
    return functions
        .when(ignored, functions.filter(errors, e -> functions.not(e.startsWith(prefix))))
        .otherwise(errors);
  }

  /** How a column's parse failure begins: its name, then the value as read, quoted. */
  private static String failurePrefix(String column) {
    return column + " '";
  }

  /** A column by its name as it is (a dot or a backtick in it is part of the name). */
  public static Column quoted(String name) {
    return col("`" + name.replace("`", "``") + "`");
  }

  /**
   * The description of a line the reader marked as malformed: the line, its number of fields and
   * the header's; null for any other record, and for every record of a read without the marker.
   */
  private static Column malformedRow(Dataset<Row> read) {
    List<String> columns = Arrays.asList(read.columns());
    if (!columns.contains(MALFORMED_LINE)) {
      return lit(null).cast(MALFORMED_ROW_TYPE);
    }
    Metadata marker = read.schema().apply(MALFORMED_LINE).metadata();
    int headerFields =
        marker.contains(HEADER_FIELDS)
            ? Math.toIntExact(marker.getLong(HEADER_FIELDS))
            : columns.size() - 1;
    Column line = col(MALFORMED_LINE);
    return functions.when(
        line.isNotNull(),
        struct(
            line.as("line"), fieldCount(line).as("fields"), lit(headerFields).as("header_fields")));
  }

  /**
   * Whether a CSV line ends inside a quoted value: its last field opens a double quote that no
   * quote closes, as the first line of a record split by a line break inside its last value does.
   * The CSV reader reads such a line with the right number of fields, the last one cut at the line
   * break, so it is marked malformed by this test rather than by its number of fields.
   */
  public static Column endsInsideQuotedValue(Column line) {
    // Most lines hold no quote: the containment test is much cheaper than the pattern.
    return line.contains("\"").and(line.rlike(OPEN_LAST_FIELD));
  }

  /**
   * The number of fields of a CSV line (comma-separated, quoted with {@code "}, a quote inside a
   * quoted field doubled, as the reader reads it): its commas outside quoted fields, plus one.
   */
  private static Column fieldCount(Column line) {
    Column unquoted = functions.regexp_replace(line, QUOTED_FIELD, "$1");
    return functions.size(functions.split(unquoted, ",", -1));
  }

  /** The canonical column names of a table, without the bookkeeping columns. */
  public static Column[] canonicalColumns(InputTable table) {
    return table.columns().stream().map(c -> col(c.name())).toArray(Column[]::new);
  }
}
