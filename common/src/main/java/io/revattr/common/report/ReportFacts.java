package io.revattr.common.report;

import static io.revattr.common.journey.JourneyColumns.AMOUNT;
import static io.revattr.common.journey.JourneyColumns.CURRENCY;
import static io.revattr.common.journey.JourneyColumns.JOURNEY_END;
import static io.revattr.common.journey.JourneyColumns.OPPORTUNITY_ACCOUNT_ID;
import static io.revattr.common.journey.JourneyColumns.OPPORTUNITY_CLOSED_AT;
import static io.revattr.common.journey.JourneyColumns.OPPORTUNITY_CREATED_AT;
import static io.revattr.common.journey.JourneyColumns.POSITION;
import static io.revattr.common.journey.JourneyColumns.STAGE;
import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The shared inputs of the analyst tables, derived from the journeys and the credits. */
public final class ReportFacts {
  private ReportFacts() {}

  /**
   * One row per opportunity of the journeys: opportunity_id, account_id, stage, amount, currency,
   * opportunity_created_at, opportunity_closed_at, journey_end (close, or the end of the as-of day
   * for open ones).
   */
  public static Dataset<Row> opportunities(Dataset<Row> journeys) {
    return journeyHeads(journeys)
        .select(
            col("opportunity_id"),
            col(OPPORTUNITY_ACCOUNT_ID).as("account_id"),
            col(STAGE),
            col(AMOUNT),
            col(CURRENCY),
            col(OPPORTUNITY_CREATED_AT),
            col(OPPORTUNITY_CLOSED_AT),
            col(JOURNEY_END));
  }

  /**
   * The one row of each opportunity in the journeys: its first touch (position 1), or the
   * null-touch row of an empty journey. A filter, not an aggregation: grouping the journeys by
   * opportunity to pick columns that are the same on every row costs a sort-based aggregation of
   * every row.
   */
  static Dataset<Row> journeyHeads(Dataset<Row> journeys) {
    return journeys.filter(col(POSITION).equalTo(1).or(col("touch_id").isNull()));
  }
}
