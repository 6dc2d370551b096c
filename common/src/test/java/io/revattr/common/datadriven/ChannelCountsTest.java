package io.revattr.common.datadriven;

import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.common.datadriven.ShapleyValues.Coalition;
import io.revattr.testsupport.Frames;
import io.revattr.testsupport.SharedSpark;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The counts of many bootstrap samples reach the driver a few samples at a time, each sample whole,
 * and each is solved from its own counts only.
 */
class ChannelCountsTest {
  private static final StructType SAMPLED_PATHS =
      new StructType()
          .add(PathFrame.PATH_ID, DataTypes.StringType)
          .add(PathFrame.CHANNELS, DataTypes.createArrayType(DataTypes.StringType))
          .add(PathFrame.CONVERSIONS, DataTypes.DoubleType)
          .add(PathFrame.NULLS, DataTypes.DoubleType)
          .add(PathFrame.SAMPLE, DataTypes.IntegerType);

  private static final String ADAPTIVE = "spark.sql.adaptive.enabled";

  /** Enough samples for several fetches of several samples each. */
  private static final int SAMPLES = 3 * ChannelCounts.SAMPLES_PER_FETCH + 2;

  /**
   * In sample s: the path a converts s + 1 times and is lost once; b > a > b converts once and is
   * lost s times; a > b is lost twice (so {a, b} gathers 1 conversion and s + 2 nulls).
   */
  private static Dataset<Row> sampledPaths() {
    List<Object[]> rows = new ArrayList<>();
    for (int s = 0; s <= SAMPLES; s++) {
      rows.add(new Object[] {"p1", List.of("a"), s + 1.0, 1.0, s});
      rows.add(new Object[] {"p2", List.of("b", "a", "b"), 1.0, (double) s, s});
      rows.add(new Object[] {"p3", List.of("a", "b"), 0.0, 2.0, s});
    }
    return Frames.of(SAMPLED_PATHS, rows.toArray(Object[][]::new));
  }

  @ParameterizedTest(name = "adaptive execution {0}")
  @ValueSource(strings = {"false", "true"})
  void everySamplesChannelSetsAreItsOwnAndArriveInFewSampleFetches(String adaptive)
      throws Exception {
    Map<Integer, Integer> resultTasksPerStage = new ConcurrentHashMap<>();
    RuntimeConfig conf = SharedSpark.spark().conf();
    String before = conf.get(ADAPTIVE);
    conf.set(ADAPTIVE, adaptive);
    Map<Integer, List<Coalition>> bySample;
    try {
      bySample =
          withResultTasks(
              resultTasksPerStage,
              () ->
                  ChannelCounts.coalitions(
                      sampledPaths(),
                      SAMPLES,
                      c ->
                          c.stream()
                              .sorted(Comparator.comparing(k -> k.channels().size()))
                              .toList()));
    } finally {
      conf.set(ADAPTIVE, before);
    }

    assertThat(bySample.keySet()).hasSize(SAMPLES + 1);
    for (int s = 0; s <= SAMPLES; s++) {
      assertThat(bySample.get(s))
          .as("sample %d", s)
          .containsExactly(
              new Coalition(List.of("a"), s + 1.0, 1.0),
              new Coalition(List.of("a", "b"), 1.0, s + 2.0));
    }
    // One partition per fetch (a result stage of one task), and as many fetches as the samples
    // take at SAMPLES_PER_FETCH each: never all samples in one collect.
    int fetches = (SAMPLES + ChannelCounts.SAMPLES_PER_FETCH) / ChannelCounts.SAMPLES_PER_FETCH;
    assertThat(resultTasksPerStage.values()).hasSize(fetches).containsOnly(1);
  }

  @Test
  void everySamplesChainIsBuiltFromItsOwnTransitions() {
    Map<Integer, Double> leftStart =
        ChannelCounts.transitions(
            sampledPaths(),
            1,
            SAMPLES,
            t ->
                t.stream()
                    .filter(step -> step.from().isEmpty())
                    .mapToDouble(AbsorbingChain.Transition::weight)
                    .sum());

    assertThat(leftStart.keySet()).hasSize(SAMPLES + 1);
    for (int s = 0; s <= SAMPLES; s++) {
      // Every path leaves start once with its weight: (s + 2) + (1 + s) + 2.
      assertThat(leftStart.get(s)).as("sample %d", s).isEqualTo(2.0 * s + 5);
    }
  }

  /** Runs {@code f}, counting the result tasks (those that send rows to the driver) per stage. */
  private static <T> T withResultTasks(Map<Integer, Integer> perStage, Supplier<T> f)
      throws TimeoutException {
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onTaskEnd(SparkListenerTaskEnd task) {
            if ("ResultTask".equals(task.taskType())) {
              perStage.merge(task.stageId(), 1, Integer::sum);
            }
          }
        };
    SparkContext context = SharedSpark.spark().sparkContext();
    context.addSparkListener(listener);
    try {
      T result = f.get();
      context.listenerBus().waitUntilEmpty();
      return result;
    } finally {
      context.removeSparkListener(listener);
    }
  }
}
