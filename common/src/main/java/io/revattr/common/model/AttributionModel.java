package io.revattr.common.model;

import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * An attribution model: a name and a credit per journey touch, as a Spark {@link Column} over the
 * journey frame of {@link io.revattr.common.journey.Journeys#build} and its two windows.
 *
 * <p>Contract: over the touches of one opportunity, {@link #credit()} is {@code >= 0} and adds up
 * to exactly 1, unless {@link #isUnattributed()} is true for the journey, in which case the
 * opportunity is credited as {@code (unattributed)}. Credit columns may only use window aggregates
 * over {@link io.revattr.common.journey.JourneyWindows}, never collect the journey or call a UDF.
 */
public interface AttributionModel {
  /** The model's name, as written in the {@code model} column. */
  String name();

  /** The credit of the current journey touch; evaluated only on rows with a touch. */
  Column credit();

  /** True on every row of a journey that this model cannot credit (no position present). */
  default Column isUnattributed() {
    return lit(false);
  }

  /**
   * Named per-row values that {@link #credit()} and {@link #isUnattributed()} refer to by column
   * name, computed in a projection of their own before them. A value used several times in the
   * credit is then evaluated, and compiled, once per row instead of once per use (generated code
   * that grows too large runs slowly or not at all). Names start with an underscore and the model's
   * name. None by default.
   */
  default List<Column> intermediates() {
    return List.of();
  }

  /**
   * Learns what the model needs from all journeys before {@link #credit()} is used; rule-based
   * models need nothing and return themselves. Data-driven models aggregate with Spark and may
   * collect only a small channel-level result.
   */
  default AttributionModel fit(Dataset<Row> journeys) {
    return this;
  }
}
