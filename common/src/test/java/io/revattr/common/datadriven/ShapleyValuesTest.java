package io.revattr.common.datadriven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.revattr.common.datadriven.ShapleyValues.Coalition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shapley values by hand and against the textbook sum over all 2^n coalitions. */
class ShapleyValuesTest {
  @Test
  void handComputedThreeChannels() {
    // v{a,b} = 1, v{a} = 0, v{b} = 1, v{a,c} = 0, every other coalition 0; n = 3, so
    // w(0) = 1/3, w(1) = 1/6, w(2) = 1/3.
    // phi_a = w(1) v{a,b} - w(1) v{b} = 0; phi_b = w(1) v{a,b} + w(0) v{b} = 1/2;
    // phi_c = -(w(2) v{a,b} + w(1) v{b}) = -1/2.
    List<Coalition> observed =
        List.of(
            new Coalition(List.of("a", "b"), 1, 0),
            new Coalition(List.of("a"), 0, 1),
            new Coalition(List.of("b"), 1, 0),
            new Coalition(List.of("a", "c"), 0, 1));
    Map<String, Double> values = ShapleyValues.of(observed);
    assertThat(values.keySet()).containsExactly("a", "b", "c");
    assertThat(values.get("a")).isCloseTo(0.0, within(1e-12));
    assertThat(values.get("b")).isCloseTo(0.5, within(1e-12));
    assertThat(values.get("c")).isCloseTo(-0.5, within(1e-12));
  }

  @Test
  void efficiencyAndAgreementWithTheTextbookSum() {
    List<Coalition> observed =
        List.of(
            new Coalition(List.of("a"), 2, 8),
            new Coalition(List.of("b"), 1, 3),
            new Coalition(List.of("a", "b"), 5, 5),
            new Coalition(List.of("a", "c"), 1, 1),
            new Coalition(List.of("a", "b", "c", "d"), 3, 1),
            new Coalition(List.of("d"), 0, 4));
    Map<String, Double> values = ShapleyValues.of(observed);
    Map<String, Double> textbook = bruteForce(observed);
    assertThat(values.keySet()).isEqualTo(textbook.keySet());
    values.forEach((c, v) -> assertThat(v).as(c).isCloseTo(textbook.get(c), within(1e-12)));
    // Efficiency: v(all) - v(empty) = 3/4 - 0.
    double total = values.values().stream().mapToDouble(Double::doubleValue).sum();
    assertThat(total).isCloseTo(0.75, within(1e-12));
  }

  @Test
  void symmetricChannelsGetEqualValues() {
    List<Coalition> observed =
        List.of(
            new Coalition(List.of("a"), 3, 7),
            new Coalition(List.of("b"), 3, 7),
            new Coalition(List.of("a", "b"), 8, 2),
            new Coalition(List.of("a", "c"), 2, 3),
            new Coalition(List.of("b", "c"), 2, 3),
            new Coalition(List.of("c"), 1, 9));
    Map<String, Double> values = ShapleyValues.of(observed);
    assertThat(values.get("a")).isCloseTo(values.get("b"), within(1e-12));
    assertThat(values.get("a")).isNotCloseTo(values.get("c"), within(1e-3));
  }

  @Test
  void nullPlayerGetsZero() {
    // z changes no coalition's value: every set converts at the same rate with or without z,
    // and {z} alone is worth v(empty) = 0.
    List<Coalition> observed =
        List.of(
            new Coalition(List.of("a"), 1, 1),
            new Coalition(List.of("a", "z"), 2, 2),
            new Coalition(List.of("b"), 1, 4),
            new Coalition(List.of("b", "z"), 1, 4),
            new Coalition(List.of("a", "b"), 9, 1),
            new Coalition(List.of("a", "b", "z"), 18, 2),
            new Coalition(List.of("z"), 0, 5));
    Map<String, Double> values = ShapleyValues.of(observed);
    assertThat(values.get("z")).isCloseTo(0.0, within(1e-12));
    assertThat(values.get("a")).isGreaterThan(0);
  }

  @Test
  void tooManyChannelsIsAClearError() {
    List<Coalition> observed = new ArrayList<>();
    for (int i = 0; i <= ShapleyValues.MAX_CHANNELS; i++) {
      observed.add(new Coalition(List.of("c" + i), 1, 1));
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ShapleyValues.of(observed))
        .hasMessageContaining("at most 100 channels and the data has 101");
  }

  /** phi_i = sum over S without i of |S|!(n-|S|-1)!/n! (v(S+i) - v(S)), over all 2^n sets. */
  static Map<String, Double> bruteForce(List<Coalition> observed) {
    List<String> channels =
        observed.stream().flatMap(c -> c.channels().stream()).distinct().sorted().toList();
    int n = channels.size();
    Map<Integer, Double> value = new HashMap<>();
    for (Coalition c : observed) {
      int mask = 0;
      for (String channel : c.channels()) {
        mask |= 1 << channels.indexOf(channel);
      }
      value.put(mask, c.conversions() / (c.conversions() + c.nulls()));
    }
    Map<String, Double> phi = new HashMap<>();
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int s = 0; s < (1 << n); s++) {
        if ((s & (1 << i)) != 0) {
          continue;
        }
        int size = Integer.bitCount(s);
        double weight = factorial(size) * factorial(n - size - 1) / factorial(n);
        sum += weight * (value.getOrDefault(s | (1 << i), 0.0) - value.getOrDefault(s, 0.0));
      }
      phi.put(channels.get(i), sum);
    }
    return phi;
  }

  static double factorial(int k) {
    double f = 1;
    for (int i = 2; i <= k; i++) {
      f *= i;
    }
    return f;
  }
}
