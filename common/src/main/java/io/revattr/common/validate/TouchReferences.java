package io.revattr.common.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.revattr.common.schema.InputTable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The checks of a touch's owner: its first non-null id of contact_id, lead_id, anonymous_id must
 * name a usable record, except that an anonymous id no identity resolves falls back to the touch's
 * account.
 */
final class TouchReferences {
  private TouchReferences() {}

  static Dataset<Row> flag(Dataset<Row> touches, Map<InputTable, Dataset<Row>> usable) {
    Dataset<Row> flagged =
        References.flagUnknown(
            touches, "contact_id", usable.get(InputTable.CONTACTS), "contact_id");
    flagged = References.flagUnknown(flagged, "lead_id", usable.get(InputTable.LEADS), "lead_id");
    return References.flagUnknown(
        flagged, "anonymous_id", usable.get(InputTable.IDENTITIES), "anonymous_id");
  }

  static List<QuarantineRule> rules(Instant asOfEnd) {
    Column ownedByContact = col("contact_id").isNotNull();
    Column ownedByLead = ownedByContact.unary_$bang().and(col("lead_id").isNotNull());
    Column anonymousUnresolved =
        col("anonymous_id").isNull().or(col(References.flagColumn("anonymous_id")));
    Column noOwner =
        ownedByContact
            .unary_$bang()
            .and(col("lead_id").isNull())
            .and(anonymousUnresolved)
            .and(col("account_id").isNull());
    return List.of(
        RowRules.afterAsOf("occurred_at", asOfEnd, lit(true)),
        new QuarantineRule(
            "unknown_contact",
            lit("contact_id names no usable contact (it is missing or was quarantined)"),
            ownedByContact.and(col(References.flagColumn("contact_id")))),
        new QuarantineRule(
            "unknown_lead",
            lit("lead_id names no usable lead (it is missing or was quarantined)"),
            ownedByLead.and(col(References.flagColumn("lead_id")))),
        new QuarantineRule(
            "no_person_no_account",
            lit("the touch names no known person and no account"),
            noOwner));
  }
}
