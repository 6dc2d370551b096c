package io.revattr.common.report;

import static io.revattr.common.journey.JourneyColumns.AMOUNT;
import static io.revattr.common.journey.JourneyColumns.CURRENCY;
import static io.revattr.common.journey.JourneyColumns.IS_FIRST_TOUCH;
import static io.revattr.common.journey.JourneyColumns.IS_LEAD_CREATION;
import static io.revattr.common.journey.JourneyColumns.JOURNEY_END;
import static io.revattr.common.journey.JourneyColumns.JOURNEY_LENGTH;
import static io.revattr.common.journey.JourneyColumns.OPPORTUNITY_ACCOUNT_ID;
import static io.revattr.common.journey.JourneyColumns.OPPORTUNITY_CLOSED_AT;
import static io.revattr.common.journey.JourneyColumns.OPPORTUNITY_CREATED_AT;
import static io.revattr.common.journey.JourneyColumns.STAGE;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.revattr.common.journey.Durations;
import io.revattr.common.schema.Stages;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Time to convert: {@code opportunity_velocity} (one row per opportunity) and {@code
 * velocity_by_channel} (per channel of the first touch and stage).
 */
public final class OpportunityVelocity {
  public static final String DAYS_FROM_FIRST_TOUCH = "days_from_first_touch";
  public static final String DAYS_FROM_LEAD_CREATION = "days_from_lead_creation";
  public static final String DAYS_FROM_OPPORTUNITY_CREATION = "days_from_opportunity_creation";
  public static final String FIRST_TOUCH_CHANNEL = "first_touch_channel";

  /** The first_touch_channel of an opportunity whose journey has no touch. */
  public static final String NO_TOUCH = "(no touch)";

  private OpportunityVelocity() {}

  /**
   * One row per opportunity: opportunity_id, account_id, stage, is_closed, amount and currency (in
   * the reporting currency), opportunity_created_at, closed_at, end_at (closed_at when closed, the
   * end of the as-of day when open), first_touch_at, first_touch_channel, first_touch_team,
   * lead_creation_at (the journey's LC touch), journey_length, and the days from the first touch,
   * the lead creation touch and the opportunity's creation to end_at (null when the journey has no
   * such touch; negative for a deal recorded as closed before it was created).
   *
   * @param journeys the output of {@link io.revattr.common.journey.Journeys#build}
   */
  public static Dataset<Row> perOpportunity(Dataset<Row> journeys, ReportingCurrency currency) {
    // Per opportunity: the columns of its first row (the first touch's, which carries the
    // opportunity's own and the journey length) and the time of its lead-creation touch (at most
    // one per journey). No aggregation: the rows are picked, not grouped.
    Dataset<Row> leadCreation =
        journeys
            .filter(col(IS_LEAD_CREATION))
            .select(
                col("opportunity_id").as("_lc_opportunity_id"),
                col("occurred_at").as("lead_creation_at"));
    Dataset<Row> heads = ReportFacts.journeyHeads(journeys);
    Dataset<Row> grouped =
        heads
            .join(
                leadCreation,
                heads.col("opportunity_id").equalTo(leadCreation.col("_lc_opportunity_id")),
                "left_outer")
            .select(
                col("opportunity_id"),
                col(OPPORTUNITY_ACCOUNT_ID).as("account_id"),
                col(STAGE),
                col(AMOUNT).as("_amount"),
                col(CURRENCY).as("_currency"),
                col(OPPORTUNITY_CREATED_AT),
                col(OPPORTUNITY_CLOSED_AT).as("closed_at"),
                col(JOURNEY_END).as("end_at"),
                when(col(IS_FIRST_TOUCH), col("occurred_at")).as("first_touch_at"),
                when(col(IS_FIRST_TOUCH), col("channel")).as(FIRST_TOUCH_CHANNEL),
                when(col(IS_FIRST_TOUCH), col("team")).as("first_touch_team"),
                col("lead_creation_at"),
                col(JOURNEY_LENGTH).as("journey_length"));
    Column end = col("end_at");
    return grouped.select(
        col("opportunity_id"),
        col("account_id"),
        col(STAGE),
        Stages.isClosed(col(STAGE)).as("is_closed"),
        currency.amount(col("_amount"), col("_currency")).as("amount"),
        currency.currency(col("_currency")).as("currency"),
        col(OPPORTUNITY_CREATED_AT),
        col("closed_at"),
        end,
        col("first_touch_at"),
        col(FIRST_TOUCH_CHANNEL),
        col("first_touch_team"),
        col("lead_creation_at"),
        col("journey_length"),
        Durations.days(col("first_touch_at"), end).as(DAYS_FROM_FIRST_TOUCH),
        Durations.days(col("lead_creation_at"), end).as(DAYS_FROM_LEAD_CREATION),
        Durations.days(col(OPPORTUNITY_CREATED_AT), end).as(DAYS_FROM_OPPORTUNITY_CREATION));
  }

  /**
   * {@code velocity_by_channel}: per first_touch_channel ({@value #NO_TOUCH} for empty journeys),
   * stage and currency: opportunities, amount, and the mean and median of the three day counts.
   *
   * @param perOpportunity the output of {@link #perOpportunity}
   */
  public static Dataset<Row> byFirstTouchChannel(Dataset<Row> perOpportunity) {
    return perOpportunity
        .groupBy(
            coalesce(col(FIRST_TOUCH_CHANNEL), lit(NO_TOUCH)).as(FIRST_TOUCH_CHANNEL),
            col(STAGE),
            col("currency"))
        .agg(
            count(lit(1)).as("opportunities"),
            sum(col("amount")).as("amount"),
            avg(col(DAYS_FROM_FIRST_TOUCH)).as("mean_" + DAYS_FROM_FIRST_TOUCH),
            median(col(DAYS_FROM_FIRST_TOUCH)).as("median_" + DAYS_FROM_FIRST_TOUCH),
            avg(col(DAYS_FROM_LEAD_CREATION)).as("mean_" + DAYS_FROM_LEAD_CREATION),
            median(col(DAYS_FROM_LEAD_CREATION)).as("median_" + DAYS_FROM_LEAD_CREATION),
            avg(col(DAYS_FROM_OPPORTUNITY_CREATION)).as("mean_" + DAYS_FROM_OPPORTUNITY_CREATION),
            median(col(DAYS_FROM_OPPORTUNITY_CREATION))
                .as("median_" + DAYS_FROM_OPPORTUNITY_CREATION));
  }
}
