package io.revattr.common.datadriven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.revattr.testsupport.Frames;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Tiny chains whose conversion probabilities and removal effects are solved by hand. */
class MarkovChainTest {
  static final StructType PATHS =
      new StructType()
          .add("path", DataTypes.StringType)
          .add("total_conversions", DataTypes.DoubleType)
          .add("total_conversion_value", DataTypes.DoubleType)
          .add("total_null", DataTypes.DoubleType);

  /**
   * a > a > b converts (repeat collapsed to a > b); a alone is lost; b alone (one channel)
   * converts; c > a is lost (c appears only in a lost path).
   */
  static Dataset<Row> mixed() {
    return Frames.of(
        PATHS,
        new Object[] {"a > a > b", 1, 0, 0},
        new Object[] {"a", 0, 0, 1},
        new Object[] {"b", 1, 0, 0},
        new Object[] {"c > a", 0, 0, 1});
  }

  @Test
  void firstOrderMixedChain() {
    // start -> a 2/4, b 1/4, c 1/4; a -> b 1/3, null 2/3; b -> conversion; c -> a.
    // x_b = 1, x_a = 1/3, x_c = 1/3, x_start = (2/3 + 1 + 1/3) / 4 = 1/2.
    AbsorbingChain chain = chain(mixed(), 1);
    assertThat(chain.conversionProbability()).isCloseTo(0.5, within(1e-12));
    // Without a: only start -> b converts: 1/4. Without b: nothing converts. Without c:
    // (2/3 + 1) / 4 = 5/12.
    assertThat(chain.conversionProbabilityWithout("a")).isCloseTo(0.25, within(1e-12));
    assertThat(chain.conversionProbabilityWithout("b")).isCloseTo(0.0, within(1e-12));
    assertThat(chain.conversionProbabilityWithout("c")).isCloseTo(5.0 / 12, within(1e-12));
    Map<String, Double> effects = chain.removalEffects();
    assertThat(effects.keySet()).containsExactly("a", "b", "c");
    assertThat(effects.get("a")).isCloseTo(0.5, within(1e-12));
    assertThat(effects.get("b")).isCloseTo(1.0, within(1e-12));
    // In the first-order chain c leads to a, which can convert: c keeps some effect.
    assertThat(effects.get("c")).isCloseTo(1.0 / 6, within(1e-12));
  }

  @Test
  void secondOrderMixedChain() {
    // States [a], [a,b], [b], [c], [c,a]. [a] -> [a,b] 1/2, null 1/2; [a,b] and [b] convert;
    // [c] -> [c,a] -> null. x_start = (2 * 1/2 + 1 + 0) / 4 = 1/2.
    AbsorbingChain chain = chain(mixed(), 2);
    assertThat(chain.stateCount()).isEqualTo(6);
    assertThat(chain.conversionProbability()).isCloseTo(0.5, within(1e-12));
    Map<String, Double> effects = chain.removalEffects();
    assertThat(effects.get("a")).isCloseTo(0.5, within(1e-12));
    assertThat(effects.get("b")).isCloseTo(1.0, within(1e-12));
    // The second-order chain remembers that a after c never converted: c has no effect.
    assertThat(effects.get("c")).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void cycleSolvedExactly() {
    // a > b > a converts, a is lost. Order 1: a -> b 1/3, conversion 1/3, null 1/3; b -> a.
    // x_a = x_a / 3 + 1/3, so x_a = 1/2. Without b: x_a = 1/3, effect 1 - (1/3)/(1/2) = 1/3.
    Dataset<Row> paths =
        Frames.of(PATHS, new Object[] {"a > b > a", 1, 0, 0}, new Object[] {"a", 0, 0, 1});
    AbsorbingChain first = chain(paths, 1);
    assertThat(first.conversionProbability()).isCloseTo(0.5, within(1e-12));
    assertThat(first.removalEffects().get("b")).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(first.removalEffects().get("a")).isCloseTo(1.0, within(1e-12));
    // Order 2: [a] -> [a,b] 1/2, null 1/2; [a,b] -> [b,a] -> conversion. Without b, [a] only
    // reaches null: effect 1.
    AbsorbingChain second = chain(paths, 2);
    assertThat(second.conversionProbability()).isCloseTo(0.5, within(1e-12));
    assertThat(second.removalEffects().get("b")).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void noConversionsGiveZeroEffects() {
    Dataset<Row> paths =
        Frames.of(PATHS, new Object[] {"a > b", 0, 0, 3}, new Object[] {"b", 0, 0, 1});
    AbsorbingChain chain = chain(paths, 1);
    assertThat(chain.conversionProbability()).isEqualTo(0.0);
    assertThat(chain.removalEffects()).containsExactly(Map.entry("a", 0.0), Map.entry("b", 0.0));
  }

  @Test
  void weightsCountLikeRepeatedPaths() {
    // Three converting a > b and one lost a: P = 3/4; without b nothing converts.
    Dataset<Row> paths =
        Frames.of(PATHS, new Object[] {"a > b", 3, 0, 0}, new Object[] {" a ", 0, 0, 1});
    AbsorbingChain chain = chain(paths, 1);
    assertThat(chain.channels()).containsExactly("a", "b");
    assertThat(chain.conversionProbability()).isCloseTo(0.75, within(1e-12));
    assertThat(chain.removalEffects().get("b")).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void tooManyStatesIsAClearError() {
    List<AbsorbingChain.Transition> transitions = new java.util.ArrayList<>();
    for (int i = 0; i <= AbsorbingChain.MAX_STATES; i++) {
      transitions.add(
          new AbsorbingChain.Transition(
              List.of(), AbsorbingChain.Outcome.MOVE, List.of("c" + i), 1.0));
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AbsorbingChain.of(transitions))
        .hasMessageContaining("Lower the chain's order (models.markov.order");
  }

  static AbsorbingChain chain(Dataset<Row> aggregatedPaths, int order) {
    Dataset<Row> paths = PathFrame.single(PathFrame.fromAggregatedPaths(aggregatedPaths));
    return ChannelCounts.transitions(paths, order, 0, AbsorbingChain::of).get(0);
  }
}
