package io.revattr.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revattr.common.error.RevattrException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchSizeTest {
  @Test
  void sizesParseWithSuffixesInTheGivenOrder() {
    assertThat(BenchSize.parseList("1m, 10M,250k,5000"))
        .containsExactly(
            new BenchSize("1m", 1_000_000),
            new BenchSize("10m", 10_000_000),
            new BenchSize("250k", 250_000),
            new BenchSize("5000", 5_000));
  }

  @Test
  void accountsAreTouchesOverTouchesPerAccountAndAtLeastOne() {
    assertThat(new BenchSize("1m", 1_000_000).accounts(40)).isEqualTo(25_000);
    assertThat(new BenchSize("10", 10).accounts(40)).isEqualTo(1);
  }

  @Test
  void badSizesAreUsageErrorsNamingTheValue() {
    assertThatThrownBy(() -> BenchSize.parseList("1m,lots"))
        .isInstanceOf(RevattrException.class)
        .hasMessageContaining("'lots'");
    assertThatThrownBy(() -> BenchSize.parseList("0k"))
        .isInstanceOf(RevattrException.class)
        .hasMessageContaining("'0k'");
    assertThatThrownBy(() -> BenchSize.parseList(" , "))
        .isInstanceOf(RevattrException.class)
        .hasMessageContaining("--sizes is empty");
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    StageCounter.Counts none = new StageCounter.Counts(0, 0, 0, 0, 0, 0, 0, Map.of());
    BenchMeasurement odd =
        new BenchMeasurement("1m", 10, "full", List.of(), List.of(9.0, 1.0, 5.0), 0, 0, 0, none);
    BenchMeasurement even =
        new BenchMeasurement(
            "1m", 10, "full", List.of(), List.of(4.0, 1.0, 2.0, 8.0), 0, 0, 0, none);
    assertThat(odd.medianSeconds()).isEqualTo(5.0);
    assertThat(odd.minSeconds()).isEqualTo(1.0);
    assertThat(even.medianSeconds()).isEqualTo(3.0);
    assertThat(odd.touchesPerSecond()).isEqualTo(2.0);
  }
}
