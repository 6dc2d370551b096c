package io.revattr.common.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The exact median of a column per group, as Spark's {@code median} computes it (the middle value,
 * or the mean of the two middle values), by a sort instead of an aggregation buffer.
 *
 * <p>Spark's {@code median} keeps every distinct value of a group in an object buffer; with more
 * than a few hundred groups per task it falls back to sorting those buffers row by row, which on
 * tens of millions of credit rows is the slowest step of a run. Here the values are ranked within
 * their group by one exchange and sort of narrow rows, the group sizes come from a small
 * aggregation, and only the one or two middle rows of each group are kept.
 */
final class ExactMedian {
  private static final String RANK = "_median_rank";
  private static final String SIZE = "_median_size";
  private static final String KEY_PREFIX = "_median_key_";

  private ExactMedian() {}

  /**
   * One row per group with at least one non-null value: the group columns and {@code as}, the
   * median of {@code value} over the group's non-null values.
   *
   * @param rows the rows
   * @param value a numeric column of {@code rows}
   * @param as the name of the median column
   * @param groups the group columns of {@code rows} (a null is a group value like any other)
   */
  static Dataset<Row> of(Dataset<Row> rows, String value, String as, String... groups) {
    Column[] groupColumns = Arrays.stream(groups).map(g -> col(g)).toArray(Column[]::new);
    Column[] kept = Arrays.copyOf(groupColumns, groups.length + 1);
    kept[groups.length] = col(value);
    Dataset<Row> values = rows.filter(col(value).isNotNull()).select(kept);
    Dataset<Row> ranked =
        values.withColumn(
            RANK, row_number().over(Window.partitionBy(groupColumns).orderBy(col(value))));
    // One row per group: as small as the result, so it is broadcast to the ranked rows.
    Dataset<Row> sizes =
        values.groupBy(groupColumns).agg(count(lit(1)).as(SIZE)).toDF(sizeColumns(groups));
    Column sameGroup = lit(true);
    for (String g : groups) {
      sameGroup = sameGroup.and(ranked.col(g).eqNullSafe(sizes.col(KEY_PREFIX + g)));
    }
    // 1-based ranks: the middle rank (n + 1) / 2 when n is odd, n / 2 and n / 2 + 1 when even.
    Column middle = col(RANK).multiply(2).between(col(SIZE), col(SIZE).plus(2));
    return ranked
        .join(broadcast(sizes), sameGroup)
        .filter(middle)
        .groupBy(groupColumns)
        .agg(avg(col(value)).as(as));
  }

  private static String[] sizeColumns(String[] groups) {
    String[] names = new String[groups.length + 1];
    for (int i = 0; i < groups.length; i++) {
      names[i] = KEY_PREFIX + groups[i];
    }
    names[groups.length] = SIZE;
    return names;
  }
}
