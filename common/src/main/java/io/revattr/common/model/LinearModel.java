package io.revattr.common.model;

import static io.revattr.common.journey.JourneyColumns.JOURNEY_LENGTH;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;

/** Linear: 1/n to each of the n journey touches. */
public final class LinearModel implements AttributionModel {
  /** The model's name. */
  public static final String NAME = "linear";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Column credit() {
    return lit(1.0).divide(col(JOURNEY_LENGTH));
  }
}
