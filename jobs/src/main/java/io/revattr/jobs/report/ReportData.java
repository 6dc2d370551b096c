package io.revattr.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.revattr.common.report.AnalystTables;
import io.revattr.common.report.ModelComparison;
import io.revattr.common.report.OpportunityVelocity;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The rows the HTML report shows, read from the run's committed tables. Every result here is small
 * (models x channels, teams or day buckets), so it is collected to the driver.
 */
final class ReportData {
  /** Width of a bucket of the time-to-close histogram, in days. */
  static final int BUCKET_DAYS = 30;

  /** Buckets of the histogram; the last one holds every longer journey. */
  static final int BUCKETS = 13;

  private final SparkSession spark;
  private final LocalDate asOf;

  /**
   * @param spark a session where the result tables are registered by name ({@link
   *     io.revattr.jobs.sql.ResultCatalog}), showing committed runs only
   * @param asOf the as-of date whose rows are shown
   */
  ReportData(SparkSession spark, LocalDate asOf) {
    this.spark = spark;
    this.asOf = asOf;
  }

  /** The as-of's rows of a result table. */
  Dataset<Row> table(String name) {
    return spark.table(name).filter(col("as_of").equalTo(lit(Date.valueOf(asOf))));
  }

  /** The models of the run, in the order of the configuration (the comparison's columns). */
  List<String> models() {
    // One row per model: small.
    Set<String> present =
        table(AnalystTables.ATTRIBUTION_SUMMARY).select("model").distinct().collectAsList().stream()
            .map(r -> r.getString(0))
            .collect(Collectors.toSet());
    String prefix = ModelComparison.revenueColumn("");
    return Arrays.stream(spark.table(AnalystTables.MODEL_COMPARISON).columns())
        .filter(c -> c.startsWith(prefix))
        .map(c -> c.substring(prefix.length()))
        .filter(present::contains)
        .toList();
  }

  /** The ids of the runs whose rows are shown (one, unless the output is being rewritten). */
  List<String> runIds() {
    return table(AnalystTables.ATTRIBUTION_SUMMARY)
        .select("run_id")
        .distinct()
        .collectAsList()
        .stream()
        .map(r -> r.getString(0))
        .sorted()
        .toList();
  }

  /** The currencies of the summary, the one with the most revenue first. */
  List<String> currencies() {
    return table(AnalystTables.ATTRIBUTION_SUMMARY)
        .filter(col("dimension").equalTo("channel"))
        .groupBy(col("currency"))
        .agg(sum(col("attributed_revenue")).as("revenue"))
        .orderBy(col("revenue").desc())
        .collectAsList()
        .stream()
        .map(r -> r.isNullAt(0) ? null : r.getString(0))
        .toList();
  }

  /** Summary rows of one dimension and currency: every model's. */
  List<Row> summary(String dimension, String currency) {
    return inCurrency(table(AnalystTables.ATTRIBUTION_SUMMARY), currency)
        .filter(col("dimension").equalTo(dimension))
        .orderBy(col("model"), col("revenue_rank"), col("value"))
        .collectAsList();
  }

  /** Model comparison rows of one dimension and currency, by spread. */
  List<Row> comparison(String dimension, String currency) {
    return inCurrency(table(AnalystTables.MODEL_COMPARISON), currency)
        .filter(col("dimension").equalTo(dimension))
        .orderBy(col("revenue_spread").desc(), col("value"))
        .collectAsList();
  }

  /** Forecast rows of one dimension, model and currency. */
  List<Row> forecast(String dimension, String model, String currency) {
    return inCurrency(table(AnalystTables.PIPELINE_FORECAST), currency)
        .filter(col("dimension").equalTo(dimension).and(col("model").equalTo(model)))
        .orderBy(col("expected_revenue").desc_nulls_last(), col("value"))
        .collectAsList();
  }

  /**
   * Closed opportunities per stage and bucket of days from the first touch to the close: stage,
   * bucket (0 .. BUCKETS - 1), opportunities.
   */
  List<Row> timeToClose() {
    return table(AnalystTables.OPPORTUNITY_VELOCITY)
        .filter(col("is_closed").and(col(OpportunityVelocity.DAYS_FROM_FIRST_TOUCH).isNotNull()))
        .groupBy(
            col("stage"),
            least(
                    floor(col(OpportunityVelocity.DAYS_FROM_FIRST_TOUCH).divide(BUCKET_DAYS)),
                    lit(BUCKETS - 1))
                .cast("int")
                .as("bucket"))
        .agg(count(lit(1)).as("opportunities"))
        .orderBy(col("bucket"), col("stage"))
        .collectAsList();
  }

  /** Opportunities per stage with their amount, in the given currency. */
  List<Row> stages(String currency) {
    return inCurrency(table(AnalystTables.OPPORTUNITY_VELOCITY), currency)
        .groupBy(col("stage"))
        .agg(count(lit(1)).as("opportunities"), sum(col("amount")).as("amount"))
        .orderBy(col("stage"))
        .collectAsList();
  }

  private static Dataset<Row> inCurrency(Dataset<Row> rows, String currency) {
    return rows.filter(col("currency").eqNullSafe(lit(currency)));
  }
}
