package io.revattr.jobs.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.testsupport.Frames;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class CreditReconciliationTest {
  private static final StructType CREDITS =
      new StructType()
          .add("model", DataTypes.StringType)
          .add("opportunity_id", DataTypes.StringType)
          .add("credit", DataTypes.DoubleType)
          .add("revenue_credit", DataTypes.DoubleType);
  private static final StructType OPPORTUNITIES =
      new StructType()
          .add("opportunity_id", DataTypes.StringType)
          .add("stage", DataTypes.StringType)
          .add("amount", DataTypes.DoubleType);

  /** Won o1 (1,000), lost o2 (500), open o3 (200): revenue is owed on o1 only. */
  private static Dataset<Row> opportunities() {
    return Frames.of(
        OPPORTUNITIES,
        new Object[] {"o1", "won", 1000.0},
        new Object[] {"o2", "lost", 500.0},
        new Object[] {"o3", "open", 200.0});
  }

  @Test
  void creditsThatAddUpReconcileAndOtherRowsAreIgnored() {
    Dataset<Row> credits =
        Frames.of(
            CREDITS,
            new Object[] {"linear", "o1", 0.25, 250.0},
            new Object[] {"linear", "o1", 0.75, 750.0},
            new Object[] {"linear", "o2", 1.0, 0.0},
            // Within the tolerance of 1 and of the won amount.
            new Object[] {"linear", "o3", 1.0 + 1e-12, 0.0},
            // Neither an opportunity that was checked nor a model of the run: not counted.
            new Object[] {"linear", "o9", 0.5, 0.0},
            new Object[] {"other", "o1", -3.0, 0.0});

    List<ModelCheck> checks =
        CreditReconciliation.check(credits, opportunities(), List.of("linear"));

    assertThat(checks).containsExactly(new ModelCheck("linear", 3, 0, 0, 0));
    assertThat(checks.get(0).reconciles()).isTrue();
  }

  @Test
  void eachKindOfMismatchIsCountedPerModel() {
    Dataset<Row> credits =
        Frames.of(
            CREDITS,
            // first_touch: o1's credits add up to 0.9 (and its revenue to 900), o2 has no credit
            // row (both checks fail: no credit and no revenue sum), o3 is right.
            new Object[] {"first_touch", "o1", 0.9, 900.0},
            new Object[] {"first_touch", "o3", 1.0, 0.0},
            // linear: credits add up on every opportunity, but o1's revenue is 999 of 1,000, o2
            // (lost) carries 5 of revenue, and o3 has a negative row (1.5 - 0.5 = 1).
            new Object[] {"linear", "o1", 1.0, 999.0},
            new Object[] {"linear", "o2", 1.0, 5.0},
            new Object[] {"linear", "o3", 1.5, 0.0},
            new Object[] {"linear", "o3", -0.5, 0.0});

    List<ModelCheck> checks =
        CreditReconciliation.check(
            credits, opportunities(), List.of("first_touch", "linear", "time_decay"));

    assertThat(checks)
        .containsExactly(
            new ModelCheck("first_touch", 3, 2, 2, 0),
            new ModelCheck("linear", 3, 0, 2, 1),
            // A model without a single credit row: every opportunity fails both checks.
            new ModelCheck("time_decay", 3, 3, 3, 0));
    assertThat(checks).noneMatch(ModelCheck::reconciles);
  }
}
