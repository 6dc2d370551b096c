package io.revattr.common.report;

import io.revattr.testsupport.Frames;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A tiny hand-made run: credits of two models (first touch "ft" and linear "lin") on four
 * opportunities, their opportunities and spend, so that every aggregate can be computed by hand.
 *
 * <pre>
 * o1 won  100 USD closed 2024-03-01: t1 paid_search/CMP-A/marketing 2024-01-01 (60 days before),
 *                                    t2 sales/no campaign/sales     2024-02-20 (10 days before)
 * o2 lost 200 USD closed 2024-04-01: t3 paid_search/CMP-B/marketing 2024-02-01
 * o3 open 400 USD                  : t4 email/CMP-C/marketing       2024-03-15,
 *                                    t5 sales/no campaign/sales     2024-03-20
 * o4 won   50 USD closed 2024-05-01: no touch (unattributed)
 * ft : o1 -> t1, o2 -> t3, o3 -> t4;  lin: halves on o1 and o3, t3 whole on o2.
 * </pre>
 */
final class ReportFixtures {
  static final StructType CREDITS =
      new StructType()
          .add("model", DataTypes.StringType)
          .add("opportunity_id", DataTypes.StringType)
          .add("touch_id", DataTypes.StringType)
          .add("occurred_at", DataTypes.TimestampType)
          .add("channel", DataTypes.StringType)
          .add("campaign_id", DataTypes.StringType)
          .add("touch_type", DataTypes.StringType)
          .add("team", DataTypes.StringType)
          .add("stage", DataTypes.StringType)
          .add("currency", DataTypes.StringType)
          .add("credit", DataTypes.DoubleType)
          .add("revenue_credit", DataTypes.DoubleType)
          .add("pipeline_credit", DataTypes.DoubleType)
          .add("days_to_close", DataTypes.DoubleType);

  static final StructType OPPORTUNITIES =
      new StructType()
          .add("opportunity_id", DataTypes.StringType)
          .add("account_id", DataTypes.StringType)
          .add("stage", DataTypes.StringType)
          .add("amount", DataTypes.DoubleType)
          .add("currency", DataTypes.StringType)
          .add("opportunity_created_at", DataTypes.TimestampType)
          .add("opportunity_closed_at", DataTypes.TimestampType)
          .add("journey_end", DataTypes.TimestampType);

  static final StructType SPEND =
      new StructType()
          .add("channel", DataTypes.StringType)
          .add("campaign_id", DataTypes.StringType)
          .add("month", DataTypes.StringType)
          .add("amount", DataTypes.DoubleType);

  private static final String T1 = "2024-01-01T00:00:00Z";
  private static final String T2 = "2024-02-20T00:00:00Z";
  private static final String T3 = "2024-02-01T00:00:00Z";
  private static final String T4 = "2024-03-15T00:00:00Z";
  private static final String T5 = "2024-03-20T00:00:00Z";

  /** Days from each touch of the won o1 to its close on 2024-03-01. */
  private static final Map<String, Double> WON_DAYS_TO_CLOSE = Map.of("t1", 60.0, "t2", 10.0);

  private ReportFixtures() {}

  static Dataset<Row> credits() {
    return Frames.of(
        CREDITS,
        row("ft", "o1", "t1", T1, "paid_search", "CMP-A", "ad_click", "marketing", "won", 1, 100),
        row("ft", "o2", "t3", T3, "paid_search", "CMP-B", "ad_click", "marketing", "lost", 1, 200),
        row("ft", "o3", "t4", T4, "email", "CMP-C", "email_open", "marketing", "open", 1, 400),
        unattributed("ft"),
        row("lin", "o1", "t1", T1, "paid_search", "CMP-A", "ad_click", "marketing", "won", .5, 100),
        row("lin", "o1", "t2", T2, "sales", null, "meeting", "sales", "won", .5, 100),
        row("lin", "o2", "t3", T3, "paid_search", "CMP-B", "ad_click", "marketing", "lost", 1, 200),
        row("lin", "o3", "t4", T4, "email", "CMP-C", "email_open", "marketing", "open", .5, 400),
        row("lin", "o3", "t5", T5, "sales", null, "sales_call", "sales", "open", .5, 400),
        unattributed("lin"));
  }

  static Dataset<Row> opportunities() {
    String asOfEnd = "2024-12-31T23:59:59.999999Z";
    return Frames.of(
        OPPORTUNITIES,
        new Object[] {
          "o1",
          "a1",
          "won",
          100,
          "USD",
          "2023-12-01T00:00:00Z",
          "2024-03-01T00:00:00Z",
          "2024-03-01T00:00:00Z"
        },
        new Object[] {
          "o2",
          "a1",
          "lost",
          200,
          "USD",
          "2024-01-15T00:00:00Z",
          "2024-04-01T00:00:00Z",
          "2024-04-01T00:00:00Z"
        },
        new Object[] {"o3", "a2", "open", 400, "USD", "2024-03-01T00:00:00Z", null, asOfEnd},
        new Object[] {
          "o4",
          "a3",
          "won",
          50,
          "USD",
          "2024-04-01T00:00:00Z",
          "2024-05-01T00:00:00Z",
          "2024-05-01T00:00:00Z"
        });
  }

  /**
   * Spend: in the period 2024-01..2024-12 paid_search 30 (CMP-A, Jan) + 20 (CMP-B, Feb), email 0
   * (CMP-C), display 10 (CMP-D, a channel no touch carries); outside it paid_search CMP-A 1000 in
   * 2023-12 (before the earliest touch) and 500 in 2025-01 (after the as-of).
   */
  static Dataset<Row> spend() {
    return Frames.of(
        SPEND,
        new Object[] {"paid_search", "CMP-A", "2024-01", 30},
        new Object[] {"paid_search", "CMP-B", "2024-02", 20},
        new Object[] {"paid_search", "CMP-A", "2023-12", 1000},
        new Object[] {"paid_search", "CMP-A", "2025-01", 500},
        new Object[] {"email", "CMP-C", "2024-03", 0},
        new Object[] {"display", "CMP-D", "2024-02", 10});
  }

  static Dataset<Row> noSpend() {
    return Frames.of(SPEND);
  }

  private static Object[] row(
      String model,
      String opportunity,
      String touch,
      String at,
      String channel,
      String campaign,
      String touchType,
      String team,
      String stage,
      double credit,
      double amount) {
    return credit(
        model,
        opportunity,
        touch,
        at,
        channel,
        campaign,
        touchType,
        team,
        stage,
        "USD",
        credit,
        amount,
        stage.equals("won") ? WON_DAYS_TO_CLOSE.get(touch) : null);
  }

  /**
   * One row of {@link #CREDITS}: revenue_credit is amount x credit when won (else 0),
   * pipeline_credit amount x credit.
   */
  static Object[] credit(
      String model,
      String opportunity,
      String touch,
      String at,
      String channel,
      String campaign,
      String touchType,
      String team,
      String stage,
      String currency,
      double credit,
      double amount,
      Double daysToClose) {
    return new Object[] {
      model,
      opportunity,
      touch,
      at,
      channel,
      campaign,
      touchType,
      team,
      stage,
      currency,
      credit,
      stage.equals("won") ? amount * credit : 0.0,
      amount * credit,
      daysToClose
    };
  }

  private static Object[] unattributed(String model) {
    return credit(
        model, "o4", null, null, "(unattributed)", null, null, null, "won", "USD", 1, 50, null);
  }
}
