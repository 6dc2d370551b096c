package io.revattr.common.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.revattr.common.config.RevattrConfig.InputConfig;
import io.revattr.common.schema.InputConformance;
import io.revattr.common.schema.InputTable;
import io.revattr.common.schema.ValueMappings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Splits every conformed input table into usable and quarantined records (DESIGN.md section 6).
 *
 * <p>Tables are checked in reference order, and references are checked against the records that
 * survive, so that a record naming a quarantined record is quarantined too.
 */
public final class WarehouseValidation {
  private WarehouseValidation() {}

  /**
   * Validates the conformed tables (the output of {@link InputConformance#conform}).
   *
   * @param conformed every input table, optional ones possibly empty
   * @param asOfEnd the end of the as-of day
   * @param input the stage and team mappings
   */
  public static ValidatedWarehouse validate(
      Map<InputTable, Dataset<Row>> conformed, Instant asOfEnd, InputConfig input) {
    Map<InputTable, Dataset<Row>> deduplicated = new EnumMap<>(InputTable.class);
    Map<InputTable, Dataset<Row>> usable = new EnumMap<>(InputTable.class);
    List<Dataset<Row>> quarantined = new ArrayList<>();
    Check check = new Check(deduplicated, usable, quarantined);

    check.run(
        InputTable.CONTACTS,
        conformed,
        List.of(RowRules.afterAsOf("created_at", asOfEnd, lit(true))));

    Dataset<Row> leads =
        References.flagUnknown(
            conformed.get(InputTable.LEADS),
            "converted_contact_id",
            usable.get(InputTable.CONTACTS),
            "contact_id");
    check.run(
        InputTable.LEADS,
        leads,
        List.of(
            RowRules.afterAsOf("created_at", asOfEnd, lit(true)),
            RowRules.afterAsOf("converted_at", asOfEnd, lit(true)),
            References.rule("converted_contact_id", "contact")));

    Dataset<Row> identities = conformed.get(InputTable.IDENTITIES);
    identities =
        References.flagUnknown(
            identities, "contact_id", usable.get(InputTable.CONTACTS), "contact_id");
    identities =
        References.flagUnknown(identities, "lead_id", usable.get(InputTable.LEADS), "lead_id");
    check.run(
        InputTable.IDENTITIES,
        identities,
        List.of(
            new QuarantineRule(
                "identity_names_nobody",
                lit("the identity names neither a lead nor a contact"),
                col("lead_id").isNull().and(col("contact_id").isNull())),
            RowRules.afterAsOf("identified_at", asOfEnd, lit(true)),
            References.rule("contact_id", "contact"),
            References.rule("lead_id", "lead")));

    Dataset<Row> opportunities =
        conformed
            .get(InputTable.OPPORTUNITIES)
            .withColumn("stage", ValueMappings.mappedStage(input.stageMapping()));
    check.run(InputTable.OPPORTUNITIES, opportunities, RowRules.opportunities(asOfEnd));
    // An open opportunity's closed_at is an expected close date: it is ignored.
    usable.put(
        InputTable.OPPORTUNITIES,
        usable
            .get(InputTable.OPPORTUNITIES)
            .withColumn(
                "closed_at",
                when(col("stage").equalTo("open"), lit(null)).otherwise(col("closed_at"))));

    Dataset<Row> roles = conformed.get(InputTable.OPPORTUNITY_CONTACT_ROLES);
    roles =
        References.flagUnknown(
            roles, "opportunity_id", usable.get(InputTable.OPPORTUNITIES), "opportunity_id");
    roles =
        References.flagUnknown(roles, "contact_id", usable.get(InputTable.CONTACTS), "contact_id");
    check.run(
        InputTable.OPPORTUNITY_CONTACT_ROLES,
        roles,
        List.of(
            References.rule("opportunity_id", "opportunity"),
            References.rule("contact_id", "contact")));

    check.run(
        InputTable.TOUCHPOINTS,
        TouchReferences.flag(conformed.get(InputTable.TOUCHPOINTS), usable),
        TouchReferences.rules(asOfEnd));
    usable.put(
        InputTable.TOUCHPOINTS,
        usable
            .get(InputTable.TOUCHPOINTS)
            .withColumn(
                "team", ValueMappings.derivedTeam(input.teamByTouchType(), input.defaultTeam())));

    check.run(InputTable.SPEND, conformed, RowRules.spend());
    check.run(InputTable.CAMPAIGNS, conformed, List.of());

    Dataset<Row> quarantine = quarantined.get(0);
    for (Dataset<Row> q : quarantined.subList(1, quarantined.size())) {
      quarantine = quarantine.unionByName(q);
    }
    return new ValidatedWarehouse(usable, deduplicated, quarantine);
  }

  /** Runs the checks of one table and records its outcome. */
  private record Check(
      Map<InputTable, Dataset<Row>> deduplicated,
      Map<InputTable, Dataset<Row>> usable,
      List<Dataset<Row>> quarantined) {

    void run(
        InputTable table, Map<InputTable, Dataset<Row>> conformed, List<QuarantineRule> rules) {
      run(table, conformed.get(table), rules);
    }

    void run(InputTable table, Dataset<Row> records, List<QuarantineRule> tableRules) {
      Dataset<Row> collapsed = Deduplication.collapse(table, records);
      deduplicated.put(table, collapsed);
      List<QuarantineRule> rules = new ArrayList<>(RowRules.common(table));
      if (table.keyColumn() != null) {
        rules.add(Deduplication.keyConflict(table));
      }
      rules.addAll(tableRules);
      Dataset<Row> marked = Quarantine.mark(collapsed, rules);
      quarantined.add(Quarantine.rows(table, marked));
      usable.put(table, Quarantine.usable(marked).select(InputConformance.canonicalColumns(table)));
    }
  }
}
