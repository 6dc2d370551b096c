package io.revattr.common.datadriven;

import io.revattr.common.model.AttributionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A data-driven model learned from the channel paths of the closed journeys ({@link
 * PathFrame#fromJourneys}). A run with several such models, and their intervals, builds the paths
 * once and fits every model on them instead of building them from the journeys again for each.
 */
public interface PathModel extends AttributionModel {
  /**
   * The model fitted on the paths of {@link PathFrame#fromJourneys}: the same model as {@link
   * #fit(Dataset)} on the journeys those paths came from.
   */
  PathModel fitPaths(Dataset<Row> paths);

  @Override
  default PathModel fit(Dataset<Row> journeys) {
    return fitPaths(PathFrame.fromJourneys(journeys));
  }
}
