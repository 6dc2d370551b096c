package io.revattr.common.report;

import static io.revattr.common.report.ReportColumns.ATTRIBUTED_OPPORTUNITIES;
import static io.revattr.common.report.ReportColumns.ATTRIBUTED_PIPELINE;
import static io.revattr.common.report.ReportColumns.ATTRIBUTED_REVENUE;
import static io.revattr.common.report.ReportColumns.ATTRIBUTED_WON_OPPORTUNITIES;
import static io.revattr.common.report.ReportColumns.CURRENCY;
import static io.revattr.common.report.ReportColumns.DIMENSION;
import static io.revattr.common.report.ReportColumns.MEAN_DAYS_TO_CLOSE;
import static io.revattr.common.report.ReportColumns.MODEL;
import static io.revattr.common.report.ReportColumns.VALUE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.revattr.common.model.Credits;
import io.revattr.common.schema.Stages;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The summary's aggregates, computed so that few rows are repeated once per dimension.
 *
 * <p>A credit row's four dimension values (channel, campaign, touch type, team) are attributes of
 * its touch. Sums and counts therefore add up first per model, currency and <em>combination</em> of
 * the four values (a few thousand rows, whatever the number of credits), and only those are
 * repeated per dimension. The distinct counts reduce the credits to what they count before the
 * repetition, and so does the median ({@link CreditedTouches}). Repeating every credit row four
 * times and aggregating that, as the summary first did, moved four times the credits through every
 * aggregation.
 */
final class CreditCombinations {
  private static final String DAYS_SUM = "_days_sum";
  private static final String DAYS_COUNT = "_days_count";
  private static final Column[] COMBINATION = {
    col(MODEL),
    col(CURRENCY),
    col("stage"),
    col("channel"),
    col("campaign_id"),
    col("touch_type"),
    col("team")
  };
  private static final Column[] KEYS = {col(MODEL), col(DIMENSION), col(VALUE), col(CURRENCY)};

  private CreditCombinations() {}

  /**
   * One row per model, currency, stage and combination of channel, campaign_id, touch_type and team
   * with their sums (revenue, pipeline, credit, won credit, days to close and how many rows had
   * days) and the earliest {@code occurred_at}.
   *
   * @param credits credit rows in the reporting currency
   */
  static Dataset<Row> of(Dataset<Row> credits) {
    return credits
        .groupBy(COMBINATION)
        .agg(
            sum(col("revenue_credit")).as(ATTRIBUTED_REVENUE),
            sum(col("pipeline_credit")).as(ATTRIBUTED_PIPELINE),
            sum(col("credit")).as(ATTRIBUTED_OPPORTUNITIES),
            sum(when(col("stage").equalTo(Stages.WON), col("credit")).otherwise(0.0))
                .as(ATTRIBUTED_WON_OPPORTUNITIES),
            sum(col(Credits.DAYS_TO_CLOSE)).as(DAYS_SUM),
            count(col(Credits.DAYS_TO_CLOSE)).as(DAYS_COUNT),
            min(col("occurred_at")).as("occurred_at"));
  }

  /**
   * Per model, dimension, value and currency: the four sums and the mean days to close (null when
   * no credited touch of a won opportunity has the value).
   *
   * @param combinations the output of {@link #of}
   */
  static Dataset<Row> totals(Dataset<Row> combinations) {
    Column days = col(DAYS_COUNT);
    return sums(
            combinations,
            ATTRIBUTED_REVENUE,
            ATTRIBUTED_PIPELINE,
            ATTRIBUTED_OPPORTUNITIES,
            ATTRIBUTED_WON_OPPORTUNITIES,
            DAYS_SUM,
            DAYS_COUNT)
        .withColumn(MEAN_DAYS_TO_CLOSE, when(days.gt(0), col(DAYS_SUM).divide(days)))
        .drop(DAYS_SUM, DAYS_COUNT);
  }

  /**
   * Per model, dimension, value and currency: the sum of each of {@code columns} (sums of {@link
   * #of}), under the same names.
   *
   * @param combinations the output of {@link #of}, possibly filtered
   */
  static Dataset<Row> sums(Dataset<Row> combinations, String... columns) {
    Column[] sums = Arrays.stream(columns).map(c -> sum(col(c)).as(c)).toArray(Column[]::new);
    return Dimension.explodeValues(combinations)
        .groupBy(KEYS)
        .agg(sums[0], Arrays.copyOfRange(sums, 1, sums.length));
  }
}
