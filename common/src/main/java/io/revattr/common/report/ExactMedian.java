package io.revattr.common.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The exact median of a column per group, as Spark's {@code median} computes it (the middle value,
 * or the mean of the two middle values), without sorting the rows.
 *
 * <p>Spark's {@code median} keeps every distinct value of a group in an object buffer; with more
 * than a few hundred groups per task it falls back to sorting those buffers row by row, and even a
 * plain sort of tens of millions of credit rows is the slowest step of a run. Here the values are
 * first counted per group and bucket of width 1 (a day, for days to close): a histogram that the
 * partial aggregation keeps small whatever the number of rows. Running totals over the histogram
 * tell, per group, which one or two buckets hold the middle ranks and how many values come before
 * them; only the rows of those buckets are then ranked. The result is exact: the buckets only
 * narrow down where to look.
 *
 * <p>When each row belongs to several groups (a credited touch to a value of each dimension, under
 * each model that credits it), the histogram is counted before the rows are repeated into their
 * groups (rows alike in every other column and in the same bucket count once, with their number),
 * and the rows outside every middle bucket are dropped before they are repeated a second time, so
 * that only the histogram and the few rows that are ranked are repeated.
 */
final class ExactMedian {
  private static final String BUCKET = "_median_bucket";
  private static final String IN_BUCKET = "_median_in_bucket";
  private static final String BEFORE = "_median_before";
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
    return of(rows, value, as, UnaryOperator.identity(), groups);
  }

  /**
   * The median per group, as {@link #of(Dataset, String, String, String...)} computes it, of rows
   * that {@code expand} repeats into their groups. Only the rows that lie in a bucket holding some
   * group's middle are repeated a second time to be ranked; most rows are dropped before that.
   *
   * @param rows the rows, with {@code value}
   * @param value a numeric column of {@code rows}, kept as is by {@code expand}
   * @param as the name of the median column
   * @param expand repeats each row once per group it belongs to, adding the group columns and
   *     keeping every other column; it reads neither {@code value} nor the columns it adds (it is
   *     applied to the rows and to their histogram, whose other columns are those of the rows with
   *     {@code value} replaced by a bucket and a count)
   * @param groups the group columns after {@code expand} (a null is a group value like any other)
   */
  static Dataset<Row> of(
      Dataset<Row> rows,
      String value,
      String as,
      UnaryOperator<Dataset<Row>> expand,
      String... groups) {
    Column[] groupColumns = Arrays.stream(groups).map(g -> col(g)).toArray(Column[]::new);
    Column bucket = floor(col(value));
    Column[] kept = Arrays.copyOf(groupColumns, groups.length + 2);
    kept[groups.length] = col(value);
    kept[groups.length + 1] = bucket.as(BUCKET);
    Dataset<Row> withValues = rows.filter(col(value).isNotNull());
    Dataset<Row> middleBuckets =
        middleBuckets(expand.apply(bucketCounts(withValues, value)), groupColumns)
            .toDF(keyColumns(groups));

    Dataset<Row> anyMiddle = middleBuckets.select(col(KEY_PREFIX + BUCKET)).distinct();
    Dataset<Row> inAnyMiddle =
        withValues.join(
            broadcast(anyMiddle), bucket.equalTo(anyMiddle.col(KEY_PREFIX + BUCKET)), "left_semi");
    Dataset<Row> candidates = expand.apply(inAnyMiddle).select(kept);
    Column sameBucket = candidates.col(BUCKET).equalTo(middleBuckets.col(KEY_PREFIX + BUCKET));
    for (String g : groups) {
      sameBucket = sameBucket.and(candidates.col(g).eqNullSafe(middleBuckets.col(KEY_PREFIX + g)));
    }
    Column[] groupAndBucket = Arrays.copyOf(groupColumns, groups.length + 1);
    groupAndBucket[groups.length] = col(BUCKET);
    // 1-based ranks: the middle rank (n + 1) / 2 when n is odd, n / 2 and n / 2 + 1 when even.
    Column rank =
        row_number().over(Window.partitionBy(groupAndBucket).orderBy(col(value))).plus(col(BEFORE));
    // At most two buckets per group: as small as the result, so it is broadcast to the rows.
    return candidates
        .join(broadcast(middleBuckets), sameBucket)
        .withColumn(RANK, rank)
        .filter(col(RANK).multiply(2).between(col(SIZE), col(SIZE).plus(2)))
        .groupBy(groupColumns)
        .agg(avg(col(value)).as(as));
  }

  /**
   * The rows counted per bucket and every other column: rows that {@code expand} would repeat into
   * the same groups and that fall into the same bucket become one row with their count, so that
   * {@code expand} repeats the histogram's rows rather than every row.
   */
  private static Dataset<Row> bucketCounts(Dataset<Row> rows, String value) {
    Column[] others =
        Arrays.stream(rows.columns())
            .filter(c -> !c.equals(value))
            .map(c -> col(c))
            .toArray(Column[]::new);
    Column[] keys = Arrays.copyOf(others, others.length + 1);
    keys[others.length] = floor(col(value)).as(BUCKET);
    return rows.groupBy(keys).agg(count(lit(1)).as(IN_BUCKET));
  }

  /**
   * Per group, the buckets that hold a middle rank: the group columns, the bucket, how many values
   * of the group lie in lower buckets, and the group's size.
   *
   * @param counts the group columns, the bucket and how many values of the group lie in it, in any
   *     number of rows per group and bucket
   */
  private static Dataset<Row> middleBuckets(Dataset<Row> counts, Column[] groupColumns) {
    Column[] groupAndBucket = Arrays.copyOf(groupColumns, groupColumns.length + 1);
    groupAndBucket[groupColumns.length] = col(BUCKET);
    WindowSpec group = Window.partitionBy(groupColumns);
    Column upTo =
        sum(col(IN_BUCKET))
            .over(
                group
                    .orderBy(col(BUCKET))
                    .rowsBetween(Window.unboundedPreceding(), Window.currentRow()));
    Column[] totals = Arrays.copyOf(groupAndBucket, groupAndBucket.length + 3);
    totals[groupAndBucket.length] = upTo.minus(col(IN_BUCKET)).as(BEFORE);
    totals[groupAndBucket.length + 1] = sum(col(IN_BUCKET)).over(group).as(SIZE);
    totals[groupAndBucket.length + 2] = col(IN_BUCKET);
    Column firstRank = col(BEFORE).plus(1);
    Column lastRank = col(BEFORE).plus(col(IN_BUCKET));
    Column lowMiddle = col(SIZE).plus(1).divide(2).cast("long");
    Column highMiddle = col(SIZE).divide(2).cast("long").plus(1);
    return counts
        .groupBy(groupAndBucket)
        .agg(sum(col(IN_BUCKET)).as(IN_BUCKET))
        .select(totals)
        .filter(lowMiddle.between(firstRank, lastRank).or(highMiddle.between(firstRank, lastRank)))
        .drop(IN_BUCKET);
  }

  private static String[] keyColumns(String[] groups) {
    String[] names = new String[groups.length + 3];
    for (int i = 0; i < groups.length; i++) {
      names[i] = KEY_PREFIX + groups[i];
    }
    names[groups.length] = KEY_PREFIX + BUCKET;
    names[groups.length + 1] = BEFORE;
    names[groups.length + 2] = SIZE;
    return names;
  }
}
