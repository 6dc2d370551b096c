package io.revattr.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

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
 * An optional table exported as zero-byte CSV files (a scheduled export that found no rows) is read
 * as that table left out, instead of stopping the run; the rest of the run cannot tell the two
 * apart, as both are the same frame from here on.
 */
class EmptyOptionalTablesTest {
  @TempDir Path dir;

  @Test
  void zeroByteFilesOfOptionalTablesReadAsTheTablesLeftOut() throws IOException {
    Path empty = CsvWarehouse.base().without("campaigns").writeTo(dir.resolve("empty"));
    Files.writeString(empty.resolve("spend.csv"), "");
    Path campaigns = Files.createDirectories(empty.resolve("campaigns"));
    Files.writeString(campaigns.resolve("part-00000.csv"), "");
    Files.writeString(campaigns.resolve("part-00001.csv"), "\n");
    Path absent =
        CsvWarehouse.base().without("spend").without("campaigns").writeTo(dir.resolve("absent"));

    Map<InputTable, Dataset<Row>> fromEmpty = read(empty);
    Map<InputTable, Dataset<Row>> fromAbsent = read(absent);

    for (InputTable table : List.of(InputTable.SPEND, InputTable.CAMPAIGNS)) {
      assertThat(fromEmpty.get(table).count()).as(table.tableName()).isZero();
      assertThat(fromEmpty.get(table).schema())
          .as(table.tableName())
          .isEqualTo(fromAbsent.get(table).schema());
    }
    assertThat(fromEmpty.get(InputTable.TOUCHPOINTS).count()).isEqualTo(6);
  }

  private static Map<InputTable, Dataset<Row>> read(Path warehouse) {
    return new WarehouseReader(SharedSpark.spark(), InputFormat.AUTO, Map.of())
        .readDirectory(warehouse.toString());
  }
}
