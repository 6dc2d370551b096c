package io.revattr.common.journey;

import static io.revattr.common.journey.JourneyColumns.IS_PERSON_LEAD_CREATION;
import static io.revattr.common.journey.JourneyColumns.PERSON_CREATED_AT;
import static io.revattr.common.journey.JourneyColumns.PERSON_ID;
import static io.revattr.common.journey.JourneyColumns.TOUCH_ACCOUNT_ID;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.time.Duration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * People resolution (DESIGN.md section 3, "People"): decides whose touch each touch is, the account
 * it belongs to, and each person's lead-creation touch.
 *
 * <p>A person is a contact ({@code contact:<contact_id>}) or a lead that was never converted to a
 * contact ({@code lead:<lead_id>}). A lead converted to a contact is that contact, before and after
 * its conversion. An anonymous visitor is the person its earliest identity names; an anonymous
 * touch that no identity resolves belongs to the account it carries, if any.
 */
public final class People {
  private static final String REF = "_owner_ref";
  private static final String PERSON_ACCOUNT = "_person_account_id";

  private People() {}

  /**
   * Adds {@link JourneyColumns#PERSON_ID}, {@link JourneyColumns#TOUCH_ACCOUNT_ID}, {@link
   * JourneyColumns#PERSON_CREATED_AT} and {@link JourneyColumns#IS_PERSON_LEAD_CREATION} to clean,
   * canonical touches.
   *
   * <p>A touch whose contact_id or lead_id names no known record gets null person and account: such
   * touches are expected to have been quarantined before. A person's lead-creation touch is the
   * latest (occurred_at, then touch_id) of all their touches at or before their creation plus
   * {@code grace}.
   */
  public static Dataset<Row> resolveTouches(
      Dataset<Row> touches,
      Dataset<Row> leads,
      Dataset<Row> contacts,
      Dataset<Row> identities,
      Duration grace) {
    Dataset<Row> leadPeople =
        leads.select(
            col("lead_id"),
            coalesce(
                    concat(lit("contact:"), col("converted_contact_id")),
                    concat(lit("lead:"), col("lead_id")))
                .as(PERSON_ID),
            when(col("converted_contact_id").isNull(), col("converted_account_id"))
                .as(PERSON_ACCOUNT),
            col("created_at"));
    Dataset<Row> people =
        contacts
            .select(
                concat(lit("contact:"), col("contact_id")).as(PERSON_ID),
                col("account_id").as(PERSON_ACCOUNT),
                col("created_at"))
            .unionByName(leadPeople.drop("lead_id"))
            .groupBy(PERSON_ID)
            .agg(max(PERSON_ACCOUNT).as(PERSON_ACCOUNT), min("created_at").as(PERSON_CREATED_AT));

    Dataset<Row> refs =
        contacts
            .select(
                concat(lit("contact:"), col("contact_id")).as(REF),
                concat(lit("contact:"), col("contact_id")).as(PERSON_ID))
            .unionByName(
                leadPeople.select(concat(lit("lead:"), col("lead_id")).as(REF), col(PERSON_ID)))
            .unionByName(anonymousRefs(identities, leadPeople))
            .join(people, PERSON_ID);

    Column ownerRef =
        coalesce(
            concat(lit("contact:"), col("contact_id")),
            concat(lit("lead:"), col("lead_id")),
            concat(lit("anon:"), col("anonymous_id")));
    Column accountLevel = col(REF).isNull().or(col(REF).startsWith("anon:"));
    return touches
        .withColumn(REF, ownerRef)
        .join(refs, REF, "left_outer")
        .withColumn(TOUCH_ACCOUNT_ID, touchAccount(accountLevel))
        .withColumn(IS_PERSON_LEAD_CREATION, markLeadCreation(grace))
        .drop(REF, PERSON_ACCOUNT);
  }

  private static Dataset<Row> anonymousRefs(Dataset<Row> identities, Dataset<Row> leadPeople) {
    Dataset<Row> earliest =
        identities
            .filter(col("lead_id").isNotNull().or(col("contact_id").isNotNull()))
            .withColumn(
                "_rank",
                row_number()
                    .over(
                        Window.partitionBy(col("anonymous_id"))
                            .orderBy(
                                col("identified_at").asc_nulls_last(),
                                col("contact_id").asc_nulls_last(),
                                col("lead_id").asc_nulls_last())))
            .filter(col("_rank").equalTo(1));
    return earliest
        .join(
            leadPeople.select(col("lead_id").as("_lead_id"), col(PERSON_ID).as("_lead_person")),
            col("lead_id").equalTo(col("_lead_id")),
            "left_outer")
        .select(
            concat(lit("anon:"), col("anonymous_id")).as(REF),
            coalesce(concat(lit("contact:"), col("contact_id")), col("_lead_person"))
                .as(PERSON_ID));
  }

  private static Column leadCreationCandidate(Duration grace) {
    long graceMicros = grace.toNanos() / 1_000;
    return unix_micros(col("occurred_at"))
        .leq(unix_micros(col(PERSON_CREATED_AT)).plus(lit(graceMicros)));
  }

  private static Column markLeadCreation(Duration grace) {
    Column candidate = col(PERSON_ID).isNotNull().and(leadCreationCandidate(grace));
    // Account-level touches have no person: partition them by touch so they do not form one skewed
    // partition.
    Column personPartition = coalesce(col(PERSON_ID), concat(lit("touch:"), col("touch_id")));
    Column latestCandidate =
        max(when(candidate, struct(col("occurred_at"), col("touch_id"))))
            .over(Window.partitionBy(personPartition));
    return candidate.and(latestCandidate.equalTo(struct(col("occurred_at"), col("touch_id"))));
  }

  private static Column touchAccount(Column accountLevel) {
    return when(col(PERSON_ID).isNotNull(), col(PERSON_ACCOUNT))
        .when(accountLevel, col("account_id"));
  }
}
