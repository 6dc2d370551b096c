package io.revattr.common.model;

import static io.revattr.common.journey.JourneyColumns.JOURNEY_LENGTH;
import static io.revattr.common.journey.JourneyColumns.POSITION;
import static io.revattr.common.journey.JourneyWindows.wholeJourney;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.util.Set;
import org.apache.spark.sql.Column;

/**
 * Last non-direct: all credit to the latest touch (journey order: occurred_at, then touch_id) whose
 * channel is not one of {@code models.direct_channels}; to the last touch when every touch is
 * direct. Channels are compared exactly, as they are written in the warehouse. With no direct
 * channel configured it is the same as last_touch.
 */
public final class LastNonDirectModel implements AttributionModel {
  /** The model's name. */
  public static final String NAME = "last_non_direct";

  private final Set<String> directChannels;

  /** A model that passes over the given channels. */
  public LastNonDirectModel(Set<String> directChannels) {
    this.directChannels = Set.copyOf(directChannels);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Column credit() {
    Column isDirect =
        directChannels.isEmpty() ? lit(false) : col("channel").isin(directChannels.toArray());
    Column latestNonDirect =
        max(when(isDirect.unary_$bang().or(col("channel").isNull()), col(POSITION)))
            .over(wholeJourney());
    Column credited = coalesce(latestNonDirect, col(JOURNEY_LENGTH));
    return when(col(POSITION).equalTo(credited), 1.0).otherwise(0.0);
  }
}
