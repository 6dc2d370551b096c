package io.revattr.jobs.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revattr.common.error.ErrorKind;
import io.revattr.common.error.RevattrException;
import io.revattr.common.schema.InputConformance;
import io.revattr.common.schema.InputTable;
import io.revattr.jobs.io.InputFormat;
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
 * Input tables given as Delta directories are read as Delta tables, at their current version: their
 * directories also hold the Parquet files of rows deleted or updated since (until a {@code
 * VACUUM}), which a read of the directory's files would count again. The same warehouse as CSV
 * files is the reference.
 */
class DeltaInputTablesTest {
  /** A touch added to the Delta warehouse in one commit and deleted in the next. */
  private static final String DELETED_TOUCH = "T7";

  @TempDir static Path dir;
  static Path csvWarehouse;
  static Path deltaWarehouse;

  @BeforeAll
  static void writeTheWarehouseAsCsvAndAsDelta() throws IOException {
    SparkSession spark = SharedSpark.spark();
    csvWarehouse = CsvWarehouse.base().writeTo(dir.resolve("csv"));
    deltaWarehouse = Files.createDirectories(dir.resolve("delta"));
    try (Stream<Path> files = Files.list(csvWarehouse)) {
      for (Path csv : files.toList()) {
        String table = csv.getFileName().toString().replace(".csv", "");
        spark
            .read()
            .option("header", "true")
            .csv(csv.toString())
            .write()
            .format("delta")
            .save(deltaWarehouse.resolve(table).toString());
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
    Map<InputTable, Dataset<Row>> fromDelta = read(deltaWarehouse, format);
    Map<InputTable, Dataset<Row>> fromCsv = read(csvWarehouse, InputFormat.AUTO);

    for (InputTable table : InputTable.values()) {
      assertThat(rows(fromDelta.get(table)))
          .as(table.tableName())
          .isEqualTo(rows(fromCsv.get(table)));
    }
    assertThat(rows(fromDelta.get(InputTable.TOUCHPOINTS)))
        .hasSize(6)
        .noneMatch(row -> row.contains(DELETED_TOUCH));
  }

  @Test
  void aDeltaTableGivenAsParquetStopsTheRunNamingBothFormats() {
    assertThatThrownBy(() -> read(deltaWarehouse, InputFormat.PARQUET))
        .isInstanceOf(RevattrException.class)
        .hasMessageContaining("is delta, but --input-format is parquet")
        .satisfies(
            e -> assertThat(((RevattrException) e).kind()).isEqualTo(ErrorKind.INPUT_STRUCTURE));
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
