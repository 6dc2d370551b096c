package io.revattr.common.model;

import io.revattr.common.journey.JourneyColumns;
import io.revattr.common.journey.MilestonePositions;
import java.util.Arrays;
import org.apache.spark.sql.Column;

/** The journey milestones a position-based model gives shares to. */
public enum Position {
  FT(JourneyColumns.IS_FIRST_TOUCH),
  LC(JourneyColumns.IS_LEAD_CREATION),
  OC(JourneyColumns.IS_OPPORTUNITY_CREATION),
  CW(JourneyColumns.IS_OPPORTUNITY_CLOSE),
  LT(JourneyColumns.IS_LAST_TOUCH);

  private final String flagColumn;

  Position(String flagColumn) {
    this.flagColumn = flagColumn;
  }

  /**
   * The position (1-based, journey order) of the touch holding this milestone, the same on every
   * row of a journey, null when no touch of the journey holds it ({@link MilestonePositions}): the
   * touch whose {@link #flagColumn()} is set.
   */
  public Column journeyPosition() {
    return switch (this) {
      case FT -> MilestonePositions.firstTouch();
      case LT -> MilestonePositions.lastTouch();
      case CW -> MilestonePositions.closed();
      case LC -> MilestonePositions.leadCreation();
      case OC -> MilestonePositions.opportunityCreation();
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
