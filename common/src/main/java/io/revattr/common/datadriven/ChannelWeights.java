package io.revattr.common.datadriven;

import static io.revattr.common.journey.JourneyColumns.JOURNEY_LENGTH;
import static io.revattr.common.journey.JourneyWindows.wholeJourney;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;

/** Turns a small channel-level result into a credit column over the journey frame. */
final class ChannelWeights {
  private ChannelWeights() {}

  /**
   * Each touch's channel weight divided by the sum of the weights of its journey's touches; when
   * that sum is 0 (every channel of the journey has weight 0, or none was seen in the data the
   * model learned from), 1/n to each of the n touches, as linear does. Weights below 0 count as 0
   * and channels without a weight weigh 0, so the credits are {@code >= 0} and add up to 1.
   *
   * <p>The weights are inlined as a CASE over the channel: a handful of channels, no join, no UDF.
   */
  static Column proportionalCredit(Map<String, Double> weightByChannel) {
    Column weight = lit(0.0);
    Column cases = null;
    for (Map.Entry<String, Double> e : new TreeMap<>(weightByChannel).entrySet()) {
      Column isChannel = col("channel").equalTo(lit(e.getKey()));
      double w = Math.max(0.0, e.getValue());
      cases = cases == null ? when(isChannel, w) : cases.when(isChannel, w);
    }
    if (cases != null) {
      weight = cases.otherwise(0.0);
    }
    Column journeyWeight = sum(weight).over(wholeJourney());
    return when(journeyWeight.gt(0), weight.divide(journeyWeight))
        .otherwise(lit(1.0).divide(col(JOURNEY_LENGTH)));
  }
}
