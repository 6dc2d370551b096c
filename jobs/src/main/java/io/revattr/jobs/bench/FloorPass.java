package io.revattr.jobs.bench;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.revattr.common.schema.Stages;
import io.revattr.jobs.io.InputFormat;
import io.revattr.jobs.io.ResultWriter;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * The benchmark's floor: what Spark itself needs to read the warehouse, join touches to the
 * opportunities of their account within the journey window (the run's default account mapping),
 * sort each journey once and write as many rows as the full run writes to {@code
 * attribution_credits}, to Delta, with no validation, people rules or attribution logic.
 *
 * <p>A touch's account is its contact's (directly or through the lead converted into it), else the
 * account its lead was converted to, else its own account_id; anonymous visitors are not resolved
 * through identities. Each journey row is repeated once per model and a hash of (opportunity,
 * touch, model) keeps the share of copies that makes the row count match the full run's to within
 * sampling noise (well under 0.1% at a million rows).
 */
final class FloorPass {
  private static final long HASH_BUCKETS = 1_000_000L;

  private FloorPass() {}

  /**
   * The rows the floor writes.
   *
   * @param input the warehouse directory
   * @param format its tables' format: Parquet or CSV
   * @param asOfEnd the end of the as-of day: the window end of open opportunities
   * @param models the model names, one copy of each journey row per name
   * @param keptShare the share of the copies to keep, in [0, 1]
   */
  static Dataset<Row> rows(
      SparkSession spark,
      String input,
      InputFormat format,
      Instant asOfEnd,
      List<String> models,
      double keptShare) {
    Dataset<Row> touches =
        read(spark, input, format, "touchpoints")
            .withColumn("occurred_at", col("occurred_at").cast(DataTypes.TimestampType));
    Dataset<Row> leads =
        read(spark, input, format, "leads")
            .select(
                col("lead_id"),
                col("converted_contact_id").as("_lead_contact_id"),
                col("converted_account_id").as("_lead_account_id"));
    Dataset<Row> contacts =
        read(spark, input, format, "contacts")
            .select(
                col("contact_id").as("_person_contact_id"),
                col("account_id").as("_contact_account_id"));
    Dataset<Row> resolved =
        touches
            .join(leads, touches.col("lead_id").equalTo(leads.col("lead_id")), "left_outer")
            .drop(leads.col("lead_id"))
            .join(
                contacts,
                coalesce(col("contact_id"), col("_lead_contact_id"))
                    .equalTo(col("_person_contact_id")),
                "left_outer")
            .withColumn(
                "_touch_account_id",
                coalesce(col("_contact_account_id"), col("_lead_account_id"), col("account_id")));

    Dataset<Row> opportunities =
        read(spark, input, format, "opportunities")
            .select(
                col("opportunity_id"),
                col("account_id").as("_opportunity_account_id"),
                col("stage"),
                col("amount").cast(DataTypes.DoubleType).as("amount"),
                col("currency"),
                when(Stages.isClosed(col("stage")), col("closed_at").cast(DataTypes.TimestampType))
                    .otherwise(lit(Timestamp.from(asOfEnd)))
                    .as("_journey_end"));
    Dataset<Row> journeys =
        opportunities
            .join(
                resolved,
                col("_opportunity_account_id")
                    .equalTo(col("_touch_account_id"))
                    .and(col("occurred_at").leq(col("_journey_end"))),
                "left_outer")
            .withColumn(
                "position",
                row_number()
                    .over(
                        Window.partitionBy(col("opportunity_id"))
                            .orderBy(col("occurred_at"), col("touch_id"))));

    Column modelIndex = col("_model_index");
    Column keep =
        pmod(xxhash64(col("opportunity_id"), col("touch_id"), modelIndex), lit(HASH_BUCKETS))
            .lt(lit(Math.round(keptShare * HASH_BUCKETS)));
    Column credit = lit(1.0).divide(col("position"));
    return journeys
        .withColumn("_model_index", explode(sequence(lit(1), lit(models.size()))))
        .filter(keep)
        .select(
            element_at(array(models.stream().map(m -> lit(m)).toArray(Column[]::new)), modelIndex)
                .as("model"),
            col("opportunity_id"),
            col("touch_id"),
            col("occurred_at"),
            col("channel"),
            col("campaign_id"),
            col("touch_type"),
            col("team"),
            col("stage"),
            col("currency"),
            credit.as("credit"),
            when(col("stage").equalTo(Stages.WON), col("amount").multiply(credit))
                .otherwise(0.0)
                .as("revenue_credit"),
            col("amount").multiply(credit).as("pipeline_credit"));
  }

  /**
   * A table as a bare pass reads it: Parquet typed, CSV by Spark's CSV reader (every value text:
   * the columns the floor computes with are cast, as no-ops on Parquet's own types).
   */
  private static Dataset<Row> read(
      SparkSession spark, String input, InputFormat format, String table) {
    String path = input + "/" + table;
    return switch (format) {
      case PARQUET -> spark.read().parquet(path);
      case CSV ->
          spark.read().option("header", "true").option("escape", InputFormat.CSV_ESCAPE).csv(path);
      default ->
          throw new IllegalArgumentException("the bench reads Parquet or CSV, not " + format);
    };
  }

  /**
   * Writes the rows as the run writes a result table: Delta, partitioned by as_of and run_id,
   * created with the result tables' properties (so that both collect the same file statistics), one
   * commit.
   */
  static void write(Dataset<Row> rows, String location, LocalDate asOf, String runId) {
    rows.withColumn(ResultWriter.AS_OF, lit(Date.valueOf(asOf)))
        .withColumn(ResultWriter.RUN_ID, lit(runId))
        .write()
        .format("delta")
        .mode("overwrite")
        .partitionBy(ResultWriter.PARTITION_COLUMNS.toArray(String[]::new))
        .options(ResultWriter.TABLE_PROPERTIES)
        .save(location);
  }
}
