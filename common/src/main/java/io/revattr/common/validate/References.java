package io.revattr.common.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Reference checks: an id that names no surviving record of another table. */
final class References {
  private References() {}

  /** Name of the flag column {@link #flagUnknown} adds for a reference column. */
  static String flagColumn(String referenceColumn) {
    return "_unknown_" + referenceColumn;
  }

  /**
   * Adds a boolean flag, true when {@code referenceColumn} is set and names no record of {@code
   * targets} (by {@code targetKey}). The targets are the usable records, so a reference to a
   * quarantined record is unknown too.
   */
  static Dataset<Row> flagUnknown(
      Dataset<Row> records, String referenceColumn, Dataset<Row> targets, String targetKey) {
    String found = "_found_" + referenceColumn;
    Dataset<Row> keys =
        targets.select(col(targetKey).as(found)).distinct().withColumn(found + "_hit", lit(true));
    return records
        .join(keys, records.col(referenceColumn).equalTo(keys.col(found)), "left_outer")
        .withColumn(
            flagColumn(referenceColumn),
            col(referenceColumn).isNotNull().and(col(found + "_hit").isNull()))
        .drop(found, found + "_hit");
  }

  /** The rule that quarantines records whose reference was flagged unknown. */
  static QuarantineRule rule(String referenceColumn, String targetName) {
    return new QuarantineRule(
        "unknown_" + targetName,
        concat(
            lit(referenceColumn + " '"),
            col(referenceColumn),
            lit("' names no usable " + targetName + " (it is missing or was quarantined)")),
        col(flagColumn(referenceColumn)));
  }
}
