package io.revattr.common.datadriven;

import io.revattr.common.config.RevattrConfig.Bootstrap;
import io.revattr.common.config.RevattrConfig.ModelsConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows of {@code data_driven_intervals}: per enabled data-driven model and channel, the point
 * value (markov: removal effect; shapley: raw Shapley value) and its bootstrap interval.
 *
 * <p>The bootstrap resamples the accounts of the closed journeys {@code models.bootstrap.samples}
 * times (Poisson(1) weights from a seeded hash, an account's journeys drawn together, see {@link
 * PathFrame#resample}), all samples in one Spark aggregation, solves each resample's model on the
 * driver as its counts arrive, and takes the percentile interval at {@code
 * models.bootstrap.confidence} (quantiles (1 - c)/2 and (1 + c)/2, linear interpolation between
 * order statistics). A channel absent from a resample counts as 0 there. With samples 0 the bounds
 * and confidence are null. Same data, same seed: same numbers.
 *
 * <p>Intervals of two channels that overlap do not say the two cannot be told apart: the values of
 * one resample move together. So each channel also has its rank among the model's channels (1 = the
 * largest value; equal values share the better rank) and the interval of its rank over the same
 * resamples, each resample ranking every channel at once: a channel whose rank interval reaches 1
 * is the top channel in enough resamples that it could be the top one.
 */
public final class DataDrivenIntervals {
  /** The table's columns. */
  public static final StructType SCHEMA =
      new StructType()
          .add("model", DataTypes.StringType, false)
          .add("channel", DataTypes.StringType, false)
          .add("measure", DataTypes.StringType, false)
          .add("value", DataTypes.DoubleType, false)
          .add("lower", DataTypes.DoubleType, true)
          .add("upper", DataTypes.DoubleType, true)
          .add("confidence", DataTypes.DoubleType, true)
          .add("samples", DataTypes.IntegerType, false)
          // Last, so that a table written before them gains them at its end.
          .add("rank", DataTypes.IntegerType, false)
          .add("best_rank", DataTypes.IntegerType, true)
          .add("worst_rank", DataTypes.IntegerType, true);

  /** Relative difference below which two values tie: far below any difference the data makes. */
  private static final double TIE = 1e-12;

  private DataDrivenIntervals() {}

  /**
   * The interval rows of the enabled data-driven models (none enabled: no rows), sorted by model
   * then channel. Collects only channel-level results.
   */
  public static Dataset<Row> of(Dataset<Row> journeys, ModelsConfig config) {
    return ofPaths(PathFrame.fromJourneys(journeys), config);
  }

  /**
   * The interval rows as {@link #of} computes them, from the paths of {@link
   * PathFrame#fromJourneys} (read only when a data-driven model is enabled).
   */
  public static Dataset<Row> ofPaths(Dataset<Row> paths, ModelsConfig config) {
    Bootstrap bootstrap = config.bootstrap();
    List<Row> rows = new ArrayList<>();
    boolean markov = config.enabled().contains(MarkovModel.NAME);
    boolean shapley = config.enabled().contains(ShapleyModel.NAME);
    if (markov || shapley) {
      Dataset<Row> sampled =
          bootstrap.samples() > 0
              ? PathFrame.resample(paths, bootstrap.samples(), bootstrap.seed())
              : PathFrame.single(paths);
      if (markov) {
        rows.addAll(
            rows(
                MarkovModel.NAME,
                "removal_effect",
                MarkovModel.removalEffects(sampled, config.markovOrder(), bootstrap.samples()),
                bootstrap));
      }
      if (shapley) {
        rows.addAll(
            rows(
                ShapleyModel.NAME,
                "shapley_value",
                ShapleyModel.values(sampled, bootstrap.samples()),
                bootstrap));
      }
    }
    return paths.sparkSession().createDataFrame(rows, SCHEMA);
  }

  /** The rows of one model from its values per sample (0: the point values). */
  static List<Row> rows(
      String model, String measure, Map<Integer, Map<String, Double>> bySample, Bootstrap boot) {
    List<Row> rows = new ArrayList<>();
    Map<String, Double> point = bySample.getOrDefault(0, Map.of());
    Map<String, int[]> ranks = ranks(bySample, boot.samples());
    for (Map.Entry<String, Double> channel : point.entrySet()) {
      Double lower = null;
      Double upper = null;
      Double confidence = null;
      Integer bestRank = null;
      Integer worstRank = null;
      int[] channelRanks = ranks.get(channel.getKey());
      if (boot.samples() > 0) {
        double[] draws = new double[boot.samples()];
        double[] rankDraws = new double[boot.samples()];
        for (int s = 1; s <= boot.samples(); s++) {
          draws[s - 1] = bySample.getOrDefault(s, Map.of()).getOrDefault(channel.getKey(), 0.0);
          rankDraws[s - 1] = channelRanks[s];
        }
        Arrays.sort(draws);
        lower = quantile(draws, (1 - boot.confidence()) / 2);
        upper = quantile(draws, (1 + boot.confidence()) / 2);
        confidence = boot.confidence();
        Arrays.sort(rankDraws);
        // Rounded outwards: a rank is a whole number, and the interval must not claim more.
        bestRank = (int) Math.floor(quantile(rankDraws, (1 - boot.confidence()) / 2));
        worstRank = (int) Math.ceil(quantile(rankDraws, (1 + boot.confidence()) / 2));
      }
      rows.add(
          RowFactory.create(
              model,
              channel.getKey(),
              measure,
              channel.getValue(),
              lower,
              upper,
              confidence,
              boot.samples(),
              channelRanks[0],
              bestRank,
              worstRank));
    }
    return rows;
  }

  /**
   * Every channel of the point values' rank in the point values (index 0) and in each resample
   * (1..samples): 1 + the number of channels with a larger value there, a channel absent from a
   * resample counting as 0. Values equal but for floating-point rounding (the Shapley values of
   * symmetric channels differ in their last bits) share a rank.
   */
  static Map<String, int[]> ranks(Map<Integer, Map<String, Double>> bySample, int samples) {
    Set<String> channels = bySample.getOrDefault(0, Map.of()).keySet();
    Map<String, int[]> ranks = new HashMap<>();
    channels.forEach(c -> ranks.put(c, new int[samples + 1]));
    for (int s = 0; s <= samples; s++) {
      Map<String, Double> values = bySample.getOrDefault(s, Map.of());
      for (String channel : channels) {
        double value = values.getOrDefault(channel, 0.0);
        int larger = 0;
        for (String other : channels) {
          larger +=
              values.getOrDefault(other, 0.0) - value > TIE * Math.max(1, Math.abs(value)) ? 1 : 0;
        }
        ranks.get(channel)[s] = 1 + larger;
      }
    }
    return ranks;
  }

  /** The q-quantile of sorted values, interpolating linearly between order statistics. */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int below = (int) Math.floor(h);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
  }
}
