package io.revattr.common.validate;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;

import io.revattr.common.schema.InputConformance;
import io.revattr.common.schema.InputTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

/** The quarantine rules that look at one record alone, per table (DESIGN.md section 6). */
final class RowRules {
  private RowRules() {}

  /** Rules every table shares: null key, unparseable values, null required values. */
  static List<QuarantineRule> common(InputTable table) {
    List<QuarantineRule> rules = new ArrayList<>();
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
                lit("cannot parse the value of "),
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

  /** A timestamp after the end of the as-of day. */
  static QuarantineRule afterAsOf(String column, Instant asOfEnd, Column when) {
    return new QuarantineRule(
        "timestamp_after_as_of",
        lit(column + " is after the run's as-of date"),
        when.and(col(column).gt(lit(Timestamp.from(asOfEnd)))));
  }

  /** Opportunity rules: stage, closed_at, amount, timestamps. */
  static List<QuarantineRule> opportunities(Instant asOfEnd) {
    Column closedStage = col("stage").isin("won", "lost");
    return List.of(
        new QuarantineRule(
            "unknown_stage",
            concat(
                lit("stage '"),
                col("stage"),
                lit("' is not open, won or lost after the stage mapping (input.stage_mapping)")),
            col("stage").isin("open", "won", "lost").unary_$bang()),
        new QuarantineRule(
            "closed_without_closed_at",
            concat(lit("the opportunity is "), col("stage"), lit(" but has no closed_at")),
            closedStage.and(col("closed_at").isNull())),
        new QuarantineRule("negative_amount", lit("the amount is negative"), col("amount").lt(0)),
        afterAsOf("created_at", asOfEnd, lit(true)),
        afterAsOf("closed_at", asOfEnd, closedStage));
  }

  /** Spend rules: negative amounts and months that are not months. */
  static List<QuarantineRule> spend() {
    return List.of(
        new QuarantineRule(
            "negative_amount", lit("the spend amount is negative"), col("amount").lt(0)),
        new QuarantineRule(
            "bad_month",
            concat(lit("month '"), col("month"), lit("' is not a month (YYYY-MM)")),
            col("month").rlike("^[0-9]{4}-(0[1-9]|1[0-2])$").unary_$bang()));
  }
}
