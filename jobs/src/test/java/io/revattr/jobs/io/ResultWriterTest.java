package io.revattr.jobs.io;

import static io.revattr.testsupport.DataFrameAssert.assertRows;
import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.testsupport.Frames;
import io.revattr.testsupport.SharedSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What staging returns is what the run itself wrote: the tables built from it (the analyst tables
 * from the credits) must see neither the as-of's committed run nor another as-of.
 */
class ResultWriterTest {
  private static final String TABLE = "result_writer_test_credits";
  private static final LocalDate AS_OF = LocalDate.parse("2025-12-31");
  private static final LocalDate OTHER_AS_OF = LocalDate.parse("2025-11-30");
  private static final StructType CREDITS =
      new StructType().add("touch_id", DataTypes.StringType).add("credit", DataTypes.DoubleType);

  @TempDir Path output;

  @Test
  void stagedRowsAreTheRunsOwnRowsWithoutItsAsOfAndRunId() {
    SparkSession spark = SharedSpark.spark();
    writer(AS_OF, "committed", null).stage(TABLE, credits("t1", 1.0));
    writer(OTHER_AS_OF, "other", null).stage(TABLE, credits("t2", 2.0));

    Dataset<Row> staged =
        writer(AS_OF, "rerun", "committed").stage(TABLE, credits("t3", 3.0, "t4", 4.0));

    assertThat(staged.columns()).containsExactly("touch_id", "credit");
    assertRows(staged, List.of(List.of("t3", 3.0), List.of("t4", 4.0)));
    // Every run's rows are still in the table until the rerun commits and retires the older ones.
    assertThat(spark.read().format("delta").load(output.resolve(TABLE).toString()).count())
        .isEqualTo(4);
  }

  @AfterEach
  void unregister() {
    SharedSpark.spark().sql("DROP TABLE IF EXISTS " + TABLE);
  }

  private ResultWriter writer(LocalDate asOf, String runId, String committedRunId) {
    return new ResultWriter(
        SharedSpark.spark(), output.toString(), null, asOf, runId, committedRunId);
  }

  private static Dataset<Row> credits(Object... touchAndCredit) {
    Object[][] rows = new Object[touchAndCredit.length / 2][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new Object[] {touchAndCredit[2 * i], touchAndCredit[2 * i + 1]};
    }
    return Frames.of(CREDITS, rows);
  }
}
