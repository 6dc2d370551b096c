package io.revattr.common.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

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
 * name a usable record. An anonymous id that no identity names falls back to the touch's account;
 * one whose identities were all quarantined is quarantined too (its owner is known to be wrong, not
 * unknown).
 */
final class TouchReferences {
  private TouchReferences() {}

  /**
   * Flags contact_id, lead_id and anonymous_id against the targets of {@link References#targets}.
   */
  static Dataset<Row> flag(Dataset<Row> touches, Map<InputTable, Dataset<Row>> targets) {
    Dataset<Row> flagged = References.flag(touches, "contact_id", targets.get(InputTable.CONTACTS));
    flagged = References.flag(flagged, "lead_id", targets.get(InputTable.LEADS));
    return References.flag(flagged, "anonymous_id", targets.get(InputTable.IDENTITIES));
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
