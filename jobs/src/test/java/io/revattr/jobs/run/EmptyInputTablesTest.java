package io.revattr.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revattr.common.error.ErrorKind;
import io.revattr.common.error.RevattrException;
import io.revattr.common.schema.InputTable;
import io.revattr.jobs.io.InputFormat;
import io.revattr.jobs.io.WarehouseReader;
import io.revattr.testsupport.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table given as files that hold neither rows nor a schema (zero-byte CSV files, as a scheduled
 * export that found no rows may write, or a directory holding no data file): an optional one is
 * read as that table left out, instead of stopping the run (the rest of the run cannot tell the two
 * apart: both are the same frame from here on); a required one stops the run saying so.
 */
class EmptyInputTablesTest {
  @TempDir Path dir;

  @Test
  void zeroByteFilesOfOptionalTablesReadAsTheTablesLeftOut() throws IOException {
    Path empty = CsvWarehouse.base().without("campaigns").writeTo(dir.resolve("empty"));
    Files.writeString(empty.resolve("spend.csv"), "");
    Path campaigns = Files.createDirectories(empty.resolve("campaigns"));
    Files.writeString(campaigns.resolve("part-00000.csv"), "");
    Files.writeString(campaigns.resolve("part-00001.csv"), "\n");
    Path identities = Files.createDirectories(empty.resolve("identities"));
    Files.delete(empty.resolve("identities.csv"));
    Files.writeString(identities.resolve("_SUCCESS"), "");
    Path absent =
        CsvWarehouse.base()
            .without("spend")
            .without("campaigns")
            .without("identities")
            .writeTo(dir.resolve("absent"));

    Map<InputTable, Dataset<Row>> fromEmpty = read(empty);
    Map<InputTable, Dataset<Row>> fromAbsent = read(absent);

    for (InputTable table :
        List.of(InputTable.SPEND, InputTable.CAMPAIGNS, InputTable.IDENTITIES)) {
      assertThat(fromEmpty.get(table).count()).as(table.tableName()).isZero();
      assertThat(fromEmpty.get(table).schema())
          .as(table.tableName())
          .isEqualTo(fromAbsent.get(table).schema());
    }
    assertThat(fromEmpty.get(InputTable.TOUCHPOINTS).count()).isEqualTo(6);
  }

  @Test
  void aRequiredTableWithoutRowsOrSchemaStopsTheRunSayingWhatItIs() throws IOException {
    Path zeroByte = CsvWarehouse.base().writeTo(dir.resolve("zero-byte"));
    Files.writeString(zeroByte.resolve("touchpoints.csv"), "");
    Path noFile = CsvWarehouse.base().without("leads").writeTo(dir.resolve("no-file"));
    Files.writeString(Files.createDirectories(noFile.resolve("leads")).resolve("_SUCCESS"), "");

    assertThatThrownBy(() -> read(zeroByte))
        .isInstanceOf(RevattrException.class)
        .hasMessageContaining("Input table 'touchpoints' holds nothing to read")
        .hasMessageContaining("touchpoints.csv is empty: no file has a header line")
        .satisfies(
            e -> assertThat(((RevattrException) e).kind()).isEqualTo(ErrorKind.INPUT_STRUCTURE));
    assertThatThrownBy(() -> read(noFile))
        .hasMessageContaining("Input table 'leads' holds nothing to read")
        .hasMessageContaining("leads is a directory holding no data file");
  }

  private static Map<InputTable, Dataset<Row>> read(Path warehouse) {
    return new WarehouseReader(SharedSpark.spark(), InputFormat.AUTO, Map.of())
        .readDirectory(warehouse.toString());
  }
}
