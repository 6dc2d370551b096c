package io.revattr.common.journey;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The {@code journey_touches} output: the ordered journeys with their milestones. */
public final class JourneyTouches {
  private JourneyTouches() {}

  /**
   * One row per opportunity and journey touch (opportunities with an empty journey have none): the
   * opportunity, the touch, its position, the journey length, the five milestone flags, the person,
   * and the opportunity's stage and amount.
   */
  public static Dataset<Row> of(Dataset<Row> journeys) {
    return journeys
        .filter(col("touch_id").isNotNull())
        .select(
            col("opportunity_id"),
            col(JourneyColumns.OPPORTUNITY_ACCOUNT_ID).as("account_id"),
            col("touch_id"),
            col("occurred_at"),
            col(JourneyColumns.POSITION),
            col(JourneyColumns.JOURNEY_LENGTH),
            col(JourneyColumns.IS_FIRST_TOUCH),
            col(JourneyColumns.IS_LEAD_CREATION),
            col(JourneyColumns.IS_OPPORTUNITY_CREATION),
            col(JourneyColumns.IS_OPPORTUNITY_CLOSE),
            col(JourneyColumns.IS_LAST_TOUCH),
            col(JourneyColumns.PERSON_ID),
            col("channel"),
            col("campaign_id"),
            col("touch_type"),
            col("team"),
            col("content"),
            col(JourneyColumns.STAGE),
            col(JourneyColumns.AMOUNT),
            col(JourneyColumns.CURRENCY),
            col(JourneyColumns.OPPORTUNITY_CREATED_AT),
            col(JourneyColumns.OPPORTUNITY_CLOSED_AT),
            col(JourneyColumns.JOURNEY_END));
  }
}
