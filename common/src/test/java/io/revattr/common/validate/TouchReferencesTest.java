package io.revattr.common.validate;

import static io.revattr.testsupport.DataFrameAssert.assertRows;
import static io.revattr.testsupport.PhysicalPlans.count;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.common.schema.InputTable;
import io.revattr.testsupport.Frames;
import io.revattr.testsupport.PhysicalPlans;
import io.revattr.testsupport.SharedSpark;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.execution.joins.ShuffledHashJoinExec;
import org.apache.spark.sql.execution.joins.SortMergeJoinExec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** A touch's owner (its first id of contact, lead, anonymous) is checked against the targets. */
class TouchReferencesTest {
  private static final StructType TOUCHES =
      new StructType()
          .add("touch_id", DataTypes.StringType)
          .add("contact_id", DataTypes.StringType)
          .add("lead_id", DataTypes.StringType)
          .add("anonymous_id", DataTypes.StringType);
  private static final StructType TARGETS =
      new StructType()
          .add(References.TARGET_KEY, DataTypes.StringType)
          .add(References.TARGET_USABLE, DataTypes.BooleanType);

  @Test
  void flagsOnlyTheOwnerAndJoinsWithoutSortingTheTouches() {
    Dataset<Row> touches =
        Frames.of(
            TOUCHES,
            new Object[] {"t1", "c1", null, null},
            new Object[] {"t2", null, "l9", null},
            new Object[] {"t3", null, null, "x1"},
            new Object[] {"t4", "c2", "l1", null},
            new Object[] {"t5", null, null, null});
    Map<InputTable, Dataset<Row>> targets =
        Map.of(
            InputTable.CONTACTS,
            Frames.of(TARGETS, new Object[] {"c1", true}, new Object[] {"c2", false}),
            InputTable.LEADS,
            Frames.of(TARGETS, new Object[] {"l1", true}),
            InputTable.IDENTITIES,
            Frames.of(TARGETS, new Object[] {"x1", false}));

    // Without broadcasts, as when the lookup of a large warehouse is too big to broadcast.
    RuntimeConfig conf = SharedSpark.spark().conf();
    String threshold = conf.get("spark.sql.autoBroadcastJoinThreshold");
    conf.set("spark.sql.autoBroadcastJoinThreshold", "-1");
    try {
      Dataset<Row> flagged = TouchReferences.flag(touches, targets);
      // t4's owner is its contact (quarantined); its lead is not looked at.
      assertRows(
          flagged.select(
              col("touch_id"),
              col(References.flagColumn("contact_id")),
              col(References.flagColumn("lead_id")),
              col(References.flagColumn("anonymous_id"))),
          List.of(
              Arrays.asList("t1", null, null, null),
              Arrays.asList("t2", null, References.MISSING, null),
              Arrays.asList("t3", null, null, References.QUARANTINED),
              Arrays.asList("t4", References.QUARANTINED, null, null),
              Arrays.asList("t5", null, null, null)));
      // A sort-merge join would sort every (wide) touch row by its owner.
      assertThat(count(PhysicalPlans.of(flagged), p -> p instanceof SortMergeJoinExec)).isZero();
      assertThat(count(PhysicalPlans.of(flagged), p -> p instanceof ShuffledHashJoinExec))
          .isEqualTo(1);
    } finally {
      conf.set("spark.sql.autoBroadcastJoinThreshold", threshold);
    }
  }
}
