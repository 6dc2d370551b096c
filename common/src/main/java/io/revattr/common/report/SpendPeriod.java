package io.revattr.common.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Spend per channel and per campaign over the reporting period.
 *
 * <p>The period is the months from that of the earliest credited touch up to the as-of month,
 * inclusive: the months in which the journeys being credited happened. Spend rows of other months
 * are left out. Spend has no currency: it is taken to be in the reporting currency, or, without a
 * reporting currency, in the one currency of the credits; when the credits are in several
 * currencies and no reporting currency is set, spend cannot be compared with revenue and no spend
 * row is produced (the summary's spend, ROAS and cost per won opportunity are then null).
 */
final class SpendPeriod {
  private SpendPeriod() {}

  /**
   * One row per (dimension, value, currency) with spend: dimension {@code channel} (every spend
   * row) or {@code campaign} (spend rows with a campaign_id), the summed {@code spend}, and the
   * period's {@code spend_period_start} and {@code spend_period_end} ('YYYY-MM').
   *
   * @param spend validated spend rows: channel, campaign_id, month ('YYYY-MM'), amount
   * @param credits rows with occurred_at and currency in the reporting currency (credits, or their
   *     {@link CreditCombinations} with the earliest occurred_at of each)
   * @param asOf the run's as-of date
   */
  static Dataset<Row> byValue(Dataset<Row> spend, Dataset<Row> credits, LocalDate asOf) {
    String end = asOf.toString().substring(0, 7);
    Dataset<Row> period =
        credits
            .agg(
                date_format(min(col("occurred_at")), "yyyy-MM")
                    .as(ReportColumns.SPEND_PERIOD_START),
                count_distinct(col(ReportColumns.CURRENCY)).as("_currencies"),
                first(col(ReportColumns.CURRENCY), true).as(ReportColumns.CURRENCY))
            .withColumn(ReportColumns.SPEND_PERIOD_END, lit(end))
            // One currency (or none named at all): spend is comparable with revenue.
            .filter(
                col("_currencies").leq(1).and(col(ReportColumns.SPEND_PERIOD_START).isNotNull()))
            .drop("_currencies");
    Dataset<Row> inPeriod =
        spend
            .crossJoin(period)
            .filter(
                col("month")
                    .geq(col(ReportColumns.SPEND_PERIOD_START))
                    .and(col("month").leq(col(ReportColumns.SPEND_PERIOD_END))));
    Dataset<Row> byChannel =
        inPeriod
            .groupBy(
                lit(Dimension.CHANNEL.label()).as(ReportColumns.DIMENSION),
                col("channel").as(ReportColumns.VALUE),
                col(ReportColumns.CURRENCY),
                col(ReportColumns.SPEND_PERIOD_START),
                col(ReportColumns.SPEND_PERIOD_END))
            .agg(sum(col("amount")).as(ReportColumns.SPEND));
    Dataset<Row> byCampaign =
        inPeriod
            .filter(col("campaign_id").isNotNull())
            .groupBy(
                lit(Dimension.CAMPAIGN.label()).as(ReportColumns.DIMENSION),
                col("campaign_id").as(ReportColumns.VALUE),
                col(ReportColumns.CURRENCY),
                col(ReportColumns.SPEND_PERIOD_START),
                col(ReportColumns.SPEND_PERIOD_END))
            .agg(sum(col("amount")).as(ReportColumns.SPEND));
    return byChannel.unionByName(byCampaign);
  }

  /**
   * The period per currency eligible for spend, with a flag saying spend data exists for the
   * dimension, so that a value without spend gets 0 rather than null.
   */
  static Dataset<Row> coverage(Dataset<Row> spendByValue) {
    return spendByValue
        .select(
            col(ReportColumns.DIMENSION),
            col(ReportColumns.CURRENCY),
            col(ReportColumns.SPEND_PERIOD_START),
            col(ReportColumns.SPEND_PERIOD_END))
        .distinct();
  }
}
