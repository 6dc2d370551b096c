package io.revattr.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.common.schema.InputConformance;
import io.revattr.common.schema.InputTable;
import io.revattr.testsupport.DataFrameAssert;
import io.revattr.testsupport.SharedSpark;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV table read as lines: every line Spark's CSV reader reads whole gives the same values as
 * that reader, and every piece of a record split by a line break inside a quoted value is marked
 * malformed, the first one included (Spark's reader takes it as a whole record, its value cut).
 */
class CsvLinesTest {
  private static final String HEADER = "channel,campaign_id,month,amount";

  @TempDir Path dir;

  @Test
  void readsWholeLinesAsSparksCsvReaderDoes() throws IOException {
    Path table = Files.createDirectories(dir.resolve("spend"));
    Files.writeString(
        table.resolve("part-0.csv"),
        "\uFEFF"
            + HEADER
            + "\r\npaid_search,C1,2024-01,10\r\n\r\n  \t\n"
            + "\"events, EMEA\",\"C \"\"2\"\"\",2024-02,5\n"
            + "display,12\" banner,2024-03,\n"
            + "\"\",,2024-04,\"7\"\n",
        StandardCharsets.UTF_8);
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(table.resolve("part-1.csv.gz")))) {
      out.write(
          "\"channel\",campaign_id,\"month\",amount\nemail,,2024-05,1\n"
              .getBytes(StandardCharsets.UTF_8));
    }

    Dataset<Row> read = read(table);
    Dataset<Row> bySpark =
        spark()
            .read()
            .option("header", "true")
            .option("escape", CsvLines.ESCAPE)
            .csv(table.toString());

    assertThat(read.where(read.col(InputConformance.MALFORMED_LINE).isNotNull()).count()).isZero();
    DataFrameAssert.assertSameRows(read.drop(InputConformance.MALFORMED_LINE), bySpark);
    assertThat(bySpark.count()).as("the lines with values").isEqualTo(5);
  }

  @Test
  void marksEveryPieceOfARecordSplitInsideAQuotedValue() throws IOException {
    Path table = Files.createDirectories(dir.resolve("spend"));
    String cutLast = "email,C1,2024-01,\"12";
    String restOfLast = "5\"";
    String cutMiddle = "events,\"Spring, EMEA";
    String restOfMiddle = "webinar\",2024-02,5";
    String closedWithQuote = "display,\"a,\"\"\",2024-03,\"9\"";
    String quoteInsideValue = "display,12\" banner,2024-03,\"8";
    Files.writeString(
        table.resolve("part-0.csv"),
        String.join(
            "\n",
            HEADER,
            cutLast,
            restOfLast,
            cutMiddle,
            restOfMiddle,
            closedWithQuote,
            quoteInsideValue,
            ""),
        StandardCharsets.UTF_8);

    List<String> marked =
        read(table)
            .where("_malformed_line IS NOT NULL")
            .select(InputConformance.MALFORMED_LINE)
            .as(Encoders.STRING())
            .collectAsList();

    // cutLast has the header's four fields (Spark's reader takes it whole, amount "12"), and
    // quoteInsideValue too (its quote is a character of the value, then "8 opens a quote).
    assertThat(marked)
        .containsExactlyInAnyOrder(cutLast, restOfLast, cutMiddle, restOfMiddle, quoteInsideValue);
  }

  @Test
  void readsALongQuotedValueInOneStep() throws IOException {
    Path table = Files.createDirectories(dir.resolve("spend"));
    String longValue = "x".repeat(200_000) + "\"\"" + "y".repeat(200_000);
    Files.writeString(
        table.resolve("part-0.csv"),
        HEADER + "\nemail,\"" + longValue + "\",2024-01,1\nemail,\"" + longValue + ",2024-01,1\n",
        StandardCharsets.UTF_8);

    List<Row> rows =
        read(table).select("campaign_id", InputConformance.MALFORMED_LINE).collectAsList();

    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).getString(0)).hasSize(400_001);
    assertThat(rows.get(0).isNullAt(1)).as("the closed value").isTrue();
    assertThat(rows.get(1).isNullAt(1)).as("the value no quote closes").isFalse();
  }

  private Dataset<Row> read(Path table) {
    Set<String> headerLines =
        CsvHeaders.check(
            InputTable.SPEND, new org.apache.hadoop.fs.Path(table.toString()), new Configuration());
    StructType header =
        spark()
            .read()
            .option("header", "true")
            .option("escape", CsvLines.ESCAPE)
            .csv(table.toString())
            .schema();
    return CsvLines.records(spark().read().text(table.toString()), headerLines, header);
  }

  private static SparkSession spark() {
    return SharedSpark.spark();
  }
}
