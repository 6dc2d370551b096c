package io.revattr.common.journey;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_micros;

import org.apache.spark.sql.Column;

/** Durations between the journeys' timestamps, as the result tables report them. */
public final class Durations {
  private static final double MICROS_PER_DAY = 86_400_000_000.0;

  private Durations() {}

  /** Days from {@code from} to {@code to} (timestamps), as a fraction of days. */
  public static Column days(Column from, Column to) {
    return unix_micros(to).minus(unix_micros(from)).divide(lit(MICROS_PER_DAY));
  }
}
