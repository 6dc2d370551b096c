package io.revattr.common.model;

import static io.revattr.common.journey.JourneyColumns.AMOUNT;
import static io.revattr.common.journey.JourneyColumns.CURRENCY;
import static io.revattr.common.journey.JourneyColumns.OPPORTUNITY_CLOSED_AT;
import static io.revattr.common.journey.JourneyColumns.POSITION;
import static io.revattr.common.journey.JourneyColumns.STAGE;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.revattr.common.journey.Durations;
import io.revattr.common.schema.Stages;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
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

  private static final String CELL = "_credit_cell";

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
    // Window expressions cannot sit inside a generator, so every model's credit is first a column
    // of one projection, then the columns are unpivoted. One select (not a withColumn per model)
    // lets Spark evaluate the window aggregates of every model side by side in the same few Window
    // operators over the one exchange and sort of the journeys.
    List<Column> scoredColumns = new ArrayList<>();
    scoredColumns.add(col("*"));
    List<Column> cells = new ArrayList<>();
    Column hasTouch = col("touch_id").isNotNull();
    Column carriesUnattributed = hasTouch.unary_$bang().or(col(POSITION).equalTo(1));
    List<Column> intermediates = new ArrayList<>();
    intermediates.add(col("*"));
    fittedModels.forEach(m -> intermediates.addAll(m.intermediates()));
    for (int i = 0; i < fittedModels.size(); i++) {
      AttributionModel fitted = fittedModels.get(i);
      String creditColumn = "_credit_" + i;
      String unattributedColumn = "_unattributed_" + i;
      Column unattributed = hasTouch.unary_$bang().or(fitted.isUnattributed());
      scoredColumns.add(unattributed.as(unattributedColumn));
      // One cell per model and row: under a model that cannot credit the journey, its rows carry
      // no touch credit, and the first row (or the empty journey's only row) the unattributed 1.
      scoredColumns.add(
          when(unattributed, when(carriesUnattributed, 1.0))
              .otherwise(fitted.credit())
              .as(creditColumn));
      cells.add(
          struct(
              lit(fitted.name()).as("model"),
              col(creditColumn).as("credit"),
              col(unattributedColumn).as("is_unattributed")));
    }
    Dataset<Row> scored =
        journeys
            .select(intermediates.toArray(Column[]::new))
            .select(scoredColumns.toArray(Column[]::new));
    Dataset<Row> exploded =
        scored
            .withColumn(CELL, explode(array(cells.toArray(Column[]::new))))
            .filter(col(CELL + ".credit").gt(0));
    Column unattributedRow = col(CELL + ".is_unattributed");
    Column credit = col(CELL + ".credit");
    return exploded.select(
        col(CELL + ".model").as("model"),
        col("opportunity_id"),
        touchValue(unattributedRow, "touch_id"),
        when(unattributedRow, null).otherwise(col("occurred_at")).as("occurred_at"),
        when(unattributedRow, lit(UNATTRIBUTED)).otherwise(col("channel")).as("channel"),
        touchValue(unattributedRow, "campaign_id"),
        touchValue(unattributedRow, "touch_type"),
        touchValue(unattributedRow, "team"),
        col(STAGE),
        col(CURRENCY),
        credit.as("credit"),
        when(col(STAGE).equalTo(Stages.WON), col(AMOUNT).multiply(credit))
            .otherwise(0.0)
            .as("revenue_credit"),
        col(AMOUNT).multiply(credit).as("pipeline_credit"),
        when(
                unattributedRow.unary_$bang().and(col(STAGE).equalTo(Stages.WON)),
                Durations.days(col("occurred_at"), col(OPPORTUNITY_CLOSED_AT)))
            .as(DAYS_TO_CLOSE));
  }

  private static Column touchValue(Column unattributedRow, String column) {
    return when(unattributedRow, lit(null).cast("string")).otherwise(col(column)).as(column);
  }
}
