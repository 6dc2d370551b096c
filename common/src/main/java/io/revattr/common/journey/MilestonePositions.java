package io.revattr.common.journey;

import static io.revattr.common.journey.JourneyColumns.JOURNEY_LENGTH;
import static io.revattr.common.journey.JourneyColumns.LEAD_CREATION_POSITION;
import static io.revattr.common.journey.JourneyColumns.OPPORTUNITY_CREATION_POSITION;
import static io.revattr.common.journey.JourneyColumns.POSITION;
import static io.revattr.common.journey.JourneyColumns.STAGE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.revattr.common.schema.Stages;
import org.apache.spark.sql.Column;

/**
 * Where a journey's milestones lie: the position (1-based, journey order) of the touch holding
 * each, the same on every row of the journey, null when no touch holds it. Each milestone is held
 * by at most one touch; the journeys' milestone flags are set on exactly that touch ({@link
 * #heldBy}).
 */
public final class MilestonePositions {
  private MilestonePositions() {}

  /** The first touch: position 1 of a journey with touches. */
  public static Column firstTouch() {
    return when(hasTouches(), lit(1L));
  }

  /** The last touch: the journey's length. */
  public static Column lastTouch() {
    return when(hasTouches(), col(JOURNEY_LENGTH));
  }

  /** The closing touch: the last touch of a won or lost opportunity. */
  public static Column closed() {
    return when(hasTouches().and(Stages.isClosed(col(STAGE))), col(JOURNEY_LENGTH));
  }

  /** The lead-creation touch, as the journeys located it. */
  public static Column leadCreation() {
    return col(LEAD_CREATION_POSITION).cast("long");
  }

  /** The opportunity-creation touch: the last touch at or before the opportunity's creation. */
  public static Column opportunityCreation() {
    return col(OPPORTUNITY_CREATION_POSITION).cast("long");
  }

  /** Whether this row's touch holds the milestone at {@code milestonePosition}. */
  static Column heldBy(Column milestonePosition) {
    return col("touch_id").isNotNull().and(col(POSITION).eqNullSafe(milestonePosition));
  }

  private static Column hasTouches() {
    return col(JOURNEY_LENGTH).gt(0);
  }
}
