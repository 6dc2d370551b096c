package io.revattr.common.datadriven;

import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code shapley}: exact Shapley values over the channel sets of the closed journeys (DESIGN.md
 * section 4, computed by {@link ShapleyValues}); each touch's credit is its channel's value
 * renormalised within the journey.
 *
 * <p>Negative values are clipped to 0 before renormalising (a channel whose presence goes with
 * fewer conversions gets no credit, never negative credit). A journey whose channels all end at 0
 * (including channels seen only in open journeys) is credited linearly, 1/n per touch. Learned from
 * closed journeys with at least one touch; open journeys are credited with what was learned.
 */
public final class ShapleyModel implements PathModel {
  /** The model's name. */
  public static final String NAME = "shapley";

  private final Map<String, Double> values;

  /** An unfitted model. */
  public ShapleyModel() {
    this(null);
  }

  private ShapleyModel(Map<String, Double> values) {
    this.values = values;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The raw (unclipped) Shapley value of each channel, once fitted. */
  public Map<String, Double> values() {
    if (values == null) {
      throw new IllegalStateException("shapley must be fitted on the journeys before crediting");
    }
    return values;
  }

  @Override
  public ShapleyModel fitPaths(Dataset<Row> paths) {
    return new ShapleyModel(values(PathFrame.single(paths), 0).getOrDefault(0, Map.of()));
  }

  @Override
  public Column credit() {
    return ChannelWeights.proportionalCredit(values());
  }

  /**
   * Shapley values per sample of a sampled path frame; a sample whose paths all lack channels is
   * absent. Aggregates in Spark and fetches only the conversions and nulls per channel set, a few
   * samples at a time.
   *
   * @param sampledPaths a path frame with {@link PathFrame#SAMPLE}
   * @param samples the frame's highest sample index (0 for {@link PathFrame#single})
   */
  public static Map<Integer, Map<String, Double>> values(Dataset<Row> sampledPaths, int samples) {
    return ChannelCounts.coalitions(sampledPaths, samples, ShapleyValues::of);
  }
}
