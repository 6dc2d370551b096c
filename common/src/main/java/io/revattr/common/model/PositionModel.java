package io.revattr.common.model;

import static io.revattr.common.journey.JourneyColumns.POSITION;
import static io.revattr.common.journey.JourneyWindows.wholeJourney;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;

/**
 * The position-based family (DESIGN.md section 4): shares for some of the milestones FT, LC, OC,
 * CW, LT, and a middle share split equally among the middle touches. One implementation serves
 * every built-in and custom position model.
 *
 * <p>Rules, all as window aggregates over {@link
 * io.revattr.common.journey.JourneyWindows#wholeJourney()}:
 *
 * <ul>
 *   <li>The model's positions are those it gives a share to (a share of 0 still makes the milestone
 *       one of its positions: it bounds the middle and takes redistributed parts).
 *   <li>A touch holding several of the model's positions gets the sum of their shares.
 *   <li>Middle touches: the touches strictly between the earliest and the latest present position
 *       (one span, in journey order) that hold none of the model's positions; with {@code
 *       middleTouchTypes} non-empty, only those of these touch types.
 *   <li>A position with no touch (no LC in the window, no OC because every touch came after the
 *       opportunity's creation, no CW for an open opportunity) has its share split evenly among the
 *       model's present positions; so has the middle share when there is no middle touch. The split
 *       is by positions, not touches: a touch holding two present positions gets two parts.
 *   <li>No position present: the journey is unattributed under the model ({@link
 *       #isUnattributed()}).
 * </ul>
 */
public final class PositionModel implements AttributionModel {
  private final String name;
  private final Map<Position, Double> shares;
  private final double middleShare;
  private final Set<String> middleTouchTypes;

  private PositionModel(
      String name, Map<Position, Double> shares, double middleShare, Set<String> middleTouchTypes) {
    this.name = name;
    this.shares = Collections.unmodifiableMap(new EnumMap<>(shares));
    this.middleShare = middleShare;
    this.middleTouchTypes = Set.copyOf(middleTouchTypes);
  }

  /** Starts a model with the given name and no shares. */
  public static Builder of(String name) {
    return new Builder(name);
  }

  @Override
  public String name() {
    return name;
  }

  /** The share of each of the model's positions. */
  public Map<Position, Double> shares() {
    return shares;
  }

  /** The middle share. */
  public double middleShare() {
    return middleShare;
  }

  /** The same model with its middle restricted to these touch types (empty: every type). */
  public PositionModel withMiddleTouchTypes(Set<String> touchTypes) {
    return new PositionModel(name, shares, middleShare, touchTypes);
  }

  @Override
  public Column credit() {
    Column presentCount = lit(0);
    Column missingShare = lit(0.0);
    Column positionCredit = lit(0.0);
    for (Map.Entry<Position, Double> e : shares.entrySet()) {
      Column present = present(e.getKey());
      presentCount = presentCount.plus(present.cast("int"));
      missingShare = missingShare.plus(when(present, 0.0).otherwise(e.getValue()));
    }
    Column middleCount = sum(when(isMiddle(), 1).otherwise(0)).over(wholeJourney());
    Column unplacedMiddle = when(middleCount.equalTo(0), middleShare).otherwise(0.0);
    // Guarded so that a journey with no present position never divides by zero (ANSI mode).
    Column extraPerPosition =
        when(presentCount.gt(0), missingShare.plus(unplacedMiddle).divide(presentCount));
    for (Map.Entry<Position, Double> e : shares.entrySet()) {
      positionCredit =
          positionCredit.plus(
              when(flag(e.getKey()), extraPerPosition.plus(e.getValue())).otherwise(0.0));
    }
    Column middleCredit =
        when(isMiddle().and(middleCount.gt(0)), lit(middleShare).divide(middleCount))
            .otherwise(0.0);
    return positionCredit.plus(middleCredit);
  }

  @Override
  public Column isUnattributed() {
    Column anyPresent = lit(false);
    for (Position p : shares.keySet()) {
      anyPresent = anyPresent.or(present(p));
    }
    return anyPresent.unary_$bang();
  }

  private static Column flag(Position position) {
    return col(position.flagColumn());
  }

  private static Column present(Position position) {
    return max(flag(position)).over(wholeJourney());
  }

  private Column holdsAnyPosition() {
    Column holds = lit(false);
    for (Position p : shares.keySet()) {
      holds = holds.or(flag(p));
    }
    return holds;
  }

  private Column isMiddle() {
    Column held = holdsAnyPosition();
    Column firstHeld = min(when(held, col(POSITION))).over(wholeJourney());
    Column lastHeld = max(when(held, col(POSITION))).over(wholeJourney());
    Column inSpan =
        col(POSITION).gt(firstHeld).and(col(POSITION).lt(lastHeld)).and(held.unary_$bang());
    if (!middleTouchTypes.isEmpty()) {
      inSpan = inSpan.and(col("touch_type").isin(middleTouchTypes.toArray()));
    }
    return when(inSpan, true).otherwise(false);
  }

  /** Builds a {@link PositionModel}; shares must add up to 1. */
  public static final class Builder {
    private final String name;
    private final Map<Position, Double> shares = new EnumMap<>(Position.class);
    private double middle;
    private Set<String> middleTouchTypes = Set.of();

    private Builder(String name) {
      this.name = name;
    }

    /** Gives a position its share. */
    public Builder share(Position position, double share) {
      shares.put(position, share);
      return this;
    }

    /** Sets the middle share. */
    public Builder middle(double share) {
      this.middle = share;
      return this;
    }

    /** Restricts the middle to these touch types. */
    public Builder middleTouchTypes(Set<String> touchTypes) {
      this.middleTouchTypes = touchTypes;
      return this;
    }

    /** The model; throws when the shares do not add up to 1 or one is negative. */
    public PositionModel build() {
      double total = middle + shares.values().stream().mapToDouble(Double::doubleValue).sum();
      if (Math.abs(total - 1.0) > 1e-9
          || middle < 0
          || shares.values().stream().anyMatch(s -> s < 0)) {
        throw new IllegalArgumentException(
            "shares of model " + name + " must be >= 0 and add up to 1, not " + total);
      }
      return new PositionModel(name, shares, middle, middleTouchTypes);
    }
  }
}
