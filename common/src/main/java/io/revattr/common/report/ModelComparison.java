package io.revattr.common.report;

import static io.revattr.common.report.ReportColumns.ATTRIBUTED_REVENUE;
import static io.revattr.common.report.ReportColumns.CURRENCY;
import static io.revattr.common.report.ReportColumns.DIMENSION;
import static io.revattr.common.report.ReportColumns.MODEL;
import static io.revattr.common.report.ReportColumns.REVENUE_RANK;
import static io.revattr.common.report.ReportColumns.VALUE;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code model_comparison}: one row per dimension, value and currency, with every model's revenue
 * and rank side by side and how far the models disagree.
 */
public final class ModelComparison {
  public static final String MIN_REVENUE = "min_revenue";
  public static final String MAX_REVENUE = "max_revenue";
  public static final String REVENUE_SPREAD = "revenue_spread";
  public static final String RELATIVE_SPREAD = "relative_spread";
  public static final String BEST_RANK = "best_rank";
  public static final String WORST_RANK = "worst_rank";
  public static final String RANK_SPREAD = "rank_spread";
  public static final String MIN_REVENUE_MODELS = "min_revenue_models";
  public static final String MAX_REVENUE_MODELS = "max_revenue_models";

  /** The columns of every row, beside each model's revenue and rank. */
  public static final List<String> AGGREGATES =
      List.of(
          MIN_REVENUE,
          MAX_REVENUE,
          REVENUE_SPREAD,
          RELATIVE_SPREAD,
          BEST_RANK,
          WORST_RANK,
          RANK_SPREAD,
          MIN_REVENUE_MODELS,
          MAX_REVENUE_MODELS);

  private ModelComparison() {}

  /**
   * Whether a model of this name would have a revenue or rank column of the same name as one of
   * {@link #AGGREGATES} ({@code spread}: {@code revenue_spread}).
   */
  public static boolean clashesWithAggregates(String model) {
    return AGGREGATES.contains(revenueColumn(model)) || AGGREGATES.contains(rankColumn(model));
  }

  /** The revenue column of a model: {@code revenue_<model>}. */
  public static String revenueColumn(String model) {
    return "revenue_" + model;
  }

  /** The rank column of a model: {@code rank_<model>}. */
  public static String rankColumn(String model) {
    return "rank_" + model;
  }

  /**
   * Pivots the summary over the models known from the configuration (explicit values, so the schema
   * does not depend on the data): {@code revenue_<model>} and {@code rank_<model>} per model, in
   * the given order, then min_revenue, max_revenue, revenue_spread (max - min, both to 1e-4 as
   * ranks compare them), relative_spread (spread / max; null when max is 0), best_rank, worst_rank,
   * rank_spread (worst - best), and min_revenue_models and max_revenue_models: the models whose
   * revenue is the min (the max), in the given order, several when they tie (last, so that a table
   * written before them gains them at its end, as Delta adds columns).
   *
   * @param summary the output of {@link AttributionSummary#of}
   * @param models the run's models; at least one
   */
  public static Dataset<Row> of(Dataset<Row> summary, List<String> models) {
    List<Column> aggregates = new ArrayList<>();
    for (String m : models) {
      aggregates.add(
          max(when(col(MODEL).equalTo(m), col(ATTRIBUTED_REVENUE))).as(revenueColumn(m)));
    }
    for (String m : models) {
      aggregates.add(max(when(col(MODEL).equalTo(m), col(REVENUE_RANK))).as(rankColumn(m)));
    }
    Dataset<Row> pivoted =
        summary
            .groupBy(col(DIMENSION), col(VALUE), col(CURRENCY))
            .agg(
                aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
    Column[] revenues = models.stream().map(m -> col(revenueColumn(m))).toArray(Column[]::new);
    Column[] ranks = models.stream().map(m -> col(rankColumn(m))).toArray(Column[]::new);
    Column minRevenue = models.size() == 1 ? revenues[0] : least(revenues);
    Column maxRevenue = models.size() == 1 ? revenues[0] : greatest(revenues);
    Column bestRank = models.size() == 1 ? ranks[0] : least(ranks);
    Column worstRank = models.size() == 1 ? ranks[0] : greatest(ranks);
    return pivoted
        .withColumn(MIN_REVENUE, minRevenue)
        .withColumn(MAX_REVENUE, maxRevenue)
        // As ranks compare amounts: a tie that differs in its last bits has no spread, so that
        // `revenue_spread > 0` finds exactly the values whose min and max models differ.
        .withColumn(
            REVENUE_SPREAD,
            AttributionSummary.rankable(col(MAX_REVENUE))
                .minus(AttributionSummary.rankable(col(MIN_REVENUE))))
        .withColumn(
            RELATIVE_SPREAD,
            when(col(MAX_REVENUE).gt(0), col(REVENUE_SPREAD).divide(col(MAX_REVENUE))))
        .withColumn(BEST_RANK, bestRank)
        .withColumn(WORST_RANK, worstRank)
        .withColumn(RANK_SPREAD, col(WORST_RANK).minus(col(BEST_RANK)))
        .withColumn(MIN_REVENUE_MODELS, modelsWithRevenue(models, col(MIN_REVENUE)))
        .withColumn(MAX_REVENUE_MODELS, modelsWithRevenue(models, col(MAX_REVENUE)));
  }

  /**
   * The names of the models whose revenue column equals {@code revenue} as ranks compare amounts
   * (sums equal but for floating-point rounding tie), in the given order.
   */
  private static Column modelsWithRevenue(List<String> models, Column revenue) {
    Column byModel =
        array(
            models.stream()
                .map(m -> struct(lit(m).as(MODEL), col(revenueColumn(m)).as(ATTRIBUTED_REVENUE)))
                .toArray(Column[]::new));
    return transform(
        filter(
            byModel,
            e ->
                AttributionSummary.rankable(e.getField(ATTRIBUTED_REVENUE))
                    .equalTo(AttributionSummary.rankable(revenue))),
        e -> e.getField(MODEL));
  }
}
