package io.revattr.common.model;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Applies every selected model to the journeys in one pass (one sort of the touches) and produces
 * the rows of {@code attribution_credits}.
 */
public final class Credits {
  /** The channel of the credit row of an opportunity that a model cannot credit to any touch. */
  public static final String UNATTRIBUTED = "(unattributed)";

  /** Days from the credited touch to the close of its won opportunity. */
  public static final String DAYS_TO_CLOSE = "days_to_close";

  private Credits() {}

  /**
   * Fits the models on the journeys (a no-op for rule-based ones), then computes every model's
   * credit per touch as columns of one projection and unpivots them to one row per model,
   * opportunity and credited touch. Rows with credit 0 are not written. An opportunity with no
   * touch, or none of a model's positions, gets one row per such model with a null touch_id,
   * channel {@value #UNATTRIBUTED} and credit 1.
   *
   * <p>Output columns: model, opportunity_id, touch_id, occurred_at, channel, campaign_id,
   * touch_type, team, stage, currency, credit, revenue_credit (amount x credit when won, else 0),
   * pipeline_credit (amount x credit), days_to_close (days from the touch to the close of a won
   * opportunity; null for open and lost ones and unattributed rows). The days come from the journey
   * row itself, so that the summary's days-to-close figures need no join back to the opportunities.
   */
  public static Dataset<Row> allocate(Dataset<Row> journeys, List<AttributionModel> models) {
    return allocateFitted(journeys, models.stream().map(m -> m.fit(journeys)).toList());
  }

  /**
   * The credits as {@link #allocate} computes them, of models already fitted on these journeys (a
   * caller that fits several data-driven models on one stored path frame).
   */
  public static Dataset<Row> allocateFitted(
      Dataset<Row> journeys, List<AttributionModel> fittedModels) {
    return score(journeys, fittedModels).credits();
  }

  /**
   * The journeys scored by models already fitted on them, before the credits are unpivoted from
   * them: for a caller that also reads which models credit each journey row.
   */
  public static ScoredJourneys score(Dataset<Row> journeys, List<AttributionModel> fittedModels) {
    return ScoredJourneys.of(journeys, fittedModels);
  }
}
