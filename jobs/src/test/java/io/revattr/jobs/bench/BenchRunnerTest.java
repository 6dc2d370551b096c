package io.revattr.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BenchRunnerTest {
  @Test
  void everyFullPassRegistersItsTablesInADatabaseOfItsOwn() {
    assertThat(BenchRunner.database(new BenchSize("1m", 1_000_000), "full"))
        .isEqualTo("bench_1m_full");
    assertThat(BenchRunner.database(new BenchSize("10m", 10_000_000), "full+data-driven"))
        .isEqualTo("bench_10m_full_data_driven");
    List<BenchSize> sizes =
        List.of(new BenchSize("1m", 1_000_000), new BenchSize("10m", 10_000_000));
    Set<String> databases =
        sizes.stream()
            .flatMap(
                s ->
                    List.of("full", "full+data-driven").stream()
                        .map(v -> BenchRunner.database(s, v)))
            .collect(Collectors.toSet());
    assertThat(databases).hasSize(4);
  }
}
