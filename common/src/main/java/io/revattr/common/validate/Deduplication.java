package io.revattr.common.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.revattr.common.schema.InputConformance;
import io.revattr.common.schema.InputTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Exact duplicates (every column equal, compared as read) collapse to one record; for keyed tables,
 * the distinct contents sharing one key are counted so that a conflict quarantines every copy.
 */
final class Deduplication {
  /** Number of distinct contents among the records sharing this record's key. */
  static final String CONTENTS_PER_KEY = "_contents_per_key";

  /** Number of input rows this record stands for: 1, or more when exact duplicates collapsed. */
  static final String COPIES = "_copies";

  private static final String IS_FIRST_OF_CONTENT = "_is_first_of_content";
  private static final String KEY = "_deduplication_key";

  private Deduplication() {}

  /**
   * Keeps one record of each exact duplicate group, with {@link #COPIES}. For a keyed table the
   * result also carries {@link #CONTENTS_PER_KEY}; one shuffle by key serves both (the content
   * order is a sort within the key, and a key's partition holds every copy of its contents).
   */
  static Dataset<Row> collapse(InputTable table, Dataset<Row> conformed) {
    String raw = InputConformance.RAW_RECORD;
    if (table.keyColumn() == null) {
      WindowSpec byContent = Window.partitionBy(col(raw));
      return conformed
          .withColumn(COPIES, count(lit(1)).over(byContent))
          .withColumn(IS_FIRST_OF_CONTENT, row_number().over(byContent.orderBy(col(raw))))
          .filter(col(IS_FIRST_OF_CONTENT).equalTo(1))
          .drop(IS_FIRST_OF_CONTENT);
    }
    // One shuffle by key and one sort by key and content serve all three windows: the key is one
    // named column (a field of the raw record written out again after a window is another
    // expression to Spark, which then shuffles again), and the rows are hash-partitioned by the key
    // alone, which also places together every copy of a key and content.
    Column key = col(KEY);
    WindowSpec byKeyAndContent = Window.partitionBy(key).orderBy(col(raw));
    Column previous = lag(col(raw), 1).over(byKeyAndContent);
    Dataset<Row> firsts =
        conformed
            .withColumn(KEY, col(raw + "." + table.keyColumn()))
            .repartition(key)
            .withColumn(COPIES, count(lit(1)).over(Window.partitionBy(key, col(raw))))
            .withColumn(IS_FIRST_OF_CONTENT, previous.isNull().or(previous.notEqual(col(raw))))
            .withColumn(
                CONTENTS_PER_KEY,
                sum(when(col(IS_FIRST_OF_CONTENT), 1).otherwise(0)).over(Window.partitionBy(key)))
            .drop(KEY);
    return firsts.filter(col(IS_FIRST_OF_CONTENT)).drop(IS_FIRST_OF_CONTENT);
  }

  /** The rule that quarantines every copy of a key with more than one content. */
  static QuarantineRule keyConflict(InputTable table) {
    return new QuarantineRule(
        "conflicting_duplicate_key",
        lit(
            "another record has the same "
                + table.keyColumn()
                + " with different contents; every copy is quarantined"),
        col(CONTENTS_PER_KEY).gt(1).and(col(table.keyColumn()).isNotNull()));
  }
}
