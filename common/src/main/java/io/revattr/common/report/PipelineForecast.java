package io.revattr.common.report;

import static io.revattr.common.report.ReportColumns.ATTRIBUTED_OPPORTUNITIES;
import static io.revattr.common.report.ReportColumns.ATTRIBUTED_PIPELINE;
import static io.revattr.common.report.ReportColumns.CURRENCY;
import static io.revattr.common.report.ReportColumns.DIMENSION;
import static io.revattr.common.report.ReportColumns.MODEL;
import static io.revattr.common.report.ReportColumns.VALUE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.revattr.common.schema.Stages;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code pipeline_forecast}: the revenue the open pipeline is expected to bring, attributed per
 * model like revenue.
 *
 * <p>Method: the historical win rate is {@code won / (won + lost)}, counted over every closed
 * opportunity of the run (each opportunity counts once, whatever its amount). Each open
 * opportunity's expected revenue is its amount x that rate, and it is split over its touches by
 * each model's credit: {@code expected_revenue = open_pipeline x win_rate}. After the stage mapping
 * an opportunity is only open, won or lost, so there is one overall rate; were stages richer, the
 * rate would be taken per stage. No closed opportunity: the rate and the expectation are null.
 */
public final class PipelineForecast {
  public static final String OPEN_OPPORTUNITIES = "open_opportunities";
  public static final String ATTRIBUTED_OPEN_OPPORTUNITIES = "attributed_open_opportunities";
  public static final String OPEN_PIPELINE = "open_pipeline";
  public static final String WON_OPPORTUNITIES = "historical_won_opportunities";
  public static final String CLOSED_OPPORTUNITIES = "historical_closed_opportunities";
  public static final String WIN_RATE = "win_rate";
  public static final String EXPECTED_REVENUE = "expected_revenue";

  private PipelineForecast() {}

  /**
   * The historical win rate: one row with historical_won_opportunities,
   * historical_closed_opportunities and win_rate (null when nothing closed).
   *
   * @param opportunities {@link ReportFacts#opportunities}
   */
  public static Dataset<Row> winRate(Dataset<Row> opportunities) {
    return opportunities
        .agg(
            sum(when(col("stage").equalTo(Stages.WON), 1L).otherwise(0L)).as(WON_OPPORTUNITIES),
            sum(when(Stages.isClosed(col("stage")), 1L).otherwise(0L)).as(CLOSED_OPPORTUNITIES))
        .na()
        .fill(0L)
        .withColumn(
            WIN_RATE,
            when(
                col(CLOSED_OPPORTUNITIES).gt(0),
                col(WON_OPPORTUNITIES).divide(col(CLOSED_OPPORTUNITIES))));
  }

  /**
   * Per model, dimension, value and currency with open pipeline credit: open_opportunities
   * (distinct open opportunities with a credited touch of the value), attributed_open_opportunities
   * (sum of credit), open_pipeline (sum of pipeline_credit of open opportunities), the win rate's
   * inputs and value, and expected_revenue.
   *
   * @param credits rows of {@code attribution_credits}
   * @param opportunities {@link ReportFacts#opportunities}
   * @param models the run's models
   * @param currency the reporting currency
   */
  public static Dataset<Row> of(
      Dataset<Row> credits,
      Dataset<Row> opportunities,
      List<String> models,
      ReportingCurrency currency) {
    return of(
        CreditReductions.of(credits, models, currency, UnaryOperator.identity()), opportunities);
  }

  /**
   * The forecast as {@link #of(Dataset, Dataset, List, ReportingCurrency)} builds it, from the open
   * part of the reductions the summary reads.
   *
   * @param reductions the credits' reductions
   * @param opportunities {@link ReportFacts#opportunities}
   */
  public static Dataset<Row> of(CreditReductions reductions, Dataset<Row> opportunities) {
    CreditReductions open = reductions.open();
    Dataset<Row> sums =
        CreditCombinations.sums(open.combinations(), ATTRIBUTED_OPPORTUNITIES, ATTRIBUTED_PIPELINE)
            .withColumnRenamed(ATTRIBUTED_OPPORTUNITIES, ATTRIBUTED_OPEN_OPPORTUNITIES)
            .withColumnRenamed(ATTRIBUTED_PIPELINE, OPEN_PIPELINE);
    Dataset<Row> opportunityCounts =
        open.credited()
            .influencedOpportunities()
            .withColumnRenamed(ReportColumns.INFLUENCED_OPPORTUNITIES, OPEN_OPPORTUNITIES);
    return AttributionSummary.leftJoin(sums, opportunityCounts, MODEL, DIMENSION, VALUE, CURRENCY)
        .select(
            col(MODEL),
            col(DIMENSION),
            col(VALUE),
            col(CURRENCY),
            col(OPEN_OPPORTUNITIES),
            col(ATTRIBUTED_OPEN_OPPORTUNITIES),
            col(OPEN_PIPELINE))
        .crossJoin(winRate(opportunities))
        .withColumn(EXPECTED_REVENUE, col(OPEN_PIPELINE).multiply(col(WIN_RATE)));
  }
}
