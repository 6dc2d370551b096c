package io.revattr.jobs.ledger;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.revattr.common.schema.Stages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Checks the credits a run wrote against the usable opportunities, per model (DESIGN.md section 4):
 * credits add up to 1 per opportunity, revenue credits to the won amount, none is negative.
 *
 * <p>One Spark job: an aggregation of the credits by model and opportunity, joined to the expected
 * model x opportunity grid; the result is one row per model.
 */
public final class CreditReconciliation {
  /** Absolute tolerance of a credit sum; relative (to max(1, amount)) for revenue. */
  public static final double TOLERANCE = 1e-9;

  private CreditReconciliation() {}

  /**
   * @param credits the credits as written: model, opportunity_id, credit, revenue_credit
   * @param opportunities the usable opportunities: opportunity_id, stage, amount
   * @param models every model the run computed
   */
  public static List<ModelCheck> check(
      Dataset<Row> credits, Dataset<Row> opportunities, List<String> models) {
    Dataset<Row> sums =
        credits
            .groupBy(col("model").as("_model"), col("opportunity_id").as("_opportunity_id"))
            .agg(
                sum("credit").as("_credit"),
                sum("revenue_credit").as("_revenue"),
                sum(when(col("credit").lt(0), 1).otherwise(0)).as("_negative"));
    Dataset<Row> expected =
        opportunities
            .select(
                col("opportunity_id"),
                when(col("stage").equalTo(Stages.WON), col("amount")).otherwise(0.0).as("_won"))
            .withColumn(
                "model", explode(array(models.stream().map(m -> lit(m)).toArray(Column[]::new))));
    Dataset<Row> joined =
        expected.join(
            sums,
            expected
                .col("model")
                .equalTo(sums.col("_model"))
                .and(expected.col("opportunity_id").equalTo(sums.col("_opportunity_id"))),
            "left_outer");
    Column creditOff = coalesce(abs(col("_credit").minus(1.0)).gt(TOLERANCE), lit(true));
    Column revenueOff =
        coalesce(
            abs(col("_revenue").minus(col("_won")))
                .gt(greatest(lit(1.0), abs(col("_won"))).multiply(TOLERANCE)),
            lit(true));
    // One row per model: small, so collecting it is fine.
    List<Row> rows =
        joined
            .groupBy("model")
            .agg(
                count(lit(1)).as("opportunities"),
                sum(when(creditOff, 1L).otherwise(0L)).as("credit_mismatches"),
                sum(when(revenueOff, 1L).otherwise(0L)).as("revenue_mismatches"),
                sum(coalesce(col("_negative"), lit(0L))).as("negative_credits"))
            .collectAsList();
    Map<String, Row> byModel = new HashMap<>();
    rows.forEach(r -> byModel.put(r.getString(0), r));
    List<ModelCheck> checks = new ArrayList<>();
    for (String model : models) {
      Row r = byModel.get(model);
      checks.add(
          r == null
              ? new ModelCheck(model, 0, 0, 0, 0)
              : new ModelCheck(model, r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)));
    }
    return checks;
  }
}
