package io.revattr.common.model;

import static io.revattr.common.journey.JourneyColumns.LAST_TOUCH_AT;
import static io.revattr.common.journey.JourneyWindows.wholeJourney;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_micros;

import java.time.Duration;
import org.apache.spark.sql.Column;

/**
 * Time decay: weight {@code 2^(-(end - occurred_at) / half_life)}, normalised per journey.
 *
 * <p>The weights are computed from the journey's last touch instead of its end: both differ by the
 * same factor {@code 2^(-(end - last touch) / half_life)} for every touch of the journey, which the
 * normalisation cancels, and measuring from the last touch keeps its weight at 1 so that the sum
 * never underflows to zero however long ago the journey ended.
 */
public final class TimeDecayModel implements AttributionModel {
  /** The model's name. */
  public static final String NAME = "time_decay";

  private final double halfLifeMicros;

  /** A time-decay model with the given half-life. */
  public TimeDecayModel(Duration halfLife) {
    this.halfLifeMicros = halfLife.toNanos() / 1_000.0;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Column credit() {
    Column ageMicros = unix_micros(col(LAST_TOUCH_AT)).minus(unix_micros(col("occurred_at")));
    Column weight = pow(lit(2.0), ageMicros.divide(halfLifeMicros).unary_$minus());
    return weight.divide(sum(weight).over(wholeJourney()));
  }
}
