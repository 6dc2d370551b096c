package io.revattr.common.report;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.revattr.common.model.Credits;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The dimensions that the summary and the forecast break credit down by. */
public enum Dimension {
  CHANNEL("channel", "channel"),
  CAMPAIGN("campaign", "campaign_id"),
  TOUCH_TYPE("touch_type", "touch_type"),
  TEAM("team", "team");

  private static final String CELL = "_dimension_cell";

  private final String label;
  private final String creditColumn;

  Dimension(String label, String creditColumn) {
    this.label = label;
    this.creditColumn = creditColumn;
  }

  /** The name written in the {@code dimension} column. */
  public String label() {
    return label;
  }

  /**
   * Repeats every credit row once per dimension, adding {@code dimension} and {@code value}: the
   * row's channel, campaign_id, touch_type or team; {@value ReportColumns#UNATTRIBUTED} for the row
   * of an unattributed opportunity under every dimension, {@value ReportColumns#NONE} for a touch
   * without that value (a touch without campaign).
   *
   * @param credits rows with channel, campaign_id, touch_type and team
   */
  public static Dataset<Row> explodeValues(Dataset<Row> credits) {
    Column unattributed = col("channel").equalTo(lit(Credits.UNATTRIBUTED));
    Column[] cells =
        Arrays.stream(values())
            .map(
                d ->
                    struct(
                        lit(d.label).as(ReportColumns.DIMENSION),
                        when(unattributed, lit(ReportColumns.UNATTRIBUTED))
                            .otherwise(coalesce(col(d.creditColumn), lit(ReportColumns.NONE)))
                            .as(ReportColumns.VALUE)))
            .toArray(Column[]::new);
    return credits
        .withColumn(CELL, explode(array(cells)))
        .withColumn(ReportColumns.DIMENSION, col(CELL + "." + ReportColumns.DIMENSION))
        .withColumn(ReportColumns.VALUE, col(CELL + "." + ReportColumns.VALUE))
        .drop(CELL);
  }
}
