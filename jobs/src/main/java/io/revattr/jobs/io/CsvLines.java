package io.revattr.jobs.io;

import static org.apache.spark.sql.functions.btrim;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.revattr.common.schema.InputConformance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructType;

/**
 * A CSV table's records, from its files read as lines of text and each line parsed as Spark's CSV
 * reader parses one (the same parser and options), with the line kept in {@link
 * InputConformance#MALFORMED_LINE} when the record is malformed.
 *
 * <p>Spark's CSV reader keeps a line only when its number of fields differs from the header's. The
 * first line of a record split by a line break inside its last, quoted value has the header's
 * number of fields, the last one cut at the break; read this way, that line is marked too ({@link
 * InputConformance#endsInsideQuotedValue}), so that no record is used with a value cut short.
 */
final class CsvLines {
  private static final String VALUE = "value";
  private static final String LINE = "_line";
  private static final String BYTE_ORDER_MARK = "\uFEFF";

  private static final String PARSED = "_parsed";

  /** A quote inside a quoted value is doubled (RFC 4180), where Spark's default is a backslash. */
  static final String ESCAPE = InputFormat.CSV_ESCAPE;

  private static final Map<String, String> OPTIONS =
      Map.of(
          "mode",
          "PERMISSIVE",
          "escape",
          ESCAPE,
          "columnNameOfCorruptRecord",
          InputConformance.MALFORMED_LINE);

  private CsvLines() {}

  /**
   * @param text the table's files as read by Spark's text source: one row per line ({@code value}),
   *     plus the partition columns of a directory of {@code column=value} directories
   * @param header the files' header: their columns, every one read as a string, and their header
   *     lines
   * @return one row per line that is neither blank nor a header line: the header's columns, the
   *     partition columns, and {@link InputConformance#MALFORMED_LINE}
   */
  static Dataset<Row> records(Dataset<Row> text, CsvHeaders.Header header) {
    List<String> partitionColumns =
        Arrays.stream(text.columns()).filter(c -> !c.equals(VALUE)).toList();
    Map<String, String> partitionByName = new HashMap<>();
    partitionColumns.forEach(p -> partitionByName.put(p.toLowerCase(Locale.ROOT), p));
    StructType lineSchema = new StructType();
    for (String column : header.columns()) {
      lineSchema = lineSchema.add(column, DataTypes.StringType, true);
    }
    StructType schema = lineSchema.add(InputConformance.MALFORMED_LINE, DataTypes.StringType, true);
    Column parsed = col(PARSED);
    // As Spark's file sources: a directory's column named as a file's column (ignoring case) takes
    // its place, the file's value parsed but not kept; the directories' other columns come last.
    List<Column> columns = new ArrayList<>();
    List<String> placed = new ArrayList<>();
    for (String name : header.columns()) {
      String partition = partitionByName.get(name.toLowerCase(Locale.ROOT));
      if (partition == null) {
        columns.add(parsed.getField(name).as(name));
      } else {
        columns.add(InputConformance.quoted(partition));
        placed.add(partition);
      }
    }
    partitionColumns.stream()
        .filter(p -> !placed.contains(p))
        .map(InputConformance::quoted)
        .forEach(columns::add);
    Column malformed =
        parsed
            .getField(InputConformance.MALFORMED_LINE)
            .isNotNull()
            .or(InputConformance.endsInsideQuotedValue(col(LINE)));
    Metadata headerFields =
        new MetadataBuilder().putLong(InputConformance.HEADER_FIELDS, lineSchema.length()).build();
    columns.add(when(malformed, col(LINE)).as(InputConformance.MALFORMED_LINE, headerFields));
    // A byte order mark can only start a file, which is where its header line is.
    List<String> headers = new ArrayList<>(header.lines());
    header.lines().forEach(h -> headers.add(BYTE_ORDER_MARK + h));
    return text.withColumnRenamed(VALUE, LINE)
        // Spark's CSV reader skips blank lines: those of characters up to the space alone.
        // btrim: Spark's two-argument trim says the same, but logs that it is deprecated.
        .where(btrim(col(LINE), lit(InputConformance.BLANK_CHARACTERS)).notEqual(""))
        .where(not(col(LINE).isin(headers.toArray())))
        .withColumn(PARSED, from_csv(col(LINE), lit(schema.toDDL()), OPTIONS))
        .select(columns.toArray(Column[]::new));
  }
}
