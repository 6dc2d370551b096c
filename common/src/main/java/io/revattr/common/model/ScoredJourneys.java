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
 * The journeys scored by fitted models: every journey row with one credit cell per model. A cell
 * holds the credit of the row's touch, or, under a model that cannot credit the journey, the
 * unattributed 1 on the row that carries it (the first touch, or the empty journey's only row) and
 * nothing elsewhere. {@link #credits()} unpivots the cells into the rows of {@code
 * attribution_credits}; a reader that needs only which models credit a row reads the cells as they
 * are, one row per journey row instead of one per model.
 */
public final class ScoredJourneys {
  private static final String CELL = "_credit_cell";

  private final Dataset<Row> rows;
  private final List<String> models;

  private ScoredJourneys(Dataset<Row> rows, List<String> models) {
    this.rows = rows;
    this.models = models;
  }

  /**
   * Scores the journeys with models already fitted on them.
   *
   * @param journeys the output of {@link io.revattr.common.journey.Journeys#build}
   * @param fittedModels the models, in report order
   */
  static ScoredJourneys of(Dataset<Row> journeys, List<AttributionModel> fittedModels) {
    // Window expressions cannot sit inside a generator, so every model's credit is first a column
    // of one projection, then the columns are unpivoted. One select (not a withColumn per model)
    // lets Spark evaluate the window aggregates of every model side by side in the same few Window
    // operators over the one exchange and sort of the journeys.
    List<Column> intermediates = new ArrayList<>();
    intermediates.add(col("*"));
    fittedModels.forEach(m -> intermediates.addAll(m.intermediates()));
    List<Column> scoredColumns = new ArrayList<>();
    scoredColumns.add(col("*"));
    Column hasTouch = col("touch_id").isNotNull();
    Column carriesUnattributed = hasTouch.unary_$bang().or(col(POSITION).equalTo(1));
    for (int i = 0; i < fittedModels.size(); i++) {
      AttributionModel fitted = fittedModels.get(i);
      Column unattributed = hasTouch.unary_$bang().or(fitted.isUnattributed());
      scoredColumns.add(unattributed.as(unattributedColumn(i)));
      // One cell per model and row: under a model that cannot credit the journey, its rows carry
      // no touch credit, and the first row (or the empty journey's only row) the unattributed 1.
      scoredColumns.add(
          when(unattributed, when(carriesUnattributed, 1.0))
              .otherwise(fitted.credit())
              .as(creditColumn(i)));
    }
    Dataset<Row> scored =
        journeys
            .select(intermediates.toArray(Column[]::new))
            .select(scoredColumns.toArray(Column[]::new));
    return new ScoredJourneys(scored, fittedModels.stream().map(AttributionModel::name).toList());
  }

  /** The journey rows with every model's cell; read the cells through the columns below. */
  public Dataset<Row> rows() {
    return rows;
  }

  /** The models' names, in the order of their cells. */
  public List<String> models() {
    return models;
  }

  /** True where model {@code model} credits the row's touch (a credit row with the touch). */
  public Column creditsTouch(int model) {
    return col(creditColumn(model)).gt(0).and(col(unattributedColumn(model)).unary_$bang());
  }

  /** True on the row that carries model {@code model}'s unattributed credit of the opportunity. */
  public Column creditsUnattributed(int model) {
    return col(creditColumn(model)).gt(0).and(col(unattributedColumn(model)));
  }

  /**
   * Days from the row's touch to the close of its opportunity when the opportunity was won; null
   * otherwise.
   */
  public static Column daysToClose() {
    return when(
        col(STAGE).equalTo(Stages.WON),
        Durations.days(col("occurred_at"), col(OPPORTUNITY_CLOSED_AT)));
  }

  /**
   * The rows of {@code attribution_credits}: the cells unpivoted to one row per model, opportunity
   * and credited touch (see {@link Credits#allocate} for the columns). Cells without credit give no
   * row.
   */
  public Dataset<Row> credits() {
    List<Column> cells = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      cells.add(
          struct(
              lit(models.get(i)).as("model"),
              col(creditColumn(i)).as("credit"),
              col(unattributedColumn(i)).as("is_unattributed")));
    }
    Dataset<Row> exploded =
        rows.withColumn(CELL, explode(array(cells.toArray(Column[]::new))))
            .filter(col(CELL + ".credit").gt(0));
    Column unattributedRow = col(CELL + ".is_unattributed");
    Column credit = col(CELL + ".credit");
    return exploded.select(
        col(CELL + ".model").as("model"),
        col("opportunity_id"),
        touchValue(unattributedRow, "touch_id"),
        when(unattributedRow, null).otherwise(col("occurred_at")).as("occurred_at"),
        when(unattributedRow, lit(Credits.UNATTRIBUTED)).otherwise(col("channel")).as("channel"),
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
        when(unattributedRow.unary_$bang(), daysToClose()).as(Credits.DAYS_TO_CLOSE));
  }

  private static Column touchValue(Column unattributedRow, String column) {
    return when(unattributedRow, lit(null).cast("string")).otherwise(col(column)).as(column);
  }

  private static String creditColumn(int model) {
    return "_credit_" + model;
  }

  private static String unattributedColumn(int model) {
    return "_unattributed_" + model;
  }
}
