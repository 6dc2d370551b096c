package io.revattr.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.jobs.io.InputFormat;
import io.revattr.testsupport.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's cache of generated warehouses: named by what shapes them, never stale. */
class BenchWarehousesTest {
  private static final BenchSize SIZE = new BenchSize("2k", 2_000);

  @TempDir Path root;

  @Test
  void directoriesAreNamedBySizeTouchesPerAccountSkewAndSeed() {
    assertThat(new BenchWarehouses(null, root, 40, 7, 0, InputFormat.PARQUET).directoryName(SIZE))
        .isEqualTo("touches-2k-per-account-40-seed-7");
    assertThat(new BenchWarehouses(null, root, 40, 7, 1.5, InputFormat.PARQUET).directoryName(SIZE))
        .isEqualTo("touches-2k-per-account-40-skew-1.5-seed-7");
    assertThat(new BenchWarehouses(null, root, 40, 7, 0, InputFormat.CSV).directoryName(SIZE))
        .isEqualTo("touches-2k-per-account-40-seed-7-csv");
  }

  @Test
  void aCsvWarehouseHoldsTheParquetOnesTouchesInCsvFiles() throws Exception {
    BenchWarehouses.Warehouse parquet =
        new BenchWarehouses(SharedSpark.spark(), root, 40, 7, 0, InputFormat.PARQUET).ensure(SIZE);
    BenchWarehouses.Warehouse csv =
        new BenchWarehouses(SharedSpark.spark(), root, 40, 7, 0, InputFormat.CSV).ensure(SIZE);

    assertThat(csv.dir()).isNotEqualTo(parquet.dir());
    assertThat(csv.format()).isEqualTo(InputFormat.CSV);
    try (Stream<Path> files = Files.list(csv.dir().resolve("touchpoints"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .filteredOn(name -> name.startsWith("part-"))
          .isNotEmpty()
          .allMatch(name -> name.endsWith(".csv"));
    }
    Dataset<Row> touchesAsCsv =
        SharedSpark.spark()
            .read()
            .option("header", "true")
            .csv(csv.dir().resolve("touchpoints").toString());
    Dataset<Row> touches =
        SharedSpark.spark().read().parquet(parquet.dir().resolve("touchpoints").toString());
    assertThat(csv.touches()).isEqualTo(parquet.touches()).isEqualTo(touchesAsCsv.count());
    assertThat(touchesAsCsv.select("touch_id").exceptAll(touches.select("touch_id")).count())
        .isZero();
  }

  @Test
  void aWarehouseOfAnotherGeneratorVersionIsGeneratedAgain() throws Exception {
    BenchWarehouses warehouses =
        new BenchWarehouses(SharedSpark.spark(), root, 40, 7, 0, InputFormat.PARQUET);
    Path dir = Files.createDirectories(root.resolve(warehouses.directoryName(SIZE)));
    Files.writeString(dir.resolve("_bench_warehouse.properties"), "touchpoints=999\n");

    BenchWarehouses.Warehouse generated = warehouses.ensure(SIZE);
    assertThat(generated.cached()).isFalse();
    assertThat(generated.touches()).isNotEqualTo(999).isBetween(1_000L, 3_000L);

    BenchWarehouses.Warehouse cached = warehouses.ensure(SIZE);
    assertThat(cached.cached()).isTrue();
    assertThat(cached.touches()).isEqualTo(generated.touches());
  }
}
