package io.revattr.jobs.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Breaks a clean sample warehouse on purpose, so that users and tests can watch the quarantine
 * work: every kind of bad record of DESIGN.md section 6, plus exact duplicate rows, each at a known
 * rate and deterministically by seed.
 *
 * <p>Each row of a table draws one number u in [0, 1) from its id; the k-th fault kind of the table
 * applies when {@code k * rate <= u < (k + 1) * rate}, so a row gets at most one fault and each
 * kind hits a fraction {@code rate} of the rows. A further, independent draw duplicates a fraction
 * {@code rate} of the (possibly broken) rows exactly. Columns that some fault fills with text that
 * cannot be parsed (timestamps, amounts) are written as text in every row.
 *
 * <p>The unknown-currency fault ({@code XYZ}) is quarantined only when amounts are converted
 * ({@code reporting.currency}); otherwise those opportunities stay usable.
 */
final class FaultInjection {
  /** The highest rate: the table with the most fault kinds must still fit them in [0, 1). */
  static final double MAX_RATE = 0.08;

  private static final String ISO = "yyyy-MM-dd'T'HH:mm:ss'Z'";
  private static final String AFTER_AS_OF = "2026-06-30T00:00:00Z";
  private static final String DRAW = "_fault_draw";
  private static final String DUPLICATE_DRAW = "_duplicate_draw";

  private final SampleRandom random;
  private final double rate;

  FaultInjection(SampleRandom random, double rate) {
    if (!(rate >= 0 && rate <= MAX_RATE)) {
      throw new IllegalArgumentException("fault rate must be in [0, " + MAX_RATE + "]");
    }
    this.random = random;
    this.rate = rate;
  }

  /** One kind of fault: its name and the new value of each column it changes. */
  private record Fault(String kind, Map<String, Column> changes) {
    static Fault of(String kind, Object... columnsAndValues) {
      Map<String, Column> changes = new LinkedHashMap<>();
      for (int i = 0; i < columnsAndValues.length; i += 2) {
        Object value = columnsAndValues[i + 1];
        changes.put(
            (String) columnsAndValues[i],
            value instanceof Column c ? c : lit(value).cast("string"));
      }
      return new Fault(kind, changes);
    }
  }

  /** The warehouse with faults injected, table by table. */
  Map<String, Dataset<Row>> inject(Map<String, Dataset<Row>> clean) {
    Map<String, Dataset<Row>> broken = new LinkedHashMap<>();
    for (Map.Entry<String, Dataset<Row>> e : clean.entrySet()) {
      broken.put(e.getKey(), injectInto(e.getKey(), e.getValue()));
    }
    return broken;
  }

  private Dataset<Row> injectInto(String table, Dataset<Row> rows) {
    return switch (table) {
      case "touchpoints" ->
          apply(
              rows,
              col("touch_id"),
              List.of("occurred_at"),
              List.of(
                  Fault.of("null_key", "touch_id", null),
                  Fault.of("null_required_value", "channel", null),
                  Fault.of("unparseable_value", "occurred_at", "yesterday"),
                  Fault.of("timestamp_after_as_of", "occurred_at", AFTER_AS_OF),
                  Fault.of(
                      "no_person_no_account",
                      "lead_id",
                      null,
                      "contact_id",
                      null,
                      "anonymous_id",
                      null,
                      "account_id",
                      null),
                  Fault.of("unknown_contact", "contact_id", unknown("C", "touch_id")),
                  Fault.of("unknown_lead", "contact_id", null, "lead_id", unknown("L", "touch_id")),
                  Fault.of("unknown_team", "team", "partners")),
              Map.of("channel", concat(col("channel"), lit("_conflicting_copy"))));
      case "contacts" ->
          apply(
              rows,
              col("contact_id"),
              List.of("created_at"),
              List.of(
                  Fault.of("null_key", "contact_id", null),
                  Fault.of("null_required_value", "account_id", null),
                  Fault.of("unparseable_value", "created_at", "2024-02-30T25:00:00Z"),
                  Fault.of("timestamp_after_as_of", "created_at", AFTER_AS_OF)),
              Map.of("email", lit("conflicting.copy@example.com")));
      case "leads" ->
          apply(
              rows,
              col("lead_id"),
              List.of("created_at", "converted_at"),
              List.of(
                  Fault.of("null_key", "lead_id", null),
                  Fault.of("unparseable_value", "created_at", "last tuesday"),
                  Fault.of("timestamp_after_as_of", "converted_at", AFTER_AS_OF),
                  Fault.of("unknown_contact", "converted_contact_id", unknown("C", "lead_id"))),
              Map.of("email", lit("conflicting.copy@example.com")));
      case "opportunities" ->
          apply(
              rows,
              col("opportunity_id"),
              List.of("created_at", "closed_at", "amount"),
              opportunityFaults(),
              Map.of("amount", lit("1.5")));
      case "opportunity_contact_roles" ->
          apply(
              rows,
              concat(col("opportunity_id"), lit("/"), col("contact_id")),
              List.of(),
              List.of(
                  Fault.of("unknown_opportunity", "opportunity_id", unknown("OPP", "contact_id")),
                  Fault.of("unknown_contact", "contact_id", unknown("C", "opportunity_id")),
                  Fault.of("null_required_value", "contact_id", null)),
              Map.of());
      case "identities" ->
          apply(
              rows,
              col("anonymous_id"),
              List.of("identified_at"),
              List.of(
                  Fault.of("unknown_contact", "contact_id", unknown("C", "anonymous_id")),
                  Fault.of("identity_names_nobody", "contact_id", null, "lead_id", null),
                  Fault.of("unparseable_value", "identified_at", "soon")),
              Map.of());
      case "spend" ->
          apply(
              rows,
              concat(col("campaign_id"), lit("/"), col("month")),
              List.of("amount"),
              List.of(
                  Fault.of("negative_amount", "amount", negate(col("amount")).cast("string")),
                  Fault.of("bad_month", "month", concat(col("month"), lit("-99"))),
                  Fault.of("unparseable_value", "amount", "about 1200"),
                  Fault.of("timestamp_after_as_of", "month", "2027-01")),
              Map.of());
      case "campaigns" ->
          apply(
              rows,
              col("campaign_id"),
              List.of(),
              List.of(Fault.of("null_key", "campaign_id", null)),
              Map.of("name", lit("conflicting copy")));
      default -> rows;
    };
  }

  private static List<Fault> opportunityFaults() {
    return List.of(
        Fault.of("null_key", "opportunity_id", null),
        Fault.of("unknown_stage", "stage", "Negotiation"),
        Fault.of("closed_without_closed_at", "stage", "won", "closed_at", null),
        Fault.of("negative_amount", "amount", negate(col("amount")).cast("string")),
        Fault.of("null_required_value", "amount", null),
        Fault.of("unparseable_value", "amount", "12k"),
        Fault.of("non_finite_amount", "amount", "NaN"),
        Fault.of("unknown_currency", "currency", "XYZ"),
        Fault.of("timestamp_after_as_of", "created_at", AFTER_AS_OF));
  }

  /**
   * Applies the faults to a fraction of the rows each, adds a conflicting copy (same key, {@code
   * conflictChanges}) of a further fraction when there are such changes, then duplicates a fraction
   * of the result exactly.
   */
  private Dataset<Row> apply(
      Dataset<Row> rows,
      Column id,
      List<String> textColumns,
      List<Fault> faults,
      Map<String, Column> conflictChanges) {
    Dataset<Row> text = rows;
    for (String column : textColumns) {
      Column value =
          rows.schema().apply(column).dataType().typeName().equals("timestamp")
              ? date_format(col(column), ISO)
              : col(column).cast("string");
      text = text.withColumn(column, value);
    }
    Dataset<Row> drawn =
        text.withColumn(DRAW, random.uniform("fault", id))
            .withColumn(DUPLICATE_DRAW, random.uniform("duplicate", id));
    List<Column> broken = new ArrayList<>();
    for (String column : rows.columns()) {
      Column value = col(column);
      for (int k = 0; k < faults.size(); k++) {
        Column change = faults.get(k).changes().get(column);
        if (change != null) {
          value =
              when(drawnIn(k), change.cast(drawn.schema().apply(column).dataType()))
                  .otherwise(value);
        }
      }
      broken.add(value.as(column));
    }
    broken.add(col(DUPLICATE_DRAW));
    Dataset<Row> result = drawn.select(broken.toArray(Column[]::new));
    if (!conflictChanges.isEmpty()) {
      List<Column> copy = new ArrayList<>();
      for (String column : rows.columns()) {
        Column change = conflictChanges.get(column);
        copy.add(
            change == null
                ? col(column)
                : change.cast(drawn.schema().apply(column).dataType()).as(column));
      }
      copy.add(col(DUPLICATE_DRAW));
      result =
          result.unionByName(
              drawn.filter(drawnIn(faults.size())).select(copy.toArray(Column[]::new)));
    }
    Dataset<Row> duplicates = result.filter(col(DUPLICATE_DRAW).lt(rate));
    return result.unionByName(duplicates).drop(DUPLICATE_DRAW);
  }

  private Column drawnIn(int kind) {
    return col(DRAW).geq(kind * rate).and(col(DRAW).lt((kind + 1) * rate));
  }

  private static Column unknown(String prefix, String idColumn) {
    return concat(lit(prefix + "-UNKNOWN-"), col(idColumn));
  }
}
