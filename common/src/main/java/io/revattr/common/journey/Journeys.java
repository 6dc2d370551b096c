package io.revattr.common.journey;

import static io.revattr.common.journey.JourneyColumns.AMOUNT;
import static io.revattr.common.journey.JourneyColumns.CURRENCY;
import static io.revattr.common.journey.JourneyColumns.IS_FIRST_TOUCH;
import static io.revattr.common.journey.JourneyColumns.IS_LAST_TOUCH;
import static io.revattr.common.journey.JourneyColumns.IS_LEAD_CREATION;
import static io.revattr.common.journey.JourneyColumns.IS_OPPORTUNITY_CLOSE;
import static io.revattr.common.journey.JourneyColumns.IS_OPPORTUNITY_CREATION;
import static io.revattr.common.journey.JourneyColumns.IS_PERSON_LEAD_CREATION;
import static io.revattr.common.journey.JourneyColumns.JOURNEY_END;
import static io.revattr.common.journey.JourneyColumns.JOURNEY_LENGTH;
import static io.revattr.common.journey.JourneyColumns.LAST_TOUCH_AT;
import static io.revattr.common.journey.JourneyColumns.LEAD_CREATION_POSITION;
import static io.revattr.common.journey.JourneyColumns.OPPORTUNITY_ACCOUNT_ID;
import static io.revattr.common.journey.JourneyColumns.OPPORTUNITY_CLOSED_AT;
import static io.revattr.common.journey.JourneyColumns.OPPORTUNITY_CREATED_AT;
import static io.revattr.common.journey.JourneyColumns.OPPORTUNITY_CREATION_POSITION;
import static io.revattr.common.journey.JourneyColumns.PERSON_CREATED_AT;
import static io.revattr.common.journey.JourneyColumns.PERSON_ID;
import static io.revattr.common.journey.JourneyColumns.POSITION;
import static io.revattr.common.journey.JourneyColumns.STAGE;
import static io.revattr.common.journey.JourneyColumns.TOUCH_ACCOUNT_ID;
import static io.revattr.common.journey.JourneyWindows.journeyOrder;
import static io.revattr.common.journey.JourneyWindows.wholeJourney;
import static io.revattr.common.journey.JourneyWindows.wholeJourneyInOrder;
import static io.revattr.common.journey.MilestonePositions.heldBy;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.revattr.common.config.RevattrConfig.JourneyConfig;
import io.revattr.common.schema.Stages;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Builds the ordered journey of every opportunity with its milestones (DESIGN.md section 3).
 *
 * <p>The result has one row per opportunity and journey touch, and exactly one row with a null
 * touch_id for an opportunity whose journey is empty, so that it can be credited as {@code
 * (unattributed)}. Columns: the opportunity's (opportunity_id, {@link
 * JourneyColumns#OPPORTUNITY_ACCOUNT_ID}, created and closed time, stage, amount, currency, {@link
 * JourneyColumns#JOURNEY_END}), the resolved touch's (touch_id, occurred_at, channel, campaign_id,
 * touch_type, team, content, {@link JourneyColumns#PERSON_ID}), its {@link
 * JourneyColumns#POSITION}, the {@link JourneyColumns#JOURNEY_LENGTH}, the five milestone flags and
 * the positions of the lead-creation and opportunity-creation touches (so that models find every
 * milestone's position on each row, without aggregating the journey again).
 */
public final class Journeys {
  private static final String SCOPE_KEY = "_scope_key";
  private static final String TOUCH_SCOPE_KEY = "_touch_scope_key";
  private static final String ROWS_IN_JOURNEY = "_rows_in_journey";
  private static final String TOUCHES_UNTIL_CREATION = "_touches_until_creation";
  private static final String ROW_IN_JOURNEY = "_row_in_journey";

  /** Columns of the resolved touches that only the people rules and the milestones read. */
  private static final String[] RESOLUTION_ONLY = {
    "lead_id",
    "contact_id",
    "anonymous_id",
    "account_id",
    TOUCH_ACCOUNT_ID,
    PERSON_CREATED_AT,
    IS_PERSON_LEAD_CREATION
  };

  private Journeys() {}

  /**
   * Joins opportunities to the resolved touches that count for them and marks the milestones.
   *
   * @param resolvedTouches touches with the columns added by {@link People#resolveTouches}
   * @param opportunities clean opportunities with stage open, won or lost
   * @param roles clean opportunity contact roles
   * @param config mapping, lookback and grace
   * @param asOfEnd the end of the as-of day: the window end of open opportunities
   */
  public static Dataset<Row> build(
      Dataset<Row> resolvedTouches,
      Dataset<Row> opportunities,
      Dataset<Row> roles,
      JourneyConfig config,
      Instant asOfEnd) {
    Column isClosedStage = Stages.isClosed(col("stage"));
    Dataset<Row> opps =
        opportunities.select(
            col("opportunity_id"),
            col("account_id").as(OPPORTUNITY_ACCOUNT_ID),
            col("created_at").as(OPPORTUNITY_CREATED_AT),
            col("closed_at").as(OPPORTUNITY_CLOSED_AT),
            col(STAGE),
            col(AMOUNT),
            col(CURRENCY),
            when(isClosedStage, col("closed_at"))
                .otherwise(lit(Timestamp.from(asOfEnd)))
                .as(JOURNEY_END));
    Dataset<Row> scoped = scope(opps, roles, config);
    Dataset<Row> touches =
        resolvedTouches.withColumn(
            TOUCH_SCOPE_KEY,
            config.mapping() == io.revattr.common.config.RevattrConfig.Mapping.ACCOUNT
                ? col(TOUCH_ACCOUNT_ID)
                : col(PERSON_ID));

    Column inWindow =
        col(SCOPE_KEY).equalTo(col(TOUCH_SCOPE_KEY)).and(col("occurred_at").leq(col(JOURNEY_END)));
    if (config.lookbackDays().isPresent()) {
      long lookbackMicros = config.lookbackDays().getAsInt() * 86_400L * 1_000_000L;
      inWindow =
          inWindow.and(
              unix_micros(col("occurred_at"))
                  .geq(unix_micros(col(OPPORTUNITY_CREATED_AT)).minus(lit(lookbackMicros))));
    }
    Dataset<Row> joined =
        scoped.join(touches, inWindow, "left_outer").drop(SCOPE_KEY, TOUCH_SCOPE_KEY);
    // The touch's own ids and the people rules' intermediates have served their purpose once the
    // journeys and their milestones stand: every reader of the journeys (the credits, the analyst
    // tables, journey_touches, the data-driven models) works from the resolved person and account.
    // Dropped here, they are not carried through the journeys' shuffle, windows and store (at 10M
    // touches, about a fifth of every stored journey row).
    return withMilestones(joined).drop(RESOLUTION_ONLY);
  }

  /**
   * The opportunity side of the join: one row per opportunity and key of the touches that count.
   */
  private static Dataset<Row> scope(Dataset<Row> opps, Dataset<Row> roles, JourneyConfig config) {
    switch (config.mapping()) {
      case ACCOUNT:
        return opps.withColumn(SCOPE_KEY, col(OPPORTUNITY_ACCOUNT_ID));
      case CONTACT_ROLES:
      case PRIMARY_CONTACT:
        Dataset<Row> eligible =
            config.mapping() == io.revattr.common.config.RevattrConfig.Mapping.PRIMARY_CONTACT
                ? roles.filter(col("is_primary").equalTo(true))
                : roles;
        Dataset<Row> keys =
            eligible
                .select(
                    col("opportunity_id"), concat(lit("contact:"), col("contact_id")).as(SCOPE_KEY))
                .distinct();
        return opps.join(keys, new String[] {"opportunity_id"}, "left_outer");
      default:
        throw new IllegalStateException("unknown mapping " + config.mapping());
    }
  }

  /**
   * Positions and milestones in two window passes over the journey rows, which are wide and many:
   * the row number and every journey total that needs no position share the first, since a touch's
   * position follows from its row number and the journey's count of touches at or before the
   * opportunity's creation is its opportunity-creation position. Only the lead creation, the first
   * touch of a lead-creating person, needs the positions first.
   */
  private static Dataset<Row> withMilestones(Dataset<Row> joined) {
    Column hasTouch = col("touch_id").isNotNull();
    WindowSpec wholeOrdered = wholeJourneyInOrder();
    Column touchesUntilCreation = col(TOUCHES_UNTIL_CREATION);
    Dataset<Row> positioned =
        onlyTouchesOrOneEmptyRow(
                // One select, so that Spark evaluates all of them in one Window operator (chained
                // withColumns would put a projection between them and split it).
                joined.select(
                    col("*"),
                    row_number().over(journeyOrder()).as(ROW_IN_JOURNEY),
                    count(lit(1)).over(wholeOrdered).as(ROWS_IN_JOURNEY),
                    count(col("touch_id")).over(wholeOrdered).as(JOURNEY_LENGTH),
                    max(col("occurred_at")).over(wholeOrdered).as(LAST_TOUCH_AT),
                    count(
                            when(
                                col("occurred_at").leq(col(OPPORTUNITY_CREATED_AT)),
                                col("touch_id")))
                        .over(wholeOrdered)
                        .as(TOUCHES_UNTIL_CREATION)))
            // Null-touch rows sort first (ascending order puts nulls first): a touch's position is
            // its row number less the journey's null-touch rows.
            .withColumn(
                POSITION,
                when(
                    hasTouch,
                    col(ROW_IN_JOURNEY)
                        .minus(col(ROWS_IN_JOURNEY).minus(col(JOURNEY_LENGTH)))
                        .cast("int")))
            .withColumn(
                OPPORTUNITY_CREATION_POSITION,
                when(touchesUntilCreation.gt(0), touchesUntilCreation.cast("int")))
            .drop(ROW_IN_JOURNEY, ROWS_IN_JOURNEY, TOUCHES_UNTIL_CREATION);
    return positioned
        .withColumn(
            LEAD_CREATION_POSITION,
            min(when(col(IS_PERSON_LEAD_CREATION), col(POSITION))).over(wholeJourney()))
        .withColumn(IS_FIRST_TOUCH, heldBy(MilestonePositions.firstTouch()))
        .withColumn(IS_LAST_TOUCH, heldBy(MilestonePositions.lastTouch()))
        .withColumn(IS_LEAD_CREATION, heldBy(MilestonePositions.leadCreation()))
        .withColumn(IS_OPPORTUNITY_CREATION, heldBy(MilestonePositions.opportunityCreation()))
        .withColumn(IS_OPPORTUNITY_CLOSE, heldBy(MilestonePositions.closed()));
  }

  /**
   * Under contact_roles and primary_contact an opportunity is joined once per eligible contact, so
   * a contact without touches in the window leaves a null-touch row beside the other contacts'
   * touches. Keeps the touch rows, and exactly one null-touch row for an empty journey only.
   */
  private static Dataset<Row> onlyTouchesOrOneEmptyRow(Dataset<Row> counted) {
    Column hasTouch = col("touch_id").isNotNull();
    return counted.filter(
        hasTouch.or(col(JOURNEY_LENGTH).equalTo(0).and(col(ROW_IN_JOURNEY).equalTo(1))));
  }
}
