package io.revattr.jobs.generate;

import static io.revattr.jobs.generate.SampleWarehouse.DAY;
import static io.revattr.jobs.generate.SampleWarehouse.childId;
import static io.revattr.jobs.generate.SampleWarehouse.indices;
import static io.revattr.jobs.generate.SampleWarehouse.ts;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Opportunities and their contact roles in the sample warehouse. */
final class SampleDeals {
  private final SampleRandom random;

  SampleDeals(SampleRandom random) {
    this.random = random;
  }

  /**
   * Zero to three opportunities per account (times its size scale in a skewed warehouse): 45% won,
   * 30% lost, 25% open; amounts from 5,000 to 200,000 (log-uniform) in USD, EUR or GBP; one in
   * twenty is a historic deal that closed before the account's first touch, so it has no touches.
   */
  Dataset<Row> opportunities(Dataset<Row> accounts) {
    Dataset<Row> rows =
        accounts.withColumn(
            "k",
            indices(
                random
                    .between(0, 3, "opportunities", col("account_id"))
                    .multiply(col(SampleWarehouse.SIZE_SCALE))));
    Column key = col("account_id");
    Column k = col("k");
    Column historic = random.uniform("historic", key, k).lt(0.05);
    Column created =
        when(historic, col("start_s").minus(200 * DAY))
            .otherwise(
                col("start_s")
                    .plus(
                        random.uniform("opp_created", key, k).multiply(col("span_s")).multiply(0.7))
                    .cast("long"));
    Column stageDraw = random.uniform("stage", key, k);
    Column stage =
        when(stageDraw.lt(0.45), "won").when(stageDraw.lt(0.75), "lost").otherwise("open");
    Column cycle =
        when(historic, lit(30 * DAY))
            .otherwise(random.between(20, 150, "cycle", key, k).multiply(DAY));
    Column closed =
        when(stage.notEqual("open"), created.plus(cycle))
            .when(random.uniform("expected_close", key, k).lt(0.5), created.plus(120 * DAY));
    Column amount =
        round(
            exp(lit(Math.log(5_000)).plus(random.uniform("amount", key, k).multiply(Math.log(40)))),
            -2);
    Column currencyDraw = random.uniform("currency", key, k);
    Column currency =
        when(currencyDraw.lt(0.75), "USD").when(currencyDraw.lt(0.9), "EUR").otherwise("GBP");
    return rows.select(
        childId("OPP", k).as("opportunity_id"),
        col("account_id"),
        ts(created).as("created_at"),
        ts(closed).as("closed_at"),
        stage.as("stage"),
        amount.as("amount"),
        currency.as("currency"));
  }

  /**
   * Contact roles: nine opportunities in ten have roles; contact 1 is the primary decision maker
   * and each other contact has a role with probability one half.
   */
  Dataset<Row> roles(Dataset<Row> opportunities, Dataset<Row> accounts) {
    Dataset<Row> perContact =
        opportunities
            .select(col("opportunity_id"), col("account_id"))
            .join(accounts.select("account_id", "n_contacts"), "account_id")
            .withColumn("i", indices(col("n_contacts")));
    Column opp = col("opportunity_id");
    Column i = col("i");
    Column hasRoles = random.uniform("has_roles", opp).lt(0.9);
    Column included = i.equalTo(1).or(random.uniform("role", opp, i).lt(0.5));
    return perContact
        .filter(hasRoles.and(included))
        .select(
            opp,
            childId("C", i).as("contact_id"),
            when(i.equalTo(1), "Decision Maker")
                .otherwise(
                    ChannelCatalog.pick(
                        List.of("Champion", "Influencer", "Evaluator"),
                        random.uniform("role_name", opp, i)))
                .as("role"),
            i.equalTo(1).as("is_primary"));
  }
}
