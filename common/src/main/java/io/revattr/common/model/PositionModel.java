package io.revattr.common.model;

import static io.revattr.common.journey.JourneyColumns.POSITION;
import static io.revattr.common.journey.JourneyWindows.wholeJourney;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;

/**
 * The position-based family (DESIGN.md section 4): shares for some of the milestones FT, LC, OC,
 * CW, LT, and a middle share split equally among the middle touches. One implementation serves
 * every built-in and custom position model.
 *
 * <p>Rules, as expressions over each journey row's milestone positions ({@link
 * Position#journeyPosition()}); only a middle restricted to some touch types counts its touches
 * over {@link io.revattr.common.journey.JourneyWindows#wholeJourney()}:
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
  private static final String FIRST_HELD = "first_held";
  private static final String LAST_HELD = "last_held";
  private static final String MIDDLE_COUNT = "middle_count";

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
      Column present = e.getKey().journeyPosition().isNotNull();
      presentCount = presentCount.plus(present.cast("int"));
      missingShare = missingShare.plus(when(present, 0.0).otherwise(e.getValue()));
    }
    Column middleCount = col(intermediate(MIDDLE_COUNT));
    Column unplacedMiddle = when(middleCount.equalTo(0), middleShare).otherwise(0.0);
    // Guarded so that a journey with no present position never divides by zero (ANSI mode).
    Column extraPerPosition =
        when(presentCount.gt(0), missingShare.plus(unplacedMiddle).divide(presentCount));
    for (Map.Entry<Position, Double> e : shares.entrySet()) {
      positionCredit =
          positionCredit.plus(
              when(flag(e.getKey()), extraPerPosition.plus(e.getValue())).otherwise(0.0));
    }
    // A middle touch is itself counted, so the count is at least 1 where it divides.
    Column middleCredit =
        when(
                isMiddle(col(intermediate(FIRST_HELD)), col(intermediate(LAST_HELD))),
                lit(middleShare).divide(middleCount))
            .otherwise(0.0);
    return positionCredit.plus(middleCredit);
  }

  @Override
  public Column isUnattributed() {
    Column anyPresent = lit(false);
    for (Position p : shares.keySet()) {
      anyPresent = anyPresent.or(p.journeyPosition().isNotNull());
    }
    return anyPresent.unary_$bang();
  }

  @Override
  public List<Column> intermediates() {
    return List.of(
        firstHeld().as(intermediate(FIRST_HELD)),
        lastHeld().as(intermediate(LAST_HELD)),
        middleCount(firstHeld(), lastHeld()).as(intermediate(MIDDLE_COUNT)));
  }

  private String intermediate(String value) {
    return "_" + name + "_" + value;
  }

  private static Column flag(Position position) {
    return col(position.flagColumn());
  }

  private Column holdsAnyPosition() {
    Column holds = lit(false);
    for (Position p : shares.keySet()) {
      holds = holds.or(flag(p));
    }
    return holds;
  }

  /** The earliest position of the journey that holds one of the model's milestones, or null. */
  private Column firstHeld() {
    return least(journeyPositions());
  }

  /** The latest position of the journey that holds one of the model's milestones, or null. */
  private Column lastHeld() {
    return greatest(journeyPositions());
  }

  private Column[] journeyPositions() {
    // least and greatest need two arguments; they skip nulls, so a repeated position is harmless.
    List<Column> positions = new ArrayList<>();
    shares.keySet().forEach(p -> positions.add(p.journeyPosition()));
    if (positions.size() == 1) {
      positions.add(positions.get(0));
    }
    return positions.toArray(Column[]::new);
  }

  /** Whether the touch is a middle touch, given the journey's first and last held position. */
  private Column isMiddle(Column first, Column last) {
    Column inSpan =
        col(POSITION).gt(first).and(col(POSITION).lt(last)).and(holdsAnyPosition().unary_$bang());
    if (!middleTouchTypes.isEmpty()) {
      inSpan = inSpan.and(col("touch_type").isin(middleTouchTypes.toArray()));
    }
    return when(inSpan, true).otherwise(false);
  }

  /**
   * The number of middle touches of the journey. Without a touch-type restriction it is arithmetic
   * on the milestones' positions, since positions run 1..n without gaps and each milestone is held
   * by one touch: every touch from the first to the last held position, less the distinct held
   * positions (they all lie in that span). With the restriction the touches' types must be counted,
   * over the journey's window.
   */
  private Column middleCount(Column first, Column last) {
    if (!middleTouchTypes.isEmpty()) {
      return sum(when(isMiddle(first, last), 1).otherwise(0)).over(wholeJourney());
    }
    return when(last.gt(first), last.minus(first).plus(1).minus(distinctHeldPositions()))
        .otherwise(0);
  }

  /** How many different positions of the journey hold the model's milestones. */
  private Column distinctHeldPositions() {
    Column distinct = lit(0);
    List<Column> earlier = new ArrayList<>();
    for (Position p : shares.keySet()) {
      Column position = p.journeyPosition();
      Column isNew = position.isNotNull();
      for (Column seen : earlier) {
        isNew = isNew.and(coalesce(position.notEqual(seen), lit(true)));
      }
      distinct = distinct.plus(when(isNew, 1).otherwise(0));
      earlier.add(position);
    }
    return distinct;
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

    /**
     * The model; throws when the shares do not add up to 1 or one is negative.
     *
     * <p>Shares within 1e-9 of adding up to 1 (thirds written as 0.333333333) are divided by their
     * total, so that each opportunity's credits add up to 1 to the precision of a double: left as
     * given, they would be off by up to the tolerance of the run's own credit check.
     */
    public PositionModel build() {
      double total = middle + shares.values().stream().mapToDouble(Double::doubleValue).sum();
      if (Math.abs(total - 1.0) > 1e-9
          || middle < 0
          || shares.values().stream().anyMatch(s -> s < 0)) {
        throw new IllegalArgumentException(
            "shares of model " + name + " must be >= 0 and add up to 1, not " + total);
      }
      Map<Position, Double> normalized = new EnumMap<>(Position.class);
      shares.forEach((position, share) -> normalized.put(position, share / total));
      return new PositionModel(name, normalized, middle / total, middleTouchTypes);
    }
  }
}
