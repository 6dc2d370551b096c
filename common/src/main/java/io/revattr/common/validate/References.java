package io.revattr.common.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Reference checks: an id that names no record of another table, or names one that was quarantined.
 *
 * <p>The targets are the target table's records after deduplication, each marked usable or not, so
 * that one join tells a missing record from a quarantined one and the quarantine reason can say
 * which.
 */
final class References {
  /** Flag value: the id names no record at all. */
  static final String MISSING = "missing";

  /** Flag value: the id names only quarantined records. */
  static final String QUARANTINED = "quarantined";

  /** Column of {@link #targets}: a key of the checked table. */
  static final String TARGET_KEY = "_target_key";

  /** Column of {@link #targets}: whether any record of the key is usable. */
  static final String TARGET_USABLE = "_target_usable";

  private References() {}

  /** Name of the flag column {@link #flag} adds for a reference column. */
  static String flagColumn(String referenceColumn) {
    return "_reference_" + referenceColumn;
  }

  /**
   * The keys of a checked table with whether any record of the key is usable: the lookup that
   * {@link #flag} joins.
   */
  static Dataset<Row> targets(Dataset<Row> marked, String keyColumn) {
    return marked
        .filter(col(keyColumn).isNotNull())
        .groupBy(col(keyColumn).as(TARGET_KEY))
        .agg(max(col(Quarantine.REASON_CODE).isNull()).as(TARGET_USABLE));
  }

  /**
   * Adds the flag column of {@code referenceColumn}: null when the column is null or names a usable
   * record, {@link #MISSING} when it names no record, {@link #QUARANTINED} when it names only
   * quarantined records. {@code targets} comes from {@link #targets}.
   */
  static Dataset<Row> flag(Dataset<Row> records, String referenceColumn, Dataset<Row> targets) {
    String key = TARGET_KEY + "_" + referenceColumn;
    String usable = TARGET_USABLE + "_" + referenceColumn;
    Dataset<Row> lookup = targets.select(col(TARGET_KEY).as(key), col(TARGET_USABLE).as(usable));
    return records
        .join(lookup, records.col(referenceColumn).equalTo(lookup.col(key)), "left_outer")
        .withColumn(
            flagColumn(referenceColumn),
            when(col(referenceColumn).isNull(), lit(null).cast("string"))
                .when(col(key).isNull(), lit(MISSING))
                .when(col(usable).unary_$bang(), lit(QUARANTINED)))
        .drop(key, usable);
  }

  /** The two rules of a reference: it names no {@code targetName}, or a quarantined one. */
  static List<QuarantineRule> rules(String referenceColumn, String targetName) {
    return rules(referenceColumn, targetName, lit(true));
  }

  /** The two rules of a reference, applied only where {@code when} holds. */
  static List<QuarantineRule> rules(String referenceColumn, String targetName, Column when) {
    Column flag = col(flagColumn(referenceColumn));
    return List.of(
        new QuarantineRule(
            "unknown_" + targetName,
            concat(
                lit(referenceColumn + " '"),
                col(referenceColumn),
                lit("' names no " + targetName + " of the input")),
            when.and(flag.equalTo(MISSING))),
        new QuarantineRule(
            "quarantined_" + targetName,
            concat(
                lit(referenceColumn + " '"),
                col(referenceColumn),
                lit(
                    "' names a "
                        + targetName
                        + " that was quarantined (see that record's own quarantine row)")),
            when.and(flag.equalTo(QUARANTINED))));
  }
}
