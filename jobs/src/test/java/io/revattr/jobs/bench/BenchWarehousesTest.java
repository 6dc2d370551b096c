package io.revattr.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.testsupport.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's cache of generated warehouses: named by what shapes them, never stale. */
class BenchWarehousesTest {
  private static final BenchSize SIZE = new BenchSize("2k", 2_000);

  @TempDir Path root;

  @Test
  void directoriesAreNamedBySizeTouchesPerAccountSkewAndSeed() {
    assertThat(new BenchWarehouses(null, root, 40, 7, 0).directoryName(SIZE))
        .isEqualTo("touches-2k-per-account-40-seed-7");
    assertThat(new BenchWarehouses(null, root, 40, 7, 1.5).directoryName(SIZE))
        .isEqualTo("touches-2k-per-account-40-skew-1.5-seed-7");
  }

  @Test
  void aWarehouseOfAnotherGeneratorVersionIsGeneratedAgain() throws Exception {
    BenchWarehouses warehouses = new BenchWarehouses(SharedSpark.spark(), root, 40, 7, 0);
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
