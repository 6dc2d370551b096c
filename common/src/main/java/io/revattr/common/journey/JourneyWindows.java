package io.revattr.common.journey;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The windows over a journey, all partitioned by opportunity and ordered (where ordered) the same
 * way. Every model and milestone uses these and only these, so that Spark plans one exchange and
 * one sort for all of them.
 */
public final class JourneyWindows {
  private JourneyWindows() {}

  /**
   * Partition by opportunity, ordered by occurred_at then touch_id: for row_number, lag, lead.
   *
   * @note With an ordering the default frame grows row by row, so sum or count over this window are
   *     running totals; use {@link #wholeJourney()} for journey totals.
   */
  public static WindowSpec journeyOrder() {
    return Window.partitionBy(col("opportunity_id")).orderBy(col("occurred_at"), col("touch_id"));
  }

  /**
   * {@link #journeyOrder()} with the whole journey as every row's frame: journey totals that share
   * one Window operator (and its pass over the rows) with row_number over {@link #journeyOrder()}.
   */
  public static WindowSpec wholeJourneyInOrder() {
    return journeyOrder().rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
  }

  /** Partition by opportunity only: count, sum, min and max over the whole journey. */
  public static WindowSpec wholeJourney() {
    return Window.partitionBy(col("opportunity_id"));
  }
}
