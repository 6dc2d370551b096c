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
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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

    assertThat(read.where(read.col(InputConformance.MALFORMED_LINE).isNotNull()).count()).isZero();
    DataFrameAssert.assertSameRows(read.drop(InputConformance.MALFORMED_LINE), bySpark(table));
    assertThat(read.count()).as("the lines with values").isEqualTo(5);
  }

  @Test
  void namesAColumnWithoutANameAsSparksCsvReaderDoes() throws IOException {
    Path table = oneFileTable("channel,,month,\"\"\nemail,C1,2024-01,1\n");

    Dataset<Row> read = read(table);

    assertThat(read.columns())
        .containsExactly("channel", "_c1", "month", "_c3", InputConformance.MALFORMED_LINE);
    DataFrameAssert.assertSameRows(read.drop(InputConformance.MALFORMED_LINE), bySpark(table));
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
  void readsPartitionDirectoriesAsSparksCsvReaderDoes() throws IOException {
    Path table = Files.createDirectories(dir.resolve("spend"));
    for (String region : List.of("EMEA", "AMER")) {
      Path partition = Files.createDirectories(table.resolve("region=" + region));
      Files.writeString(
          partition.resolve("part-0.csv"),
          HEADER + "\nemail,C1,2024-01,1\n\"events, " + region + "\",,2024-02,2\n",
          StandardCharsets.UTF_8);
    }

    Dataset<Row> read = read(table);

    assertThat(read.where(read.col(InputConformance.MALFORMED_LINE).isNotNull()).count()).isZero();
    DataFrameAssert.assertSameRows(read.drop(InputConformance.MALFORMED_LINE), bySpark(table));
    assertThat(read.columns()).contains("region");
    assertThat(read.count()).isEqualTo(4);
  }

  @Test
  void aDirectoryColumnNamedAsAFileColumnTakesItsPlaceAsInSpark() throws IOException {
    // The same name, and the same name in other letter case (Spark matches names ignoring case).
    for (String directoryColumn : List.of("month", "MONTH")) {
      Path table = Files.createDirectories(dir.resolve("spend-" + directoryColumn));
      Path partition = Files.createDirectories(table.resolve(directoryColumn + "=2025-06"));
      Files.writeString(
          partition.resolve("part-0.csv"),
          HEADER + "\nemail,C1,2024-01,1\n",
          StandardCharsets.UTF_8);

      Dataset<Row> read = read(table);
      Dataset<Row> spark = bySpark(table);

      assertThat(read.where(read.col(InputConformance.MALFORMED_LINE).isNotNull()).count())
          .as(directoryColumn)
          .isZero();
      assertThat(read.drop(InputConformance.MALFORMED_LINE).columns())
          .as(directoryColumn)
          .containsExactly(spark.columns());
      DataFrameAssert.assertSameRows(read.drop(InputConformance.MALFORMED_LINE), spark);
    }
  }

  @Test
  void readsHeaderNamesAsSparksCsvReaderDoes() throws IOException {
    // A quote inside a name no quote opens is a character of it; so is a space before a quote.
    Path table = oneFileTable("channel,12\" size, \"month\",\"amo\"\"unt\"\nemail,C1,2024-01,1\n");

    Dataset<Row> read = read(table);
    Dataset<Row> spark = bySpark(table);

    assertThat(read.drop(InputConformance.MALFORMED_LINE).columns())
        .containsExactly(spark.columns())
        .contains("12\" size", "amo\"unt");
    assertThat(read.where(read.col(InputConformance.MALFORMED_LINE).isNotNull()).count()).isZero();
    DataFrameAssert.assertSameRows(read.drop(InputConformance.MALFORMED_LINE), spark);
  }

  @Test
  void countsTheHeaderFieldsOfAPartitionedTableWithoutItsDirectoryColumns() throws IOException {
    Path table = Files.createDirectories(dir.resolve("spend"));
    Path partition = Files.createDirectories(table.resolve("region=EMEA"));
    Files.writeString(
        partition.resolve("part-0.csv"), HEADER + "\nemail,2024-01,1\n", StandardCharsets.UTF_8);

    Row malformed =
        InputConformance.conform(InputTable.SPEND, read(table), Map.of())
            .select(InputConformance.MALFORMED_ROW + ".*")
            .first();

    assertThat(malformed.<Integer>getAs("fields")).isEqualTo(3);
    assertThat(malformed.<Integer>getAs("header_fields"))
        .as("channel, campaign_id, month, amount")
        .isEqualTo(4);
  }

  @Test
  void takesALineEqualToAHeaderLineForAHeader() throws IOException {
    Path table = Files.createDirectories(dir.resolve("spend"));
    // Two exports joined by cat: the second's header is a line of the file.
    Files.writeString(
        table.resolve("part-0.csv"),
        HEADER + "\nemail,C1,2024-01,1\n" + HEADER + "\nevents,,2024-02,2\n",
        StandardCharsets.UTF_8);

    assertThat(read(table).select("channel").as(Encoders.STRING()).collectAsList())
        .containsExactlyInAnyOrder("email", "events");
  }

  @Test
  void readsLinesOfManyDoubledQuotesAndManyFields() throws IOException {
    // A JSON document in a value: 40,000 doubled quotes, each a repetition of the pattern's group.
    String json = "{\"\"k\"\":1,".repeat(20_000) + "}";
    Path table = Files.createDirectories(dir.resolve("spend"));
    Files.writeString(
        table.resolve("part-0.csv"),
        HEADER + "\nemail,\"" + json + "\",2024-01,1\nemail,\"" + json + ",2024-01,1\n",
        StandardCharsets.UTF_8);
    // A wide export with every value quoted: 3,000 fields, each another repetition.
    int width = 3_000;
    Path wide = Files.createDirectories(dir.resolve("wide"));
    String header = String.join(",", IntStream.range(0, width).mapToObj(i -> "c" + i).toList());
    String quotedValues = "\"v\",".repeat(width - 1);
    Files.writeString(
        wide.resolve("part-0.csv"),
        header + "\n" + quotedValues + "\"v\"\n" + quotedValues + "\"v\n",
        StandardCharsets.UTF_8);

    List<Row> rows =
        read(table).select("campaign_id", InputConformance.MALFORMED_LINE).collectAsList();
    List<Row> wideRows =
        read(wide).select("c" + (width - 1), InputConformance.MALFORMED_LINE).collectAsList();

    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).getString(0)).isEqualTo("{\"k\":1,".repeat(20_000) + "}");
    assertThat(rows.get(0).isNullAt(1)).as("the closed value").isTrue();
    assertThat(rows.get(1).isNullAt(1)).as("the value no quote closes").isFalse();
    assertThat(wideRows).hasSize(2);
    assertThat(wideRows.get(0).getString(0)).isEqualTo("v");
    assertThat(wideRows.get(0).isNullAt(1)).as("the closed last value").isTrue();
    assertThat(wideRows.get(1).isNullAt(1)).as("the last value no quote closes").isFalse();
  }

  /** A table of one CSV file holding {@code text}. */
  private Path oneFileTable(String text) throws IOException {
    Path table = Files.createDirectories(dir.resolve("spend"));
    Files.writeString(table.resolve("part-0.csv"), text, StandardCharsets.UTF_8);
    return table;
  }

  private Dataset<Row> read(Path table) {
    CsvHeaders.Header header =
        CsvHeaders.check(
            InputTable.SPEND, new org.apache.hadoop.fs.Path(table.toString()), new Configuration());
    return CsvLines.records(spark().read().text(table.toString()), header);
  }

  /** The table as Spark's CSV reader reads it. */
  private static Dataset<Row> bySpark(Path table) {
    return spark()
        .read()
        .option("header", "true")
        .option("escape", CsvLines.ESCAPE)
        .csv(table.toString());
  }

  private static SparkSession spark() {
    return SharedSpark.spark();
  }
}
