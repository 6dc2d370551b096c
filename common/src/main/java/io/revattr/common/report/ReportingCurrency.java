package io.revattr.common.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.when;

import io.revattr.common.config.RevattrConfig.ReportingConfig;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The currency of the analyst tables' amounts ({@code reporting.currency} and {@code
 * reporting.rates}).
 *
 * <p>With a reporting currency, every amount is converted into it: an amount in currency {@code C}
 * is multiplied by {@code rates.C} (the value of one unit of C in the reporting currency); amounts
 * already in the reporting currency are taken as they are. An amount with no currency, or in a
 * currency without a rate, is never summed: validation quarantines such opportunities, and should
 * one reach the aggregates anyway the query fails with a message naming the currency.
 *
 * <p>Without a reporting currency, amounts stay in their own currency and every aggregate keeps
 * {@code currency} in its grain, so that amounts in different currencies are never added up.
 */
public final class ReportingCurrency {
  private final String target;
  private final Map<String, Double> rates;

  private ReportingCurrency(String target, Map<String, Double> rates) {
    this.target = target;
    this.rates = new TreeMap<>(rates);
  }

  /** From the configuration (which has checked the reporting currency's own rate). */
  public static ReportingCurrency of(ReportingConfig config) {
    return new ReportingCurrency(config.currency().orElse(null), config.rates());
  }

  /** No conversion: amounts stay in their own currency. */
  public static ReportingCurrency none() {
    return new ReportingCurrency(null, Map.of());
  }

  /** Conversion into {@code target} with the given rates. */
  public static ReportingCurrency into(String target, Map<String, Double> rates) {
    return new ReportingCurrency(target, rates);
  }

  /** The reporting currency, when amounts are converted. */
  public Optional<String> target() {
    return Optional.ofNullable(target);
  }

  /**
   * The amount in the reporting currency (the amount itself without conversion).
   *
   * @param amount an amount column
   * @param currency the amount's currency column
   */
  public Column amount(Column amount, Column currency) {
    if (target == null) {
      return amount;
    }
    Column rate = when(currency.equalTo(lit(target)), lit(1.0));
    for (Map.Entry<String, Double> r : rates.entrySet()) {
      rate = rate.when(currency.equalTo(lit(r.getKey())), lit(r.getValue()));
    }
    Column unknown =
        raise_error(
            when(
                    currency.isNull(),
                    lit(
                        "Amounts with no currency cannot be converted into "
                            + target
                            + "; validation quarantines such opportunities (unknown_currency)."))
                .otherwise(
                    concat(
                        lit("Amounts in currency '"),
                        currency,
                        lit("' cannot be converted into " + target + ": add reporting.rates."),
                        currency,
                        lit(" to the config."))));
    return when(amount.isNull(), lit(null).cast("double"))
        .otherwise(amount.multiply(rate.otherwise(unknown)));
  }

  /** The currency the amount is reported in: the reporting currency, or the amount's own. */
  public Column currency(Column currency) {
    return target == null ? currency : lit(target);
  }

  /**
   * Converts credit rows: revenue_credit and pipeline_credit into the reporting currency, currency
   * set to it (a no-op without a reporting currency).
   */
  public Dataset<Row> convertCredits(Dataset<Row> credits) {
    if (target == null) {
      return credits;
    }
    return credits
        .withColumn("revenue_credit", amount(col("revenue_credit"), col("currency")))
        .withColumn("pipeline_credit", amount(col("pipeline_credit"), col("currency")))
        .withColumn("currency", currency(col("currency")));
  }
}
