package io.revattr.common.validate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.revattr.common.config.RevattrConfig.InputConfig;
import io.revattr.common.config.RevattrConfig.ReportingConfig;
import io.revattr.common.schema.InputConformance;
import io.revattr.common.schema.InputTable;
import io.revattr.common.schema.Stages;
import io.revattr.common.schema.ValueMappings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Splits every conformed input table into usable and quarantined records (DESIGN.md section 6).
 *
 * <p>Tables are checked in reference order, and references are checked against the records that
 * survive, so that a record naming a quarantined record is quarantined too.
 */
public final class WarehouseValidation {
  private static final String IDENTITY_NAMES_NOBODY = "identity_names_nobody";

  /**
   * Per referenced table, the reasons that make a quarantined record name no one rather than name
   * someone wrongly: references to it then count as missing, not as quarantined. An identity that
   * names no one, or comes after the as-of, leaves its visitor as unidentified as one that no
   * identity names (an account-level touch when the touch has an account, DESIGN.md section 3), not
   * a visitor whose identity is known to be wrong, whose touches are quarantined.
   */
  private static final Map<InputTable, List<String>> NAMES_NO_ONE =
      Map.of(InputTable.IDENTITIES, List.of(IDENTITY_NAMES_NOBODY, RowRules.AFTER_AS_OF));

  private WarehouseValidation() {}

  /**
   * Validates the conformed tables (the output of {@link InputConformance#conform}), with no
   * reporting currency.
   *
   * @param conformed every input table, optional ones possibly empty
   * @param asOfEnd the end of the as-of day
   * @param input the stage and team mappings, and the column mapping the quarantine names a
   *     record's fields back through (a column read in another letter case than its canonical name
   *     is named as read only when it is in there: {@link
   *     io.revattr.common.schema.ColumnRenaming#of})
   */
  public static ValidatedWarehouse validate(
      Map<InputTable, Dataset<Row>> conformed, Instant asOfEnd, InputConfig input) {
    return validate(
        conformed,
        asOfEnd,
        input,
        new ReportingConfig(Optional.empty(), Map.of()),
        UnaryOperator.identity());
  }

  /**
   * Validates the conformed tables (the output of {@link InputConformance#conform}).
   *
   * @param conformed every input table, optional ones possibly empty
   * @param asOfEnd the end of the as-of day
   * @param input the stage and team mappings
   * @param reporting when it names a currency, opportunities in a currency it has no rate for are
   *     quarantined
   * @param keep applied to each table's marked records before anything uses them, so that the
   *     caller can cache them (they are read by the counts, the usable records, the quarantine and
   *     the reference checks of later tables)
   */
  public static ValidatedWarehouse validate(
      Map<InputTable, Dataset<Row>> conformed,
      Instant asOfEnd,
      InputConfig input,
      ReportingConfig reporting,
      UnaryOperator<Dataset<Row>> keep) {
    Check check = new Check(keep, input.columnMapping());

    check.run(
        InputTable.CONTACTS,
        conformed.get(InputTable.CONTACTS),
        List.of(RowRules.afterAsOf("created_at", asOfEnd, lit(true))));

    Dataset<Row> leads =
        References.flag(
            conformed.get(InputTable.LEADS),
            "converted_contact_id",
            check.targets(InputTable.CONTACTS));
    List<QuarantineRule> leadRules = new ArrayList<>();
    leadRules.add(RowRules.afterAsOf("created_at", asOfEnd, lit(true)));
    leadRules.add(RowRules.afterAsOf("converted_at", asOfEnd, lit(true)));
    leadRules.addAll(References.rules("converted_contact_id", "contact"));
    check.run(InputTable.LEADS, leads, leadRules);

    Dataset<Row> identities = conformed.get(InputTable.IDENTITIES);
    identities = References.flag(identities, "contact_id", check.targets(InputTable.CONTACTS));
    identities = References.flag(identities, "lead_id", check.targets(InputTable.LEADS));
    List<QuarantineRule> identityRules = new ArrayList<>();
    identityRules.add(
        new QuarantineRule(
            IDENTITY_NAMES_NOBODY,
            lit("the identity names neither a lead nor a contact"),
            col("lead_id").isNull().and(col("contact_id").isNull())));
    identityRules.add(RowRules.afterAsOf("identified_at", asOfEnd, lit(true)));
    identityRules.addAll(References.rules("contact_id", "contact"));
    identityRules.addAll(References.rules("lead_id", "lead"));
    check.run(InputTable.IDENTITIES, identities, identityRules);

    Dataset<Row> opportunities =
        conformed
            .get(InputTable.OPPORTUNITIES)
            .withColumn("stage", ValueMappings.mappedStage(input.stageMapping()));
    // An open opportunity's closed_at is an expected close date, ignored (below): a CRM's
    // placeholder there ("TBD") does not make the opportunity unusable. Only a won or lost one's
    // must parse, so that an unknown or empty stage is quarantined for its stage.
    Column closed = coalesce(col("stage").isin(Stages.CLOSED.toArray()), lit(false));
    opportunities =
        opportunities.withColumn(
            InputConformance.PARSE_ERRORS,
            InputConformance.parseErrorsIgnoring("closed_at", not(closed)));
    check.run(InputTable.OPPORTUNITIES, opportunities, RowRules.opportunities(asOfEnd, reporting));
    // An open opportunity's closed_at is an expected close date: it is ignored.
    check.usable.put(
        InputTable.OPPORTUNITIES,
        check
            .usable
            .get(InputTable.OPPORTUNITIES)
            .withColumn(
                "closed_at",
                when(col("stage").equalTo(Stages.OPEN), lit(null)).otherwise(col("closed_at"))));

    Dataset<Row> roles = conformed.get(InputTable.OPPORTUNITY_CONTACT_ROLES);
    roles = References.flag(roles, "opportunity_id", check.targets(InputTable.OPPORTUNITIES));
    roles = References.flag(roles, "contact_id", check.targets(InputTable.CONTACTS));
    List<QuarantineRule> roleRules = new ArrayList<>();
    roleRules.addAll(References.rules("opportunity_id", "opportunity"));
    roleRules.addAll(References.rules("contact_id", "contact"));
    check.run(InputTable.OPPORTUNITY_CONTACT_ROLES, roles, roleRules);

    List<QuarantineRule> touchRules = new ArrayList<>(TouchReferences.rules(asOfEnd));
    touchRules.add(RowRules.unknownTeam());
    check.run(
        InputTable.TOUCHPOINTS,
        TouchReferences.flag(conformed.get(InputTable.TOUCHPOINTS), check.targets),
        touchRules);
    check.usable.put(
        InputTable.TOUCHPOINTS,
        check
            .usable
            .get(InputTable.TOUCHPOINTS)
            .withColumn(
                "team", ValueMappings.derivedTeam(input.teamByTouchType(), input.defaultTeam())));

    check.run(InputTable.SPEND, conformed.get(InputTable.SPEND), RowRules.spend(asOfEnd));
    check.run(InputTable.CAMPAIGNS, conformed.get(InputTable.CAMPAIGNS), List.of());

    Dataset<Row> quarantine = check.quarantined.get(0);
    for (Dataset<Row> q : check.quarantined.subList(1, check.quarantined.size())) {
      quarantine = quarantine.unionByName(q);
    }
    return new ValidatedWarehouse(check.usable, check.marked, quarantine);
  }

  /** Runs the checks of each table and records its outcome. */
  private static final class Check {
    private static final Map<InputTable, String> REFERENCED_BY =
        Map.of(
            InputTable.CONTACTS, "contact_id",
            InputTable.LEADS, "lead_id",
            InputTable.IDENTITIES, "anonymous_id",
            InputTable.OPPORTUNITIES, "opportunity_id");

    private final UnaryOperator<Dataset<Row>> keep;
    private final Map<String, Map<String, String>> columnMapping;
    private final Map<InputTable, Dataset<Row>> marked = new EnumMap<>(InputTable.class);
    private final Map<InputTable, Dataset<Row>> usable = new EnumMap<>(InputTable.class);
    private final Map<InputTable, Dataset<Row>> targets = new EnumMap<>(InputTable.class);
    private final List<Dataset<Row>> quarantined = new ArrayList<>();

    Check(UnaryOperator<Dataset<Row>> keep, Map<String, Map<String, String>> columnMapping) {
      this.keep = keep;
      this.columnMapping = columnMapping;
    }

    Dataset<Row> targets(InputTable table) {
      return targets.get(table);
    }

    void run(InputTable table, Dataset<Row> records, List<QuarantineRule> tableRules) {
      Dataset<Row> collapsed = Deduplication.collapse(table, records);
      List<QuarantineRule> rules = new ArrayList<>(RowRules.common(table));
      if (table.keyColumn() != null) {
        rules.add(Deduplication.keyConflict(table));
      }
      rules.addAll(tableRules);
      Dataset<Row> tableMarked = keep.apply(Quarantine.mark(collapsed, rules));
      marked.put(table, tableMarked);
      quarantined.add(
          Quarantine.rows(
              table, tableMarked, columnMapping.getOrDefault(table.tableName(), Map.of())));
      usable.put(
          table, Quarantine.usable(tableMarked).select(InputConformance.canonicalColumns(table)));
      if (REFERENCED_BY.containsKey(table)) {
        targets.put(
            table, References.targets(referable(table, tableMarked), REFERENCED_BY.get(table)));
      }
    }

    /** The records that a reference can name: all but those quarantined for naming no one. */
    private static Dataset<Row> referable(InputTable table, Dataset<Row> tableMarked) {
      List<String> namesNoOne = NAMES_NO_ONE.getOrDefault(table, List.of());
      if (namesNoOne.isEmpty()) {
        return tableMarked;
      }
      Column namingNoOne = col(Quarantine.REASON_CODE).isin(namesNoOne.toArray());
      return tableMarked.filter(not(coalesce(namingNoOne, lit(false))));
    }
  }
}
