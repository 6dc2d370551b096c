package io.revattr.common.report;

import static io.revattr.common.report.ReportColumns.ATTRIBUTED_OPPORTUNITIES;
import static io.revattr.common.report.ReportColumns.ATTRIBUTED_PIPELINE;
import static io.revattr.common.report.ReportColumns.ATTRIBUTED_REVENUE;
import static io.revattr.common.report.ReportColumns.ATTRIBUTED_WON_OPPORTUNITIES;
import static io.revattr.common.report.ReportColumns.COST_PER_WON_OPPORTUNITY;
import static io.revattr.common.report.ReportColumns.CURRENCY;
import static io.revattr.common.report.ReportColumns.DIMENSION;
import static io.revattr.common.report.ReportColumns.INFLUENCED_OPPORTUNITIES;
import static io.revattr.common.report.ReportColumns.MEAN_DAYS_TO_CLOSE;
import static io.revattr.common.report.ReportColumns.MEDIAN_DAYS_TO_CLOSE;
import static io.revattr.common.report.ReportColumns.MODEL;
import static io.revattr.common.report.ReportColumns.PIPELINE_SHARE;
import static io.revattr.common.report.ReportColumns.REVENUE_RANK;
import static io.revattr.common.report.ReportColumns.REVENUE_SHARE;
import static io.revattr.common.report.ReportColumns.ROAS;
import static io.revattr.common.report.ReportColumns.SPEND;
import static io.revattr.common.report.ReportColumns.SPEND_PERIOD_END;
import static io.revattr.common.report.ReportColumns.SPEND_PERIOD_START;
import static io.revattr.common.report.ReportColumns.TOUCHES;
import static io.revattr.common.report.ReportColumns.UNATTRIBUTED;
import static io.revattr.common.report.ReportColumns.VALUE;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * {@code attribution_summary}: per model, dimension (channel, campaign, touch_type, team), value
 * and currency, what the model credits to the value and what the value cost.
 *
 * <p>The table is dense: every value seen under any model (or in spend) has a row under every
 * model, with zeros where the model gives it nothing, so that shares, ranks and the model
 * comparison never miss a row.
 */
public final class AttributionSummary {
  private AttributionSummary() {}

  /**
   * Builds the summary.
   *
   * <ul>
   *   <li>attributed_revenue / attributed_pipeline: sums of revenue_credit (won amount x credit)
   *       and pipeline_credit (amount x credit, every stage);
   *   <li>attributed_opportunities / attributed_won_opportunities: sums of credit (all, won);
   *   <li>influenced_opportunities: distinct opportunities with a credited touch of the value;
   *   <li>touches: distinct credited touches;
   *   <li>revenue_share / pipeline_share: of the model's total in the dimension and currency (null
   *       when that total is 0); revenue_rank: rank by revenue, then pipeline (1 = most; ties share
   *       a rank);
   *   <li>spend over the period of {@link SpendPeriod} (channel and campaign only; 0 for a value
   *       without spend, null for touch_type, team and {@code (unattributed)}, and when there is no
   *       spend data or the currencies are mixed), roas = revenue / spend (null when spend is 0 or
   *       null), cost_per_won_opportunity = spend / attributed won opportunities (null when none);
   *   <li>mean_days_to_close / median_days_to_close: over the credited touches of won
   *       opportunities, days from the touch to the close (the credits' days_to_close).
   * </ul>
   *
   * @param credits rows of {@code attribution_credits}
   * @param spend validated spend (channel, campaign_id, month, amount), possibly empty
   * @param models the models of the run, in report order
   * @param asOf the run's as-of date: the end of the spend period
   * @param currency the reporting currency
   */
  public static Dataset<Row> of(
      Dataset<Row> credits,
      Dataset<Row> spend,
      List<String> models,
      LocalDate asOf,
      ReportingCurrency currency) {
    return of(credits, spend, models, asOf, currency, UnaryOperator.identity());
  }

  /**
   * Builds the summary as {@link #of(Dataset, Dataset, List, LocalDate, ReportingCurrency)} does,
   * with {@code keep} applied to the two reductions of the credits that several parts of the
   * summary read (see {@link CreditReductions#of}).
   *
   * @param keep stores a frame for the caller, or returns it as is
   */
  public static Dataset<Row> of(
      Dataset<Row> credits,
      Dataset<Row> spend,
      List<String> models,
      LocalDate asOf,
      ReportingCurrency currency,
      UnaryOperator<Dataset<Row>> keep) {
    return of(CreditReductions.of(credits, models, currency, keep), spend, asOf);
  }

  /**
   * Builds the summary from the credits' reductions.
   *
   * @param reductions the credits' reductions, the run's models among them
   * @param spend validated spend (channel, campaign_id, month, amount), possibly empty
   * @param asOf the run's as-of date: the end of the spend period
   */
  public static Dataset<Row> of(CreditReductions reductions, Dataset<Row> spend, LocalDate asOf) {
    List<String> models = reductions.models();
    Dataset<Row> combinations = reductions.combinations();
    CreditedTouches credited = reductions.credited();
    Dataset<Row> aggregated =
        leftJoin(
            leftJoin(
                leftJoin(
                    CreditCombinations.totals(combinations),
                    credited.influencedOpportunities(),
                    MODEL,
                    DIMENSION,
                    VALUE,
                    CURRENCY),
                credited.touches(),
                MODEL,
                DIMENSION,
                VALUE,
                CURRENCY),
            credited.medianDaysToClose(),
            MODEL,
            DIMENSION,
            VALUE,
            CURRENCY);

    Dataset<Row> spendByValue = SpendPeriod.byValue(spend, combinations, asOf);
    Column[] modelNames = models.stream().map(m -> lit(m)).toArray(Column[]::new);
    Dataset<Row> grid =
        Dimension.explodeValues(combinations)
            .select(col(DIMENSION), col(VALUE), col(CURRENCY))
            .unionByName(spendByValue.select(col(DIMENSION), col(VALUE), col(CURRENCY)))
            .distinct()
            .withColumn(MODEL, explode(array(modelNames)));

    Dataset<Row> dense =
        leftJoin(grid, aggregated, MODEL, DIMENSION, VALUE, CURRENCY)
            .select(
                col(MODEL),
                col(DIMENSION),
                col(VALUE),
                col(CURRENCY),
                coalesce(col(ATTRIBUTED_REVENUE), lit(0.0)).as(ATTRIBUTED_REVENUE),
                coalesce(col(ATTRIBUTED_PIPELINE), lit(0.0)).as(ATTRIBUTED_PIPELINE),
                coalesce(col(ATTRIBUTED_OPPORTUNITIES), lit(0.0)).as(ATTRIBUTED_OPPORTUNITIES),
                coalesce(col(ATTRIBUTED_WON_OPPORTUNITIES), lit(0.0))
                    .as(ATTRIBUTED_WON_OPPORTUNITIES),
                coalesce(col(INFLUENCED_OPPORTUNITIES), lit(0L)).as(INFLUENCED_OPPORTUNITIES),
                coalesce(col(TOUCHES), lit(0L)).as(TOUCHES),
                col(MEAN_DAYS_TO_CLOSE),
                col(MEDIAN_DAYS_TO_CLOSE));
    Dataset<Row> withSpend =
        leftJoin(
            leftJoin(dense, SpendPeriod.coverage(spendByValue), DIMENSION, CURRENCY),
            spendByValue.select(DIMENSION, VALUE, CURRENCY, SPEND),
            DIMENSION,
            VALUE,
            CURRENCY);
    // A value without a spend row gets 0 when spend is known for its dimension and currency;
    // credit that no touch earned has no spend.
    withSpend =
        withSpend.withColumn(
            SPEND,
            when(
                col(SPEND_PERIOD_START).isNotNull().and(col(VALUE).notEqual(UNATTRIBUTED)),
                coalesce(col(SPEND), lit(0.0))));

    WindowSpec modelTotal = Window.partitionBy(col(MODEL), col(DIMENSION), col(CURRENCY));
    Column revenue = col(ATTRIBUTED_REVENUE);
    Column pipeline = col(ATTRIBUTED_PIPELINE);
    Column spent = col(SPEND);
    Column wonOpportunities = col(ATTRIBUTED_WON_OPPORTUNITIES);
    return withSpend.select(
        col(MODEL),
        col(DIMENSION),
        col(VALUE),
        col(CURRENCY),
        revenue,
        pipeline,
        col(ATTRIBUTED_OPPORTUNITIES),
        wonOpportunities,
        col(INFLUENCED_OPPORTUNITIES),
        col(TOUCHES),
        share(revenue, modelTotal).as(REVENUE_SHARE),
        share(pipeline, modelTotal).as(PIPELINE_SHARE),
        rank()
            .over(modelTotal.orderBy(rankable(revenue).desc(), rankable(pipeline).desc()))
            .as(REVENUE_RANK),
        spent,
        col(SPEND_PERIOD_START),
        col(SPEND_PERIOD_END),
        when(spent.gt(0), revenue.divide(spent)).as(ROAS),
        when(wonOpportunities.gt(0), spent.divide(wonOpportunities)).as(COST_PER_WON_OPPORTUNITY),
        col(MEAN_DAYS_TO_CLOSE),
        col(MEDIAN_DAYS_TO_CLOSE));
  }

  /**
   * An amount as ranks compare it: to 1e-4 of a currency unit. Sums that are equal in exact
   * arithmetic differ in their last bits with the order Spark adds them in, which changes with the
   * partitioning (between runs, and between a local run and a cluster); such a tie must share a
   * rank, or fall to the next key, the same way on every run.
   */
  static Column rankable(Column amount) {
    return round(amount, 4);
  }

  private static Column share(Column amount, WindowSpec total) {
    Column sum = sum(amount).over(total);
    return when(sum.notEqual(0), amount.divide(sum));
  }

  /**
   * Left join on the named key columns, null-safe (a null currency is a currency), keeping the left
   * side's keys and every other column of the right side.
   */
  static Dataset<Row> leftJoin(Dataset<Row> left, Dataset<Row> right, String... keys) {
    Dataset<Row> renamed = right;
    Column on = lit(true);
    for (String k : keys) {
      renamed = renamed.withColumnRenamed(k, "_right_" + k);
      on = on.and(left.col(k).eqNullSafe(renamed.col("_right_" + k)));
    }
    Dataset<Row> joined = left.join(renamed, on, "left");
    for (String k : keys) {
      joined = joined.drop("_right_" + k);
    }
    return joined;
  }
}
