package io.revattr.common.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.revattr.common.journey.JourneyColumns;
import java.util.Arrays;
import org.apache.spark.sql.Column;

/** The journey milestones a position-based model gives shares to. */
public enum Position {
  FT(JourneyColumns.IS_FIRST_TOUCH),
  LC(JourneyColumns.IS_LEAD_CREATION),
  OC(JourneyColumns.IS_OPPORTUNITY_CREATION),
  CW(JourneyColumns.IS_CLOSED),
  LT(JourneyColumns.IS_LAST_TOUCH);

  private final String flagColumn;

  Position(String flagColumn) {
    this.flagColumn = flagColumn;
  }

  /**
   * The position (1-based, journey order) of the touch holding this milestone, the same on every
   * row of a journey, null when no touch of the journey holds it. Each milestone is held by at most
   * one touch, and exactly by the touch whose {@link #flagColumn()} is set: the first and last
   * touch, the last touch of a closed opportunity, and the lead-creation and opportunity-creation
   * touches that the journeys locate once.
   */
  public Column journeyPosition() {
    Column length = col(JourneyColumns.JOURNEY_LENGTH);
    Column anyTouch = length.gt(0);
    return switch (this) {
      case FT -> when(anyTouch, lit(1L));
      case LT -> when(anyTouch, length);
      case CW -> when(anyTouch.and(col(JourneyColumns.STAGE).isin("won", "lost")), length);
      case LC -> col(JourneyColumns.LEAD_CREATION_POSITION).cast("long");
      case OC -> col(JourneyColumns.OPPORTUNITY_CREATION_POSITION).cast("long");
    };
  }

  /** The boolean journey column that marks the touch holding this position. */
  public String flagColumn() {
    return flagColumn;
  }

  /** Looks a position up by its short name (FT, LC, OC, CW, LT). */
  public static Position byShortName(String name) {
    return Arrays.stream(values())
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown position " + name));
  }
}
