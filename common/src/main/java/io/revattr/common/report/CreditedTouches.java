package io.revattr.common.report;

import static io.revattr.common.model.Credits.DAYS_TO_CLOSE;
import static io.revattr.common.report.ReportColumns.CURRENCY;
import static io.revattr.common.report.ReportColumns.DIMENSION;
import static io.revattr.common.report.ReportColumns.INFLUENCED_OPPORTUNITIES;
import static io.revattr.common.report.ReportColumns.MEDIAN_DAYS_TO_CLOSE;
import static io.revattr.common.report.ReportColumns.MODEL;
import static io.revattr.common.report.ReportColumns.TOUCHES;
import static io.revattr.common.report.ReportColumns.VALUE;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.bit_or;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.revattr.common.model.Credits;
import io.revattr.common.model.ScoredJourneys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RelationalGroupedDataset;
import org.apache.spark.sql.Row;

/**
 * The summary's distinct counts (influenced opportunities, credited touches) and median days to
 * close, from one row per opportunity and credited touch that says, as bits ({@link ModelMasks}),
 * which models credit it: the credits reduced to it, or, in a run, the journeys' scores read as it
 * (the same rows without the reduction).
 *
 * <p>Every model credits much the same touches of a journey, so the credits hold each (opportunity,
 * touch) once per model. Counting distinct opportunities and touches per model straight from the
 * credits deduplicated every model's rows separately, under every dimension: hundreds of millions
 * of rows at ten million touches. Here the models' rows of one opportunity and touch collapse first
 * (the partial aggregation does most of it before any exchange), a value of an opportunity is then
 * deduplicated once for all models, and the per-model counts are sums of bits over a few thousand
 * groups. The median's histogram, likewise, is counted over the reduced rows before they are
 * repeated per model and dimension.
 */
final class CreditedTouches {
  private static final String COUNT_PREFIX = "_count_";
  private static final String CELL = "_model_cell";
  private static final String ROW_CELL = "_row_cell";
  private static final String[] TOUCH_VALUES = {
    CURRENCY, "channel", "campaign_id", "touch_type", "team"
  };

  private final List<String> models;
  private final Dataset<Row> perTouch;
  private final Dataset<Row> influencedByStage;

  private CreditedTouches(List<String> models, Dataset<Row> perTouch, Dataset<Row> influenced) {
    this.models = models;
    this.perTouch = perTouch;
    this.influencedByStage = influenced;
  }

  /**
   * The rows, kept, and their influenced opportunities per stage, kept too: the summary reads them
   * summed over the stages and the pipeline forecast for open opportunities, and an opportunity has
   * one stage, so that one count per stage serves both instead of a second pass over the open rows.
   */
  private static CreditedTouches kept(
      List<String> models, Dataset<Row> rows, UnaryOperator<Dataset<Row>> keep) {
    Dataset<Row> perTouch = keep.apply(rows);
    return new CreditedTouches(models, perTouch, keep.apply(influencedByStage(models, perTouch)));
  }

  /**
   * Reduces the credits to one row per opportunity and credited touch.
   *
   * @param credits credit rows in the reporting currency
   * @param models the run's models; credit rows of other models are not counted
   * @param keep applied to the reduced rows, which every figure reads: stored, they are reduced
   *     once (each figure reads other columns of them, so Spark would not share one reduction); and
   *     to their influenced opportunities per stage, which both the summary and the pipeline
   *     forecast read
   */
  static CreditedTouches of(
      Dataset<Row> credits, List<String> models, UnaryOperator<Dataset<Row>> keep) {
    return kept(models, perOpportunityAndTouch(credits, models), keep);
  }

  /**
   * The same rows as {@link #of(Dataset, List, UnaryOperator)} makes of the credits, read from the
   * scored journeys the credits are unpivoted from. A journey row is one opportunity and touch
   * already, so its cells give the masks as they are: nothing is aggregated, where the credits'
   * reduction hashes every model's credit row by eight keys. The row that carries an unattributed
   * credit gives a second row, without a touch, for the models that leave the opportunity
   * unattributed.
   *
   * @param scored the run's journeys scored by its models
   * @param currency the reporting currency, in which the credits' reductions are kept
   * @param keep applied to the rows and their influenced opportunities per stage, as in {@link
   *     #of(Dataset, List, UnaryOperator)}
   */
  static CreditedTouches of(
      ScoredJourneys scored, ReportingCurrency currency, UnaryOperator<Dataset<Row>> keep) {
    return kept(scored.models(), perJourneyRow(scored, currency), keep);
  }

  /** The same figures over the credited touches of opportunities in {@code stage} only. */
  CreditedTouches ofStage(String stage) {
    Column inStage = col("stage").equalTo(stage);
    return new CreditedTouches(models, perTouch.filter(inStage), influencedByStage.filter(inStage));
  }

  /**
   * Per model, dimension, value and currency with at least one: the distinct opportunities with a
   * credited touch (or, unattributed, a credit row) of the value, in {@value
   * ReportColumns#INFLUENCED_OPPORTUNITIES}.
   */
  Dataset<Row> influencedOpportunities() {
    return influencedByStage
        .groupBy(col(MODEL), col(DIMENSION), col(VALUE), col(CURRENCY))
        .agg(sum(col(INFLUENCED_OPPORTUNITIES)).as(INFLUENCED_OPPORTUNITIES));
  }

  /** {@link #influencedOpportunities()} per stage of the opportunities, with a stage column. */
  private static Dataset<Row> influencedByStage(List<String> models, Dataset<Row> perTouch) {
    // Rows of one opportunity in one partition: its values are then deduplicated without another
    // exchange. The stage is the opportunity's: a key that splits no opportunity's rows.
    RelationalGroupedDataset grouped =
        Dimension.explodeValues(perTouch.repartition(col("opportunity_id")))
            .groupBy(
                col("opportunity_id"), col("stage"), col(CURRENCY), col(DIMENSION), col(VALUE));
    Dataset<Row> values = aggregate(grouped, ModelMasks.orOfMasks(models));
    return perModel(
        models,
        values,
        INFLUENCED_OPPORTUNITIES,
        col("stage"),
        col(DIMENSION),
        col(VALUE),
        col(CURRENCY));
  }

  /**
   * Per model, dimension, value and currency with at least one: the distinct credited touches of
   * the value, in {@value ReportColumns#TOUCHES}. A touch credited on two opportunities of its
   * account is one touch.
   */
  Dataset<Row> touches() {
    // The unattributed rows (no touch) are dropped only after the counts: a filter on touch_id
    // would reach below the reduction of the credits when it is not stored.
    Dataset<Row> distinctTouches =
        aggregate(perTouch.groupBy(touchKey()), ModelMasks.orOfMasks(models));
    Dataset<Row> perCombination =
        perModel(
            models,
            distinctTouches,
            TOUCHES,
            col(CURRENCY),
            col("channel"),
            col("campaign_id"),
            col("touch_type"),
            col("team"));
    return Dimension.explodeValues(perCombination)
        .filter(col(VALUE).notEqual(ReportColumns.UNATTRIBUTED))
        .groupBy(col(MODEL), col(DIMENSION), col(VALUE), col(CURRENCY))
        .agg(sum(col(TOUCHES)).as(TOUCHES));
  }

  /**
   * Per model, dimension, value and currency with at least one credited touch of a won opportunity:
   * the median of its days to close (from the touch to the close), in {@value
   * ReportColumns#MEDIAN_DAYS_TO_CLOSE}. A touch counts once per opportunity and model.
   */
  Dataset<Row> medianDaysToClose() {
    Column[] kept =
        Stream.concat(
                Stream.concat(Stream.of(TOUCH_VALUES), Stream.of(ModelMasks.names(models))),
                Stream.of(DAYS_TO_CLOSE))
            .map(c -> col(c))
            .toArray(Column[]::new);
    // The days are the same under every model that credits the touch: the median's histogram
    // counts the reduced rows before repeating them per model and dimension.
    return ExactMedian.of(
        perTouch.select(kept),
        DAYS_TO_CLOSE,
        MEDIAN_DAYS_TO_CLOSE,
        rows -> Dimension.explodeValues(perCreditingModel(rows)),
        MODEL,
        DIMENSION,
        VALUE,
        CURRENCY);
  }

  /**
   * One row per opportunity and credited touch (a null touch for an unattributed opportunity): the
   * opportunity's stage, the touch's currency and dimension values, the masks of the models that
   * credit it and its days to close (null unless the opportunity was won).
   */
  private static Dataset<Row> perOpportunityAndTouch(Dataset<Row> credits, List<String> models) {
    // The touch's values are the same on every row of an opportunity and touch (an opportunity has
    // one stage and currency, a touch one channel, campaign, type and team): keys, not aggregates,
    // so that the aggregation stays a hash aggregation (a max of strings would sort every credit
    // row).
    Column[] keys =
        Stream.concat(Stream.of(col("opportunity_id"), col("stage")), Stream.of(touchKey()))
            .toArray(Column[]::new);
    int masks = ModelMasks.count(models);
    Column[] aggregates = new Column[masks + 1];
    for (int mask = 0; mask < masks; mask++) {
      aggregates[mask] =
          bit_or(ModelMasks.bits(models, mask, i -> col(MODEL).equalTo(models.get(i))))
              .as(ModelMasks.name(mask));
    }
    // The same on every row of an opportunity and touch. An aggregate, not a key: the median's
    // filter on a key would be pushed below the reduction when it is not stored.
    aggregates[masks] = max(col(DAYS_TO_CLOSE)).as(DAYS_TO_CLOSE);
    return aggregate(credits.groupBy(keys), aggregates);
  }

  private static Dataset<Row> perJourneyRow(ScoredJourneys scored, ReportingCurrency currency) {
    List<String> models = scored.models();
    Column noString = lit(null).cast("string");
    List<Column> touch =
        new ArrayList<>(
            List.of(
                col("touch_id").as("touch_id"),
                col("channel").as("channel"),
                col("campaign_id").as("campaign_id"),
                col("touch_type").as("touch_type"),
                col("team").as("team")));
    List<Column> unattributed =
        new ArrayList<>(
            List.of(
                noString.as("touch_id"),
                lit(Credits.UNATTRIBUTED).as("channel"),
                noString.as("campaign_id"),
                noString.as("touch_type"),
                noString.as("team")));
    Column anyModel = lit(false);
    for (int mask = 0; mask < ModelMasks.count(models); mask++) {
      String name = ModelMasks.name(mask);
      touch.add(ModelMasks.bits(models, mask, scored::creditsTouch).as(name));
      unattributed.add(ModelMasks.bits(models, mask, scored::creditsUnattributed).as(name));
      anyModel = anyModel.or(col(ROW_CELL + "." + name).notEqual(0));
    }
    touch.add(ScoredJourneys.daysToClose().as(DAYS_TO_CLOSE));
    unattributed.add(lit(null).cast("double").as(DAYS_TO_CLOSE));
    return scored
        .rows()
        .select(
            col("opportunity_id"),
            col("stage"),
            currency.currency(col(CURRENCY)).as(CURRENCY),
            explode(
                    array(
                        struct(touch.toArray(Column[]::new)),
                        struct(unattributed.toArray(Column[]::new))))
                .as(ROW_CELL))
        .filter(anyModel)
        .select(col("opportunity_id"), col("stage"), col(CURRENCY), col(ROW_CELL + ".*"));
  }

  /**
   * The rows repeated once per model whose bit their masks hold, with the model in {@code model}.
   */
  private Dataset<Row> perCreditingModel(Dataset<Row> rows) {
    Column[] creditingModels = new Column[models.size()];
    for (int i = 0; i < models.size(); i++) {
      creditingModels[i] = when(ModelMasks.credited(i), lit(models.get(i)));
    }
    return rows.withColumn(MODEL, explode(array(creditingModels))).filter(col(MODEL).isNotNull());
  }

  /**
   * Per {@code keys}, the number of rows whose masks include each model, unpivoted to one row per
   * model with a count above 0 in {@code as}.
   */
  private static Dataset<Row> perModel(
      List<String> models, Dataset<Row> rows, String as, Column... keys) {
    List<Column> counts = new ArrayList<>();
    List<Column> cells = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      counts.add(sum(when(ModelMasks.credited(i), 1L).otherwise(0L)).as(COUNT_PREFIX + i));
      cells.add(struct(lit(models.get(i)).as(MODEL), col(COUNT_PREFIX + i).as(as)));
    }
    Column[] kept =
        Stream.concat(
                Stream.of(keys),
                Stream.of(col(CELL + "." + MODEL).as(MODEL), col(CELL + "." + as).as(as)))
            .toArray(Column[]::new);
    return aggregate(rows.groupBy(keys), counts.toArray(Column[]::new))
        .withColumn(CELL, explode(array(cells.toArray(Column[]::new))))
        .select(kept)
        .filter(col(as).gt(0));
  }

  /** {@code grouped} with every aggregate of {@code aggregates} (at least one). */
  private static Dataset<Row> aggregate(RelationalGroupedDataset grouped, Column[] aggregates) {
    return grouped.agg(aggregates[0], Arrays.copyOfRange(aggregates, 1, aggregates.length));
  }

  private static Column[] touchKey() {
    return Stream.concat(Stream.of(col("touch_id")), Stream.of(TOUCH_VALUES).map(c -> col(c)))
        .toArray(Column[]::new);
  }
}
