package io.revattr.common.report;

import static io.revattr.testsupport.DataFrameAssert.assertRows;
import static io.revattr.testsupport.DataFrameAssert.assertSameRows;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.revattr.testsupport.Frames;
import io.revattr.testsupport.SharedSpark;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ExactMedianTest {
  private static final StructType ROWS =
      new StructType()
          .add("model", DataTypes.StringType)
          .add("currency", DataTypes.StringType)
          .add("days", DataTypes.DoubleType);

  @Test
  void middleValueOrMeanOfTheTwoMiddleValuesPerGroup() {
    Dataset<Row> rows =
        Frames.of(
            ROWS,
            // odd count, unsorted, a duplicate: 1, 4, 4 -> 4
            new Object[] {"a", "USD", 4.0},
            new Object[] {"a", "USD", 1.0},
            new Object[] {"a", "USD", 4.0},
            // even count and a null value ignored: 2, 3, 10, 20 -> (3 + 10) / 2
            new Object[] {"a", "EUR", 20.0},
            new Object[] {"a", "EUR", 2.0},
            new Object[] {"a", "EUR", null},
            new Object[] {"a", "EUR", 10.0},
            new Object[] {"a", "EUR", 3.0},
            // a null currency is a group of its own: 7, 9 -> 8
            new Object[] {"a", null, 9.0},
            new Object[] {"a", null, 7.0},
            // one value
            new Object[] {"b", "USD", -1.5},
            // only nulls: no row
            new Object[] {"c", "USD", null});

    assertRows(
        ExactMedian.of(rows, "days", "median_days", "model", "currency"),
        Arrays.asList(
            Arrays.asList("a", "USD", 4.0),
            Arrays.asList("a", "EUR", 6.5),
            Arrays.asList("a", null, 8.0),
            Arrays.asList("b", "USD", -1.5)));
  }

  @Test
  void middleValuesInTheSameOrInNeighbouringDays() {
    Dataset<Row> rows =
        Frames.of(
            ROWS,
            // -0.5, 0.25, 0.5, 3 -> both middle values in day 0: (0.25 + 0.5) / 2
            new Object[] {"d", "USD", 3.0},
            new Object[] {"d", "USD", 0.5},
            new Object[] {"d", "USD", -0.5},
            new Object[] {"d", "USD", 0.25},
            // 0.9 (day 0), 1.1 (day 1) -> 1.0
            new Object[] {"e", "USD", 1.1},
            new Object[] {"e", "USD", 0.9},
            // 1.99, 2, 2, 2, 7 -> 2: the middle rank falls among ties that fill day 2
            new Object[] {"f", "USD", 2.0},
            new Object[] {"f", "USD", 7.0},
            new Object[] {"f", "USD", 2.0},
            new Object[] {"f", "USD", 1.99},
            new Object[] {"f", "USD", 2.0},
            // -3.5, -2.25, 10, 11, 12, 13: middle values in days 10 and 11 -> 10.5
            new Object[] {"g", "USD", 13.0},
            new Object[] {"g", "USD", -2.25},
            new Object[] {"g", "USD", 11.0},
            new Object[] {"g", "USD", -3.5},
            new Object[] {"g", "USD", 12.0},
            new Object[] {"g", "USD", 10.0});

    assertRows(
        ExactMedian.of(rows, "days", "median_days", "model", "currency"),
        Arrays.asList(
            Arrays.asList("d", "USD", 0.375),
            Arrays.asList("e", "USD", 1.0),
            Arrays.asList("f", "USD", 2.0),
            Arrays.asList("g", "USD", 10.5)));
  }

  @Test
  void agreesWithSparksMedianOnManyGroups() {
    // 300 groups (more than Spark's object-aggregate fallback threshold) of 1 to 40 values.
    Dataset<Row> rows =
        SharedSpark.spark()
            .range(6_000)
            .select(
                pmod(xxhash64(col("id"), col("id")), lit(300)).cast("string").as("group"),
                when(pmod(col("id"), lit(17)).equalTo(0), null)
                    .otherwise(pmod(xxhash64(col("id")), lit(1000)))
                    .cast("double")
                    .divide(7)
                    .as("days"));

    assertSameRows(
        ExactMedian.of(rows, "days", "median_days", "group"),
        rows.filter(col("days").isNotNull())
            .groupBy("group")
            .agg(median(col("days")).as("median_days")),
        1e-9);
  }

  @Test
  void rowsRepeatedIntoSeveralGroupsAgreeWithSparksMedianOverTheRepeatedRows() {
    // Each row belongs to one group per key (as a credit row to a value of each dimension); many
    // rows share a group, and most lie outside every group's middle bucket.
    Dataset<Row> rows =
        SharedSpark.spark()
            .range(4_000)
            .select(
                pmod(xxhash64(col("id")), lit(40)).cast("string").as("channel"),
                when(pmod(col("id"), lit(11)).equalTo(0), null)
                    .otherwise(pmod(xxhash64(col("id"), lit(1)), lit(25)).cast("string"))
                    .as("campaign"),
                when(pmod(col("id"), lit(13)).equalTo(0), null)
                    .otherwise(pmod(xxhash64(col("id"), lit(2)), lit(500)))
                    .cast("double")
                    .divide(3)
                    .as("days"));
    UnaryOperator<Dataset<Row>> perKey =
        keyed ->
            keyed
                .withColumn(
                    "_cell",
                    explode(
                        array(
                            struct(lit("channel").as("key"), col("channel").as("value")),
                            struct(lit("campaign").as("key"), col("campaign").as("value")))))
                .withColumn("key", col("_cell.key"))
                .withColumn("value", col("_cell.value"))
                .drop("_cell");

    assertSameRows(
        ExactMedian.of(rows, "days", "median_days", perKey, "key", "value"),
        perKey
            .apply(rows)
            .filter(col("days").isNotNull())
            .groupBy("key", "value")
            .agg(median(col("days")).as("median_days")),
        1e-9);
  }
}
