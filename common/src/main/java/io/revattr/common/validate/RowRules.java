package io.revattr.common.validate;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.revattr.common.config.RevattrConfig.ReportingConfig;
import io.revattr.common.schema.InputConformance;
import io.revattr.common.schema.InputTable;
import io.revattr.common.schema.Stages;
import io.revattr.common.schema.Teams;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Column;

/** The quarantine rules that look at one record alone, per table (DESIGN.md section 6). */
final class RowRules {
  /** The reason code of a timestamp after the run's as-of. */
  static final String AFTER_AS_OF = "timestamp_after_as_of";

  private RowRules() {}

  /**
   * Rules every table shares: a malformed line (first: its values are not where the header says),
   * null key, unparseable values, null required values (a blank text value is null after {@link
   * InputConformance}).
   */
  static List<QuarantineRule> common(InputTable table) {
    List<QuarantineRule> rules = new ArrayList<>();
    rules.add(malformedRow());
    if (table.keyColumn() != null) {
      rules.add(
          new QuarantineRule(
              "null_key",
              lit("the key " + table.keyColumn() + " is empty"),
              col(table.keyColumn()).isNull()));
    }
    rules.add(
        new QuarantineRule(
            "unparseable_value",
            concat(
                lit("cannot parse "),
                array_join(col(InputConformance.PARSE_ERRORS), ", "),
                lit(" (timestamps are ISO-8601 in UTC, amounts are numbers)")),
            size(col(InputConformance.PARSE_ERRORS)).gt(0)));
    for (String required : table.requiredColumns()) {
      if (!required.equals(table.keyColumn())) {
        rules.add(
            new QuarantineRule(
                "null_required_value",
                lit("the required value " + required + " is empty"),
                col(required).isNull()));
      }
    }
    return rules;
  }

  /**
   * A line whose fields do not match the header (an unquoted comma, a field missing, a last value
   * cut by a line break): its values would be shifted or cut, so the record is not used. The reason
   * shows the line as read.
   */
  private static QuarantineRule malformedRow() {
    Column line = col(InputConformance.MALFORMED_ROW + ".line");
    Column fields = col(InputConformance.MALFORMED_ROW + ".fields");
    Column headerFields = col(InputConformance.MALFORMED_ROW + ".header_fields");
    // A quoted value with a line break splits its record into lines read apart: the first ends
    // inside the quoted value, and a later one whose quotes do not pair up is such a piece too.
    String oneLine =
        "a CSV record must be one line; export such text as Parquet or Delta, or without line"
            + " breaks)";
    Column unpairedQuotes =
        length(line).minus(length(regexp_replace(line, "\"", ""))).mod(2).equalTo(1);
    Column splitHint =
        when(
                unpairedQuotes,
                lit(
                    " (its double quotes do not pair up, as in a record split by a line break"
                        + " inside a quoted value: "
                        + oneLine))
            .otherwise(lit(""));
    Column reason =
        when(
                InputConformance.endsInsideQuotedValue(line),
                concat(
                    lit(
                        "the CSV line ends inside a quoted value (as the first line of a record"
                            + " split by a line break inside it does, or a file cut short): "),
                    line,
                    lit(" (" + oneLine)))
            .when(
                fields.notEqual(headerFields),
                concat(
                    lit("the CSV line has "),
                    fields.cast("string"),
                    lit(" fields where the header has "),
                    headerFields.cast("string"),
                    lit(": "),
                    line,
                    splitHint))
            .otherwise(
                concat(
                    lit("the CSV line does not split into the header's "),
                    headerFields.cast("string"),
                    lit(" fields: "),
                    line,
                    splitHint));
    return new QuarantineRule(
        "malformed_row", reason, col(InputConformance.MALFORMED_ROW).isNotNull());
  }

  /** A timestamp after the end of the as-of day. */
  static QuarantineRule afterAsOf(String column, Instant asOfEnd, Column when) {
    return new QuarantineRule(
        AFTER_AS_OF,
        concat(
            lit(column + " "),
            col(column).cast("string"),
            lit(" is after the run's as-of date " + asOfDate(asOfEnd))),
        when.and(col(column).gt(lit(Timestamp.from(asOfEnd)))));
  }

  /**
   * Opportunity rules: stage, closed_at, amount, currency (when amounts are converted into a
   * reporting currency), timestamps. An open opportunity's closed_at is an expected close date and
   * is not checked.
   */
  static List<QuarantineRule> opportunities(Instant asOfEnd, ReportingConfig reporting) {
    Column closedStage = Stages.isClosed(col("stage"));
    List<QuarantineRule> rules = new ArrayList<>();
    rules.add(
        new QuarantineRule(
            "unknown_stage",
            concat(
                lit("stage '"),
                col("stage"),
                lit("' is not open, won or lost after the stage mapping (input.stage_mapping)")),
            col("stage").isin(Stages.ALL.toArray()).unary_$bang()));
    rules.add(
        new QuarantineRule(
            "closed_without_closed_at",
            concat(lit("the opportunity is "), col("stage"), lit(" but has no closed_at")),
            closedStage.and(col("closed_at").isNull())));
    rules.add(nonFiniteAmount());
    rules.add(negativeAmount("the amount"));
    if (reporting.currency().isPresent()) {
      String target = reporting.currency().get();
      TreeSet<String> known = new TreeSet<>(reporting.rates().keySet());
      known.add(target);
      rules.add(
          new QuarantineRule(
              "unknown_currency",
              concat(
                  when(
                          col("currency").isNull(),
                          lit("the opportunity has no currency, so its amount cannot be converted"))
                      .otherwise(concat(lit("currency '"), col("currency"), lit("' has no rate"))),
                  lit(
                      " into "
                          + target
                          + " (reporting.rates knows "
                          + String.join(", ", known)
                          + ")")),
              coalesce(col("currency").isin(known.toArray()), lit(false)).unary_$bang()));
    }
    rules.add(afterAsOf("created_at", asOfEnd, lit(true)));
    rules.add(afterAsOf("closed_at", asOfEnd, closedStage));
    return rules;
  }

  /**
   * A touch's own team that is neither marketing nor sales (letter case aside). An empty team (null
   * after conformance) is not checked here: it is derived from the touch type.
   */
  static QuarantineRule unknownTeam() {
    Column team = Teams.normalized(col("team"));
    return new QuarantineRule(
        "unknown_team",
        concat(
            lit("team '"),
            col("team"),
            lit(
                "' is neither marketing nor sales (an empty team is derived from touch_type by"
                    + " input.team_by_touch_type)")),
        team.isin(Teams.ALL.toArray()).unary_$bang());
  }

  /**
   * Spend rules: amounts that are negative or not finite, months that are not months, months that
   * start after the as-of date (spend the run's revenue cannot have come from).
   */
  static List<QuarantineRule> spend(Instant asOfEnd) {
    Column isMonth = col("month").rlike("^[0-9]{4}-(0[1-9]|1[0-2])$");
    LocalDate asOf = asOfDate(asOfEnd);
    return List.of(
        nonFiniteAmount(),
        negativeAmount("the spend amount"),
        new QuarantineRule(
            "bad_month",
            concat(lit("month '"), col("month"), lit("' is not a month (YYYY-MM)")),
            isMonth.unary_$bang()),
        new QuarantineRule(
            AFTER_AS_OF,
            concat(lit("month "), col("month"), lit(" starts after the run's as-of date " + asOf)),
            to_date(concat(col("month"), lit("-01"))).gt(lit(java.sql.Date.valueOf(asOf)))));
  }

  private static QuarantineRule nonFiniteAmount() {
    Column amount = col("amount");
    // As read: text such as 1e400 parses to Infinity, which would not say what to fix.
    Column asRead = col(InputConformance.RAW_RECORD).getField("amount").cast("string");
    return new QuarantineRule(
        "non_finite_amount",
        concat(
            lit("the amount "),
            coalesce(asRead, amount.cast("string")),
            lit(" is not a finite number")),
        isnan(amount)
            .or(amount.equalTo(Double.POSITIVE_INFINITY))
            .or(amount.equalTo(Double.NEGATIVE_INFINITY)));
  }

  private static QuarantineRule negativeAmount(String what) {
    return new QuarantineRule(
        "negative_amount",
        concat(lit(what + " "), col("amount").cast("string"), lit(" is negative")),
        col("amount").lt(0));
  }

  private static LocalDate asOfDate(Instant asOfEnd) {
    return LocalDate.ofInstant(asOfEnd, ZoneOffset.UTC);
  }
}
