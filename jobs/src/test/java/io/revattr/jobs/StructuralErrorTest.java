package io.revattr.jobs;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A missing table or column, a column that cannot be cast, or an input or output that cannot be
 * used stops the run before it writes. Columns named wrongly: {@link ColumnNameErrorTest}.
 */
class StructuralErrorTest {
  @TempDir static Path dir;

  private static SparkSession spark;
  private static Path warehouse;

  private static StoppedRuns runs;

  @BeforeAll
  static void generate() {
    runs = new StoppedRuns(dir);
    spark = runs.spark();
    warehouse = runs.warehouse();
  }

  @Test
  void missingTableIsNamedWithWhatWasFound() throws IOException {
    Path input = copyWithout("contacts");
    CapturedConsole c = new CapturedConsole();
    Path output = dir.resolve("out-missing-table");
    assertThat(run(input, output, c)).isEqualTo(3);
    assertThat(c.err().strip())
        .isEqualTo(
            "revattr: Input table 'contacts' is missing: nothing was found at "
                + input
                + "/contacts[.csv|.parquet]. Found tables: [campaigns, identities, leads, "
                + "opportunities, opportunity_contact_roles, spend, touchpoints]. Provide "
                + "'contacts' as a Delta, Parquet or CSV directory or file (see docs/design.md, "
                + "section 2).");
    assertThat(output).doesNotExist();
  }

  @Test
  void aMissingInputDirectoryIsNamedAsSuch() {
    Path input = dir.resolve("no-such-warehouse");
    CapturedConsole c = new CapturedConsole();
    Path output = dir.resolve("out-missing-input");
    assertThat(run(input, output, c)).isEqualTo(3);
    assertThat(c.err().strip())
        .isEqualTo(
            "revattr: --input "
                + input
                + " cannot be read (no such directory). Give the directory that holds the"
                + " warehouse's tables (touchpoints, leads, contacts, opportunities,"
                + " opportunity_contact_roles, identities, spend, campaigns), or --input-catalog DB"
                + " for catalog tables.");
    assertThat(output).doesNotExist();
  }

  @Test
  void missingColumnIsNamedWithTheColumnsFound() throws IOException {
    Path input = copyWithout("opportunities");
    spark
        .read()
        .parquet(warehouse.resolve("opportunities").toString())
        .drop("amount")
        .write()
        .parquet(input.resolve("opportunities").toString());
    CapturedConsole c = new CapturedConsole();
    Path output = dir.resolve("out-missing-column");
    assertThat(run(input, output, c)).isEqualTo(3);
    assertThat(c.err().strip())
        .isEqualTo(
            "revattr: Input table 'opportunities' lacks required column(s) [amount]. Found columns: "
                + "[account_id, closed_at, created_at, currency, opportunity_id, stage]. Add the "
                + "column(s) or map your warehouse's names onto them in the config "
                + "(input.column_mapping.opportunities).");
    assertThat(output).doesNotExist();
  }

  @Test
  void columnThatCannotBeCastIsNamed() throws IOException {
    Path input = copyWithout("opportunities");
    spark
        .read()
        .parquet(warehouse.resolve("opportunities").toString())
        .withColumn("amount", array(col("amount")))
        .write()
        .parquet(input.resolve("opportunities").toString());
    CapturedConsole c = new CapturedConsole();
    Path output = dir.resolve("out-uncastable");
    assertThat(run(input, output, c)).isEqualTo(3);
    assertThat(c.err())
        .contains("Input table 'opportunities' column 'amount' has type array<double>")
        .contains("cannot be cast to double");
    assertThat(output).doesNotExist();
  }

  @Test
  void parquetFilesOfOneTableThatDisagreeOnATypeAreNamed() throws IOException {
    Path input = copyWithout("opportunities");
    String opportunities = input.resolve("opportunities").toString();
    Dataset<Row> typed = spark.read().parquet(warehouse.resolve("opportunities").toString());
    typed.write().parquet(opportunities);
    typed
        .select(
            Stream.of(typed.columns()).map(c -> col(c).cast("string").as(c)).toArray(Column[]::new))
        .write()
        .mode("append")
        .parquet(opportunities);
    CapturedConsole c = new CapturedConsole();
    Path output = dir.resolve("out-mixed-types");
    try (CapturedLog log = new CapturedLog(RevattrMain.class)) {
      assertThat(run(input, output, c)).isEqualTo(3);
      assertThat(log.messagesAt(Level.ERROR))
          .as("the one-line message says it all: no stack trace at ERROR")
          .isEmpty();
    }
    assertThat(c.err())
        .startsWith("revattr: The Parquet files of an input table disagree on a column's type: ")
        .contains(opportunities)
        .contains("Write every file of a table with one schema");
    assertThat(output).doesNotExist();
  }

  @Test
  void aFileChangedAfterItsChecksumWasWrittenIsNamedWithTheFix() throws IOException {
    Path input = copyWithout("spend");
    Path part = spendCsvWrittenBySpark(input);
    // A fix by hand: the row appended after Spark wrote the file and its checksum file.
    Files.writeString(part, "paid_search,,2024-01,100\n", StandardOpenOption.APPEND);
    CapturedConsole c = new CapturedConsole();
    Path output = dir.resolve("out-stale-checksum");
    try (CapturedLog log = new CapturedLog(RevattrMain.class)) {
      assertThat(run(input, output, c)).isEqualTo(3);
      assertThat(log.messagesAt(Level.ERROR)).isEmpty();
    }
    assertThat(c.err())
        .startsWith(
            "revattr: file:"
                + part
                + " does not match its checksum file (."
                + part.getFileName()
                + ".crc beside it)")
        .contains("delete that .crc file");
    assertThat(output).doesNotExist();
  }

  @Test
  void aDamagedChecksumFileIsNamedAsSuchWithoutAMadeUpFileName() throws IOException {
    Path input = copyWithout("spend");
    Path part = spendCsvWrittenBySpark(input);
    Path crc = part.resolveSibling("." + part.getFileName() + ".crc");
    byte[] sums = Files.readAllBytes(crc);
    Files.write(crc, java.util.Arrays.copyOf(sums, sums.length - 2));
    CapturedConsole c = new CapturedConsole();
    Path output = dir.resolve("out-damaged-checksum");
    assertThat(run(input, output, c)).isEqualTo(3);
    assertThat(c.err())
        .startsWith(
            "revattr: A file does not match its checksum file (the .<name>.crc beside it): ")
        .contains(part.getFileName().toString())
        .contains("write the file again, or, if the file is as meant, delete its .crc file")
        .doesNotContain(".crc beside it): it was changed");
    assertThat(output).doesNotExist();
  }

  /**
   * Writes the spend table as one CSV file through Spark (with its .crc file); returns the file.
   */
  private static Path spendCsvWrittenBySpark(Path input) throws IOException {
    Path spend = input.resolve("spend");
    spark
        .read()
        .parquet(warehouse.resolve("spend").toString())
        .coalesce(1)
        .write()
        .option("header", "true")
        .csv(spend.toString());
    Path part;
    try (Stream<Path> files = Files.list(spend)) {
      part = files.filter(f -> f.toString().endsWith(".csv")).findFirst().orElseThrow();
    }
    assertThat(part.resolveSibling("." + part.getFileName() + ".crc")).exists();
    return part;
  }

  @Test
  void csvFilesOfOneTableWithDifferentHeadersAreNamed() throws IOException {
    // Read by position under the first file's header, the second file's channel would be its
    // campaign.
    Path input = copyWithout("spend");
    Path spend = Files.createDirectories(input.resolve("spend"));
    Files.writeString(spend.resolve("part-0.csv"), "channel,campaign_id,month,amount\n");
    Files.writeString(spend.resolve("part-1.csv"), "campaign_id,channel,month,amount\n");
    CapturedConsole c = new CapturedConsole();
    Path output = dir.resolve("out-csv-headers");
    assertThat(run(input, output, c)).isEqualTo(3);
    assertThat(c.err())
        .startsWith(
            "revattr: Input table 'spend' cannot be read: its files have different headers");
    assertThat(output).doesNotExist();
  }

  @Test
  void aTableInAnotherFormatThanTheOneGivenIsNamed() {
    CapturedConsole c = new CapturedConsole();
    Path output = dir.resolve("out-wrong-format");
    int code =
        RevattrMain.run(RunCommandLine.of(warehouse, output, "--input-format", "csv"), c.console);
    assertThat(code).isEqualTo(3);
    assertThat(c.err())
        .contains(
            "Input table 'touchpoints' at "
                + warehouse.resolve("touchpoints")
                + " is parquet, but --input-format is csv. Give --input-format parquet, or auto");
    assertThat(output).doesNotExist();
  }

  @Test
  void anOutputThatCannotBeWrittenStopsTheRunBeforeItReads() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    Path output = file.resolve("out");
    CapturedConsole c = new CapturedConsole();
    // The input does not exist: were it read first, the error would be a missing table (exit 3).
    assertThat(run(dir.resolve("no-such-input"), output, c)).isEqualTo(2);
    assertThat(c.err())
        .contains("--output " + output + " cannot be written")
        .contains(file + " is a file, not a directory")
        .contains("Give a directory this job can create and write.");
  }

  private static int run(Path input, Path output, CapturedConsole c) {
    return StoppedRuns.run(input, output, c);
  }

  private static Path copyWithout(String table) throws IOException {
    return runs.copyWithout(table);
  }
}
