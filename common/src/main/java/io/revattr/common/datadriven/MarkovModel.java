package io.revattr.common.datadriven;

import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code markov}: an order-k Markov chain over the channel paths of the closed journeys (DESIGN.md
 * section 4), solved exactly by {@link AbsorbingChain}; each journey's credit is split over its
 * touches in proportion to their channels' removal effects.
 *
 * <p>Learned from closed journeys with at least one touch (won = conversion, lost = null); open
 * journeys are credited with what was learned. Edge cases: a channel seen only in open journeys
 * weighs 0; a journey whose channels all have removal effect 0 (including every journey when no
 * closed journey converted) is credited linearly, 1/n per touch.
 */
public final class MarkovModel implements PathModel {
  /** The model's name. */
  public static final String NAME = "markov";

  private final int order;
  private final Map<String, Double> removalEffects;

  /** An unfitted model of order k (1 to 4). */
  public MarkovModel(int order) {
    this(order, null);
  }

  private MarkovModel(int order, Map<String, Double> removalEffects) {
    this.order = order;
    this.removalEffects = removalEffects;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The chain's order k. */
  public int order() {
    return order;
  }

  /** The removal effect of each channel, once fitted. */
  public Map<String, Double> removalEffects() {
    requireFitted();
    return removalEffects;
  }

  @Override
  public MarkovModel fitPaths(Dataset<Row> paths) {
    return new MarkovModel(
        order, removalEffects(PathFrame.single(paths), order, 0).getOrDefault(0, Map.of()));
  }

  @Override
  public Column credit() {
    requireFitted();
    return ChannelWeights.proportionalCredit(removalEffects);
  }

  /**
   * Removal effects per sample of a sampled path frame; a sample whose paths all lack channels is
   * absent. Aggregates in Spark and fetches only the transition counts, a few samples at a time.
   *
   * @param sampledPaths a path frame with {@link PathFrame#SAMPLE}
   * @param order the chain's order k
   * @param samples the frame's highest sample index (0 for {@link PathFrame#single})
   */
  public static Map<Integer, Map<String, Double>> removalEffects(
      Dataset<Row> sampledPaths, int order, int samples) {
    return ChannelCounts.transitions(
        sampledPaths, order, samples, t -> AbsorbingChain.of(t).removalEffects());
  }

  private void requireFitted() {
    if (removalEffects == null) {
      throw new IllegalStateException("markov must be fitted on the journeys before crediting");
    }
  }
}
