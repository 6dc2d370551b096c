package io.revattr.jobs.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.when;

import io.revattr.common.schema.InputConformance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
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
  private static final String LINE = "_line";
  private static final String PARSED = "_parsed";

  /** A quote inside a quoted value is doubled (RFC 4180), where Spark's default is a backslash. */
  static final String ESCAPE = "\"";

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
   * @param text the table's files as read by Spark's text source (one row per line, {@code value})
   * @param headerLines the files' header lines, as written (without a byte order mark)
   * @param header the columns as Spark's CSV reader names them from the header, every one a string
   * @return one row per line that is neither blank nor a header line: the header's columns plus
   *     {@link InputConformance#MALFORMED_LINE}
   */
  static Dataset<Row> records(Dataset<Row> text, Set<String> headerLines, StructType header) {
    StructType schema = header.add(InputConformance.MALFORMED_LINE, DataTypes.StringType, true);
    // A byte order mark can only start a file, which is where its header line is.
    Dataset<Row> lines =
        text.select(regexp_replace(col("value"), "^\uFEFF", "").as(LINE))
            // Spark's CSV reader skips blank lines: those of characters up to the space alone.
            .where(not(col(LINE).rlike("^[\\x00-\\x20]*$")))
            .where(not(col(LINE).isin(headerLines.toArray())));
    Column parsed = col(PARSED);
    List<Column> columns = new ArrayList<>();
    for (String name : header.fieldNames()) {
      columns.add(parsed.getField(name).as(name));
    }
    Column malformed =
        parsed
            .getField(InputConformance.MALFORMED_LINE)
            .isNotNull()
            .or(InputConformance.endsInsideQuotedValue(col(LINE)));
    columns.add(when(malformed, col(LINE)).as(InputConformance.MALFORMED_LINE));
    return lines
        .select(col(LINE), from_csv(col(LINE), lit(schema.toDDL()), OPTIONS).as(PARSED))
        .select(columns.toArray(Column[]::new));
  }
}
