package io.revattr.testsupport;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * DataFrame equality in the manner of spark-testing-base: same columns, same rows in any order,
 * doubles equal within a tolerance (relative above 1), and on failure a readable diff of the rows
 * only one side has.
 */
public final class DataFrameAssert {
  /** The default tolerance for doubles. */
  public static final double TOLERANCE = 1e-9;

  private DataFrameAssert() {}

  /** Asserts that both frames have the same columns and the same rows, in any order. */
  public static void assertSameRows(Dataset<Row> actual, Dataset<Row> expected) {
    assertSameRows(actual, expected, TOLERANCE);
  }

  /** Same as {@link #assertSameRows(Dataset, Dataset)} with the given tolerance for doubles. */
  public static void assertSameRows(Dataset<Row> actual, Dataset<Row> expected, double tolerance) {
    List<String> actualColumns = Arrays.asList(actual.columns());
    List<String> expectedColumns = Arrays.asList(expected.columns());
    if (!actualColumns.equals(expectedColumns)) {
      fail("columns differ:%n  actual:   %s%n  expected: %s", actualColumns, expectedColumns);
    }
    assertRows(sorted(actual.collectAsList()), sorted(expected.collectAsList()), tolerance);
  }

  /**
   * Asserts the frame's rows equal the given value rows (in the frame's column order), any order.
   */
  public static void assertRows(Dataset<Row> actual, List<List<Object>> expected) {
    List<Row> expectedRows =
        expected.stream().map(values -> Row.fromSeq(scalaSeq(values))).collect(Collectors.toList());
    assertRows(sorted(actual.collectAsList()), sorted(expectedRows), TOLERANCE);
  }

  private static void assertRows(List<Row> actual, List<Row> expected, double tolerance) {
    List<Row> onlyActual = new ArrayList<>(actual);
    List<Row> onlyExpected = new ArrayList<>();
    for (Row e : expected) {
      Row match =
          onlyActual.stream().filter(a -> rowsEqual(a, e, tolerance)).findFirst().orElse(null);
      if (match == null) {
        onlyExpected.add(e);
      } else {
        onlyActual.remove(match);
      }
    }
    if (!onlyActual.isEmpty() || !onlyExpected.isEmpty()) {
      fail(
          "rows differ (%d actual, %d expected)%n  only in actual:%n%s%n  only in expected:%n%s",
          actual.size(), expected.size(), lines(onlyActual), lines(onlyExpected));
    }
  }

  private static boolean rowsEqual(Row a, Row b, double tolerance) {
    if (a.length() != b.length()) {
      return false;
    }
    for (int i = 0; i < a.length(); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      if (x instanceof Number nx
          && y instanceof Number ny
          && (x instanceof Double || y instanceof Double)) {
        if (!closeEnough(nx.doubleValue(), ny.doubleValue(), tolerance)) {
          return false;
        }
      } else if (x instanceof Number nx && y instanceof Number ny) {
        if (nx.longValue() != ny.longValue()) {
          return false;
        }
      } else if (x == null ? y != null : !x.equals(y)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Within the tolerance, relative to the larger magnitude above 1: sums of the same doubles in
   * another order (another partitioning, a cluster) differ in their last bits, which for amounts in
   * the millions is more than any fixed absolute tolerance.
   */
  private static boolean closeEnough(double x, double y, double tolerance) {
    if (Double.isNaN(x) || Double.isNaN(y)) {
      return Double.isNaN(x) && Double.isNaN(y);
    }
    if (x == y) {
      return true;
    }
    return Math.abs(x - y) <= tolerance * Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)));
  }

  private static List<Row> sorted(List<Row> rows) {
    List<Row> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Row::toString));
    return copy;
  }

  private static String lines(List<Row> rows) {
    return rows.isEmpty()
        ? "    (none)"
        : rows.stream().map(r -> "    " + r).collect(Collectors.joining(System.lineSeparator()));
  }

  private static scala.collection.immutable.Seq<Object> scalaSeq(List<Object> values) {
    return scala.jdk.javaapi.CollectionConverters.asScala(values).toList();
  }
}
