package io.revattr.common.report;

import static io.revattr.testsupport.DataFrameAssert.assertRows;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.testsupport.Frames;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ModelComparisonTest {
  private static final StructType SUMMARY =
      new StructType()
          .add("model", DataTypes.StringType)
          .add("dimension", DataTypes.StringType)
          .add("value", DataTypes.StringType)
          .add("currency", DataTypes.StringType)
          .add("attributed_revenue", DataTypes.DoubleType)
          .add("revenue_rank", DataTypes.IntegerType);

  @Test
  void pivotsRevenueAndRankPerModelWithTheirSpread() {
    Dataset<Row> summary =
        Frames.of(
            SUMMARY,
            new Object[] {"first_touch", "channel", "paid_search", "USD", 300, 1},
            new Object[] {"first_touch", "channel", "email", "USD", 100, 2},
            new Object[] {"first_touch", "channel", "events", "USD", 0, 3},
            new Object[] {"w_shaped", "channel", "paid_search", "USD", 150, 2},
            new Object[] {"w_shaped", "channel", "email", "USD", 200, 1},
            new Object[] {"w_shaped", "channel", "events", "USD", 50, 3},
            new Object[] {"linear", "channel", "paid_search", "USD", 200, 1},
            new Object[] {"linear", "channel", "email", "USD", 150, 2},
            new Object[] {"linear", "channel", "events", "USD", 0, 3});
    // The comparison's schema comes from the configured models, not the data: a configured model
    // without a row ("markov") gets a null column rather than a missing one.
    List<String> models = List.of("first_touch", "w_shaped", "linear", "markov");
    Dataset<Row> comparison = ModelComparison.of(summary, models);

    assertThat(comparison.columns())
        .containsExactly(
            "dimension",
            "value",
            "currency",
            "revenue_first_touch",
            "revenue_w_shaped",
            "revenue_linear",
            "revenue_markov",
            "rank_first_touch",
            "rank_w_shaped",
            "rank_linear",
            "rank_markov",
            "min_revenue",
            "max_revenue",
            "revenue_spread",
            "relative_spread",
            "best_rank",
            "worst_rank",
            "rank_spread",
            "min_revenue_models",
            "max_revenue_models");
    // least/greatest skip nulls: the spread is over the models that have a value.
    assertRows(
        comparison.select(
            "value",
            "revenue_first_touch",
            "revenue_w_shaped",
            "revenue_linear",
            "rank_w_shaped",
            "min_revenue",
            "max_revenue",
            "revenue_spread",
            "relative_spread",
            "best_rank",
            "worst_rank",
            "rank_spread"),
        Arrays.asList(
            Arrays.asList("paid_search", 300.0, 150.0, 200.0, 2, 150.0, 300.0, 150.0, 0.5, 1, 2, 1),
            Arrays.asList("email", 100.0, 200.0, 150.0, 1, 100.0, 200.0, 100.0, 0.5, 1, 2, 1),
            Arrays.asList("events", 0.0, 50.0, 0.0, 3, 0.0, 50.0, 50.0, 1.0, 3, 3, 0)));
    // Which models give the smallest and the largest revenue: several when they tie, in the
    // configured order; markov (no revenue) is in neither.
    assertRows(
        comparison.select(
            col("value"),
            array_join(col("min_revenue_models"), "|"),
            array_join(col("max_revenue_models"), "|")),
        Arrays.asList(
            Arrays.asList("paid_search", "w_shaped", "first_touch"),
            Arrays.asList("email", "first_touch", "w_shaped"),
            Arrays.asList("events", "first_touch|linear", "w_shaped")));
  }

  @Test
  void modelsTieWhenTheirRevenueDiffersInItsLastBitsOnlyAndTheirSpreadIsZero() {
    // A third of 100 (100 x 1/3) added three times is 99.99999999999999: every model credits the
    // channel in full.
    double third = 100 * (1.0 / 3);
    double thirds = third + third + third;
    Dataset<Row> summary =
        Frames.of(
            SUMMARY,
            new Object[] {"u_shaped", "channel", "email", "USD", 100.0, 1},
            new Object[] {"linear", "channel", "email", "USD", thirds, 1},
            new Object[] {"first_touch", "channel", "email", "USD", 100.0, 1},
            new Object[] {"u_shaped", "channel", "events", "USD", 10.0, 2},
            new Object[] {"linear", "channel", "events", "USD", 20.0, 2});
    assertThat(thirds).isNotEqualTo(100.0);
    // Not in alphabetical order: the lists follow this one.
    List<String> models = List.of("u_shaped", "linear", "first_touch", "markov");

    assertRows(
        ModelComparison.of(summary, models)
            .select(
                col("value"),
                array_join(col("min_revenue_models"), "|"),
                array_join(col("max_revenue_models"), "|"),
                // Exactly: a spread of 1e-14 would pass a tolerance and a `> 0` filter alike.
                col("revenue_spread").equalTo(0),
                col("relative_spread").equalTo(0),
                col("revenue_spread")),
        Arrays.asList(
            Arrays.asList(
                "email",
                "u_shaped|linear|first_touch",
                "u_shaped|linear|first_touch",
                true,
                true,
                0.0),
            Arrays.asList("events", "u_shaped", "linear", false, false, 10.0)));
  }

  @Test
  void aValueNoModelHasARevenueForNamesNoModel() {
    Dataset<Row> summary =
        Frames.of(SUMMARY, new Object[] {"linear", "channel", "email", "USD", null, null});

    Row row =
        ModelComparison.of(summary, List.of("linear", "markov"))
            .select("min_revenue_models", "max_revenue_models")
            .first();

    assertThat(row.getList(0)).isEmpty();
    assertThat(row.getList(1)).isEmpty();
  }
}
