package io.revattr.jobs.run;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revattr.common.error.ErrorKind;
import io.revattr.common.error.RevattrException;
import io.revattr.common.schema.InputConformance;
import io.revattr.common.schema.InputTable;
import io.revattr.jobs.TestDirectories;
import io.revattr.jobs.io.InputFormat;
import io.revattr.jobs.io.LocalFiles;
import io.revattr.jobs.io.WarehouseReader;
import io.revattr.testsupport.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The input tables' other sources read as the same warehouse in CSV files: Delta directories, at
 * their current version (their directories also hold the Parquet files of rows deleted or updated
 * since, until a {@code VACUUM}, which a read of the directory's files would count again), and
 * tables of the session's catalog ({@code --input-catalog}).
 */
class InputTableSourcesTest {
  /** The catalog database holding the warehouse's tables. */
  private static final String CATALOG_DATABASE = "revattr_input_sources";

  /** A touch added to the Delta warehouse in one commit and deleted in the next. */
  private static final String DELETED_TOUCH = "T7";

  @TempDir static Path dir;
  static Path csvWarehouse;
  static Path deltaWarehouse;
  static Path parquetFileWarehouse;

  @BeforeAll
  static void writeTheWarehouseAsCsvDeltaAndCatalogTables() throws IOException {
    SparkSession spark = SharedSpark.spark();
    csvWarehouse = CsvWarehouse.base().writeTo(dir.resolve("csv"));
    deltaWarehouse = Files.createDirectories(dir.resolve("delta"));
    parquetFileWarehouse = Files.createDirectories(dir.resolve("parquet-files"));
    spark.sql("CREATE DATABASE IF NOT EXISTS " + CATALOG_DATABASE);
    try (Stream<Path> files = Files.list(csvWarehouse)) {
      for (Path csv : files.toList()) {
        String table = csv.getFileName().toString().replace(".csv", "");
        Dataset<Row> rows = spark.read().option("header", "true").csv(csv.toString());
        rows.write().format("delta").save(deltaWarehouse.resolve(table).toString());
        rows.write().mode("overwrite").saveAsTable(CATALOG_DATABASE + "." + table);
        writeOneParquetFile(rows, parquetFileWarehouse.resolve(table + ".parquet"));
      }
    }
    String touchpoints = deltaWarehouse.resolve("touchpoints").toString();
    spark
        .read()
        .format("delta")
        .load(touchpoints)
        .filter("touch_id = 'T1'")
        .withColumn("touch_id", lit(DELETED_TOUCH))
        .write()
        .format("delta")
        .mode("append")
        .save(touchpoints);
    spark.sql("DELETE FROM delta.`" + touchpoints + "` WHERE touch_id = '" + DELETED_TOUCH + "'");
  }

  @ParameterizedTest
  @EnumSource(
      value = InputFormat.class,
      names = {"AUTO", "DELTA"})
  void deltaTablesReadAsTheSameWarehouseInCsvFiles(InputFormat format) {
    assertThat(touchesOfTheSameWarehouseAsInCsv(read(deltaWarehouse, format)))
        .hasSize(6)
        .noneMatch(row -> row.contains(DELETED_TOUCH));
  }

  @ParameterizedTest
  @EnumSource(
      value = InputFormat.class,
      names = {"AUTO", "PARQUET"})
  void singleParquetFilesReadAsTheSameWarehouseInCsvFiles(InputFormat format) {
    assertThat(touchesOfTheSameWarehouseAsInCsv(read(parquetFileWarehouse, format))).hasSize(6);
  }

  @Test
  void catalogTablesReadAsTheSameWarehouseInCsvFiles() {
    Map<InputTable, Dataset<Row>> fromCatalog =
        new WarehouseReader(SharedSpark.spark(), InputFormat.AUTO, Map.of())
            .readCatalog(CATALOG_DATABASE);
    assertThat(touchesOfTheSameWarehouseAsInCsv(fromCatalog)).hasSize(6);
  }

  @Test
  void aRequiredTableMissingFromTheCatalogStopsTheRunNamingItAndTheTablesFound() {
    String database = CATALOG_DATABASE + "_without_contacts";
    SparkSession spark = SharedSpark.spark();
    // A temporary view of the session (as the sql command registers result tables) is no table of
    // the database.
    spark.range(1).createOrReplaceTempView("a_temporary_view");
    spark.sql("CREATE DATABASE IF NOT EXISTS " + database);
    spark.sql(
        "CREATE TABLE IF NOT EXISTS "
            + database
            + ".leads AS SELECT * FROM "
            + CATALOG_DATABASE
            + ".leads");

    assertThatThrownBy(
            () -> new WarehouseReader(spark, InputFormat.AUTO, Map.of()).readCatalog(database))
        .isInstanceOf(RevattrException.class)
        .hasMessageContaining(
            "Input table 'touchpoints' is missing: nothing was found at catalog table "
                + database
                + ".touchpoints. Found tables: [leads]. Create it as catalog table "
                + database
                + ".touchpoints, or give the warehouse's directory with --input")
        .satisfies(
            e -> assertThat(((RevattrException) e).kind()).isEqualTo(ErrorKind.INPUT_STRUCTURE));
  }

  @Test
  void aDeltaTableGivenAsParquetStopsTheRunNamingBothFormats() {
    assertThatThrownBy(() -> read(deltaWarehouse, InputFormat.PARQUET))
        .isInstanceOf(RevattrException.class)
        .hasMessageContaining("is delta, but --input-format is parquet")
        .satisfies(
            e -> assertThat(((RevattrException) e).kind()).isEqualTo(ErrorKind.INPUT_STRUCTURE));
  }

  @ParameterizedTest
  @EnumSource(
      value = InputFormat.class,
      names = {"CSV", "PARQUET"})
  void valuesOfColumnValueDirectoriesAreReadAsText(InputFormat format) throws IOException {
    // Every touch's campaign in a directory campaign_id=007: an id, which Spark would read as the
    // number 7 if it guessed the directories' types.
    Path warehouse = csvWarehouseWithout("touchpoints.csv", "partitioned-" + format.cliName());
    Dataset<Row> touches =
        SharedSpark.spark()
            .read()
            .option("header", "true")
            .csv(csvWarehouse.resolve("touchpoints.csv").toString())
            .withColumn("campaign_id", lit("007"))
            .coalesce(1);
    String touchpoints = warehouse.resolve("touchpoints").toString();
    if (format == InputFormat.CSV) {
      touches.write().option("header", "true").partitionBy("campaign_id").csv(touchpoints);
    } else {
      touches.write().partitionBy("campaign_id").parquet(touchpoints);
    }

    List<Row> campaigns =
        read(warehouse, InputFormat.AUTO)
            .get(InputTable.TOUCHPOINTS)
            .select("campaign_id")
            .distinct()
            .collectAsList();
    assertThat(campaigns).extracting(r -> r.getString(0)).containsExactly("007");
  }

  @Test
  void anOptionalTableGivenAsAFileOfTheOtherFormatStopsTheRunNamingBothFormats()
      throws IOException {
    // The CSV warehouse with its identities as a Parquet file, in a run told to read CSV: read as
    // left out, the identities' rows would be counted nowhere.
    Path warehouse = csvWarehouseWithout("identities.csv", "identities-as-parquet");
    Files.copy(
        parquetFileWarehouse.resolve("identities.parquet"),
        warehouse.resolve("identities.parquet"));

    assertThatThrownBy(() -> read(warehouse, InputFormat.CSV))
        .isInstanceOf(RevattrException.class)
        .hasMessageContaining(
            "Input table 'identities' at "
                + warehouse.resolve("identities.parquet")
                + " is parquet, but --input-format is csv")
        .satisfies(
            e -> assertThat(((RevattrException) e).kind()).isEqualTo(ErrorKind.INPUT_STRUCTURE));
  }

  @Test
  void aTableInTwoPlacesStopsTheRunNamingBoth() throws IOException {
    // An old Delta export of the leads left beside the new CSV file: read from one, the other's
    // rows would be counted nowhere.
    Path warehouse = csvWarehouseWithout("", "leads-twice");
    TestDirectories.copy(deltaWarehouse.resolve("leads"), warehouse.resolve("leads"));
    // And the identities as both a CSV and a Parquet file.
    Files.copy(
        parquetFileWarehouse.resolve("identities.parquet"),
        warehouse.resolve("identities.parquet"));

    assertThatThrownBy(() -> read(warehouse, InputFormat.AUTO))
        .isInstanceOf(RevattrException.class)
        .hasMessageContaining(
            "Input table 'leads' is in more than one place: ["
                + warehouse.resolve("leads")
                + ", "
                + warehouse.resolve("leads.csv")
                + "]")
        .satisfies(
            e -> assertThat(((RevattrException) e).kind()).isEqualTo(ErrorKind.INPUT_STRUCTURE));

    LocalFiles.deleteRecursively(warehouse.resolve("leads"));
    assertThatThrownBy(() -> read(warehouse, InputFormat.AUTO))
        .hasMessageContaining(
            "Input table 'identities' is in more than one place: ["
                + warehouse.resolve("identities.csv")
                + ", "
                + warehouse.resolve("identities.parquet")
                + "]");
    // Told to read CSV, too: the Parquet file's rows would still be left out.
    assertThatThrownBy(() -> read(warehouse, InputFormat.CSV))
        .hasMessageContaining("Input table 'identities' is in more than one place");
  }

  @Test
  void parquetFilesOfOneTableWithDifferentColumnsStopTheRunNamingTheColumns() throws IOException {
    // An export whose schema changed between its files: read by the first file's columns, the
    // second file's contact ids would be read as null, and its touches credited to the account.
    Path warehouse = dir.resolve("parquet-columns-differ");
    TestDirectories.copy(parquetFileWarehouse, warehouse);
    Files.delete(warehouse.resolve("touchpoints.parquet"));
    Dataset<Row> touches =
        SharedSpark.spark()
            .read()
            .parquet(parquetFileWarehouse.resolve("touchpoints.parquet").toString());
    Path touchpoints = Files.createDirectories(warehouse.resolve("touchpoints"));
    writeOneParquetFile(touches.drop("contact_id"), touchpoints.resolve("part-0.parquet"));
    writeOneParquetFile(touches, touchpoints.resolve("part-1.parquet"));

    assertThatThrownBy(() -> read(warehouse, InputFormat.AUTO))
        .isInstanceOf(RevattrException.class)
        .hasMessageContaining(
            "The Parquet files of input table 'touchpoints' hold different columns")
        .hasMessageMatching(
            "(?s).*(part-0.parquet lacks \\[contact_id\\], which .*part-1.parquet has"
                + "|part-1.parquet has \\[contact_id\\], which .*part-0.parquet lacks).*")
        .hasMessageContaining(touchpoints.resolve("part-0.parquet").toString())
        .hasMessageContaining(touchpoints.resolve("part-1.parquet").toString())
        .satisfies(
            e -> assertThat(((RevattrException) e).kind()).isEqualTo(ErrorKind.INPUT_STRUCTURE));

    // An empty file and a file still being copied are no part of the table, as for Spark's read.
    Files.delete(touchpoints.resolve("part-0.parquet"));
    Files.createFile(touchpoints.resolve("part-2.parquet"));
    Files.write(touchpoints.resolve("part-3.parquet._COPYING_"), new byte[] {'P', 'A', 'R', '1'});
    assertThat(read(warehouse, InputFormat.AUTO).get(InputTable.TOUCHPOINTS).count())
        .isEqualTo(touches.count());

    // A file that is no Parquet file (a truncated copy) is named, not left to Spark's failure.
    Files.write(touchpoints.resolve("part-1.parquet"), new byte[] {'P', 'A', 'R', '1', 0, 0});
    assertThatThrownBy(() -> read(warehouse, InputFormat.AUTO))
        .isInstanceOf(RevattrException.class)
        .hasMessageContaining(
            "Input table 'touchpoints' is read as Parquet, but its file "
                + touchpoints.resolve("part-1.parquet")
                + " cannot be read as Parquet")
        .satisfies(
            e -> assertThat(((RevattrException) e).kind()).isEqualTo(ErrorKind.INPUT_STRUCTURE));
  }

  @Test
  void aCompressedCsvFileThatCannotBeReadStopsTheRunNamingIt() throws IOException {
    Path warehouse = csvWarehouseWithout("touchpoints.csv", "csv-gz-corrupt");
    Path touchpoints = Files.createDirectories(warehouse.resolve("touchpoints"));
    Files.copy(csvWarehouse.resolve("touchpoints.csv"), touchpoints.resolve("part-0.csv"));
    Files.write(touchpoints.resolve("part-1.csv.gz"), "no gzip here\n".getBytes(UTF_8));

    assertThatThrownBy(() -> read(warehouse, InputFormat.AUTO))
        .isInstanceOf(RevattrException.class)
        .hasMessageContaining(
            "Input table 'touchpoints' is read as CSV, but its file "
                + touchpoints.resolve("part-1.csv.gz")
                + " cannot be read")
        .satisfies(
            e -> assertThat(((RevattrException) e).kind()).isEqualTo(ErrorKind.INPUT_STRUCTURE));
  }

  /** A copy of the CSV warehouse without one of its files, in {@code name} under the test's dir. */
  private static Path csvWarehouseWithout(String file, String name) throws IOException {
    Path warehouse = dir.resolve(name);
    LocalFiles.deleteRecursively(warehouse);
    Files.createDirectories(warehouse);
    try (Stream<Path> files = Files.list(csvWarehouse)) {
      for (Path csv : files.toList()) {
        if (!csv.getFileName().toString().equals(file)) {
          Files.copy(csv, warehouse.resolve(csv.getFileName()));
        }
      }
    }
    return warehouse;
  }

  /** {@code rows} as the one Parquet file {@code file} (an export's DIR/table.parquet). */
  private static void writeOneParquetFile(Dataset<Row> rows, Path file) throws IOException {
    Path written = file.resolveSibling(file.getFileName() + ".dir");
    rows.coalesce(1).write().parquet(written.toString());
    try (Stream<Path> parts = Files.list(written)) {
      Path part =
          parts
              .filter(p -> p.getFileName().toString().endsWith(".parquet"))
              .findFirst()
              .orElseThrow();
      Files.move(part, file);
    }
    LocalFiles.deleteRecursively(written);
  }

  /**
   * Asserts that every table read holds the rows of the same table read from the CSV files, and
   * returns the touches' rows.
   */
  private static List<String> touchesOfTheSameWarehouseAsInCsv(Map<InputTable, Dataset<Row>> read) {
    Map<InputTable, Dataset<Row>> fromCsv = read(csvWarehouse, InputFormat.AUTO);
    for (InputTable table : InputTable.values()) {
      assertThat(rows(read.get(table))).as(table.tableName()).isEqualTo(rows(fromCsv.get(table)));
    }
    return rows(read.get(InputTable.TOUCHPOINTS));
  }

  private static Map<InputTable, Dataset<Row>> read(Path warehouse, InputFormat format) {
    return new WarehouseReader(SharedSpark.spark(), format, Map.of())
        .readDirectory(warehouse.toString());
  }

  /**
   * The conformed rows, as sorted strings; the raw record as JSON, which leaves out null fields
   * such as the CSV reader's marker of a malformed line, a field only CSV input has.
   */
  private static List<String> rows(Dataset<Row> table) {
    return table
        .withColumn(InputConformance.RAW_RECORD, to_json(col(InputConformance.RAW_RECORD)))
        .collectAsList()
        .stream()
        .map(Row::toString)
        .sorted()
        .toList();
  }
}
