package io.revattr.common.validate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.revattr.common.schema.InputTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The checks of a touch's owner: its first non-null id of contact_id, lead_id, anonymous_id must
 * name a usable record. An anonymous id that no identity names falls back to the touch's account,
 * as does one whose identities name nobody or come after the as-of (they identify no one as of the
 * run); one whose other identities were all quarantined is quarantined too (its owner is known to
 * be wrong, not unknown).
 */
final class TouchReferences {
  private static final String CONTACT = "contact:";
  private static final String LEAD = "lead:";
  private static final String ANONYMOUS = "anon:";
  private static final String OWNER = "_owner_reference";
  private static final String OWNER_KEY = "_owner_target_key";
  private static final String OWNER_USABLE = "_owner_target_usable";

  private TouchReferences() {}

  /**
   * Flags contact_id, lead_id and anonymous_id against the targets of {@link References#targets},
   * as {@link References#flag} would, but only the touch's owner (its first non-null id of the
   * three): the rules look at no other. One join on the owner, against the three targets at once,
   * instead of one join per column: each join moves every touch, the run's largest table.
   */
  static Dataset<Row> flag(Dataset<Row> touches, Map<InputTable, Dataset<Row>> targets) {
    Dataset<Row> lookup =
        prefixedTargets(targets.get(InputTable.CONTACTS), CONTACT)
            .unionByName(prefixedTargets(targets.get(InputTable.LEADS), LEAD))
            .unionByName(prefixedTargets(targets.get(InputTable.IDENTITIES), ANONYMOUS));
    Column owner =
        coalesce(
            concat(lit(CONTACT), col("contact_id")),
            concat(lit(LEAD), col("lead_id")),
            concat(lit(ANONYMOUS), col("anonymous_id")));
    Column ownerFlag =
        when(col(OWNER_KEY).isNull(), lit(References.MISSING))
            .when(col(OWNER_USABLE).unary_$bang(), lit(References.QUARANTINED));
    Column byContact = col("contact_id").isNotNull();
    Column byLead = byContact.unary_$bang().and(col("lead_id").isNotNull());
    Column byAnonymous =
        byContact.unary_$bang().and(col("lead_id").isNull()).and(col("anonymous_id").isNotNull());
    // A hash join on the lookup: once the lookup is too large to broadcast (at 10M touches), a
    // sort-merge join sorted every wide touch row by owner only to find its one match, and spilled.
    return touches
        .withColumn(OWNER, owner)
        .join(lookup.hint("shuffle_hash"), col(OWNER).equalTo(col(OWNER_KEY)), "left_outer")
        .withColumn(References.flagColumn("contact_id"), when(byContact, ownerFlag))
        .withColumn(References.flagColumn("lead_id"), when(byLead, ownerFlag))
        .withColumn(References.flagColumn("anonymous_id"), when(byAnonymous, ownerFlag))
        .drop(OWNER, OWNER_KEY, OWNER_USABLE);
  }

  private static Dataset<Row> prefixedTargets(Dataset<Row> targets, String prefix) {
    return targets.select(
        concat(lit(prefix), col(References.TARGET_KEY)).as(OWNER_KEY),
        col(References.TARGET_USABLE).as(OWNER_USABLE));
  }

  static List<QuarantineRule> rules(Instant asOfEnd) {
    Column ownedByContact = col("contact_id").isNotNull();
    Column ownedByLead = ownedByContact.unary_$bang().and(col("lead_id").isNotNull());
    Column ownedByAnonymous =
        ownedByContact
            .unary_$bang()
            .and(col("lead_id").isNull())
            .and(col("anonymous_id").isNotNull());
    Column anonymousUnresolved =
        col("anonymous_id")
            .isNull()
            .or(col(References.flagColumn("anonymous_id")).equalTo(References.MISSING));
    Column noOwner =
        ownedByContact
            .unary_$bang()
            .and(col("lead_id").isNull())
            .and(anonymousUnresolved)
            .and(col("account_id").isNull());
    List<QuarantineRule> rules = new ArrayList<>();
    rules.add(RowRules.afterAsOf("occurred_at", asOfEnd, lit(true)));
    rules.addAll(References.rules("contact_id", "contact", ownedByContact));
    rules.addAll(References.rules("lead_id", "lead", ownedByLead));
    rules.add(
        new QuarantineRule(
            "quarantined_identity",
            concat(
                lit("anonymous_id '"),
                col("anonymous_id"),
                lit("' is identified only by quarantined identities")),
            ownedByAnonymous.and(
                col(References.flagColumn("anonymous_id")).equalTo(References.QUARANTINED))));
    rules.add(
        new QuarantineRule(
            "no_person_no_account",
            lit(
                "the touch has no contact_id or lead_id, no identified anonymous_id and no"
                    + " account_id: it belongs to nobody"),
            noOwner));
    return rules;
  }
}
