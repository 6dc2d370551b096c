package io.revattr.common.model;

import io.revattr.common.journey.JourneyColumns;
import java.util.Arrays;

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
