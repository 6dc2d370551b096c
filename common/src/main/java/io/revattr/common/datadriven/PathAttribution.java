package io.revattr.common.datadriven;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;

import io.revattr.common.error.InputErrors;
import io.revattr.common.schema.InputConformance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Both data-driven models on aggregated path data, the format the open-source attribution packages
 * use: {@code path} ("a > b > c"), {@code total_conversions}, {@code total_conversion_value},
 * {@code total_null}. The same counts and solvers as the journey models; only the path frame is
 * built differently ({@link PathFrame#fromAggregatedPaths}).
 */
public final class PathAttribution {
  /** The columns an aggregated path file must have. */
  public static final List<String> REQUIRED_COLUMNS =
      List.of("path", "total_conversions", "total_conversion_value", "total_null");

  /**
   * One channel's result.
   *
   * @param channel the channel
   * @param removalEffect its removal effect under the order-k chain
   * @param markovConversions removal effect / sum of removal effects x total conversions
   * @param markovValue the same share x total conversion value
   * @param shapleyValue the raw Shapley value (may be negative)
   * @param shapleyConversions the value clipped at 0 / sum of clipped values x total conversions
   */
  public record ChannelResult(
      String channel,
      double removalEffect,
      double markovConversions,
      double markovValue,
      double shapleyValue,
      double shapleyConversions) {}

  /**
   * The per-channel results and the totals they share out.
   *
   * @param channels one result per channel, sorted by channel
   * @param paths number of path rows
   * @param totalConversions sum of total_conversions
   * @param totalValue sum of total_conversion_value
   * @param conversionProbability P(conversion) of the chain
   */
  public record Result(
      List<ChannelResult> channels,
      long paths,
      double totalConversions,
      double totalValue,
      double conversionProbability) {}

  private PathAttribution() {}

  /**
   * Checks the file's structure and rows, then computes both models. Stops (input-structure error)
   * on a missing column or on rows that cannot be used: an empty path or channel name, a count or
   * value that is missing, not a number or negative. Nothing is skipped silently.
   *
   * @param rawPaths the file as read, every column a string or a number
   * @param source the file's name, for messages
   * @param order the Markov chain's order k
   */
  public static Result compute(Dataset<Row> rawPaths, String source, int order) {
    List<String> found = Arrays.asList(rawPaths.columns());
    // Names as Spark resolves them, ignoring letter case: an export's PATH is path.
    List<String> missing = new ArrayList<>();
    List<Column> canonical = new ArrayList<>();
    for (String required : REQUIRED_COLUMNS) {
      List<String> named = found.stream().filter(required::equalsIgnoreCase).toList();
      if (named.size() > 1) {
        throw InputErrors.badPathsFile(
            source, "it has the column " + required + " twice, ignoring letter case: " + named);
      }
      if (named.isEmpty()) {
        missing.add(required);
      } else {
        canonical.add(InputConformance.quoted(named.get(0)).as(required));
      }
    }
    if (!missing.isEmpty()) {
      throw InputErrors.badPathsFile(
          source, "it lacks the column(s) " + missing + " (found " + found + ")");
    }
    // Under the canonical names from here on, whatever the session's case sensitivity.
    Dataset<Row> pathFile = rawPaths.select(canonical.toArray(Column[]::new));
    Column badPath =
        col("path").isNull().or(exists(split(col("path"), ">"), c -> length(trim(c)).equalTo(0)));
    Column badNumber = null;
    for (String column : REQUIRED_COLUMNS.subList(1, 4)) {
      Column value = col(column).cast("double");
      Column bad = value.isNull().or(value.lt(0)).or(value.isNaN());
      badNumber = badNumber == null ? bad : badNumber.or(bad);
    }
    Dataset<Row> bad = pathFile.filter(badPath.or(badNumber));
    long badRows = bad.count();
    if (badRows > 0) {
      throw InputErrors.badPathsFile(
          source,
          badRows
              + " row(s) cannot be used, for example "
              + bad.first()
              + ": every row needs a path of non-empty channel names separated by '>' and"
              + " counts and value that are numbers >= 0");
    }
    Row totals =
        pathFile
            .agg(
                sum(col("total_conversions").cast("double")),
                sum(col("total_conversion_value").cast("double")),
                org.apache.spark.sql.functions.count(col("path")))
            .first();
    double totalConversions = totals.isNullAt(0) ? 0.0 : totals.getDouble(0);
    double totalValue = totals.isNullAt(1) ? 0.0 : totals.getDouble(1);

    Dataset<Row> paths = PathFrame.single(PathFrame.fromAggregatedPaths(pathFile));
    AbsorbingChain chain =
        ChannelCounts.transitions(paths, order, 0, AbsorbingChain::of)
            .getOrDefault(0, AbsorbingChain.of(List.of()));
    Map<String, Double> removal = chain.removalEffects();
    Map<String, Double> shapley =
        ChannelCounts.coalitions(paths, 0, ShapleyValues::of).getOrDefault(0, Map.of());

    double removalSum = removal.values().stream().mapToDouble(Double::doubleValue).sum();
    double clippedSum = shapley.values().stream().mapToDouble(v -> Math.max(0, v)).sum();
    TreeSet<String> channels = new TreeSet<>(removal.keySet());
    channels.addAll(shapley.keySet());
    List<ChannelResult> results = new ArrayList<>();
    for (String channel : channels) {
      double effect = removal.getOrDefault(channel, 0.0);
      double markovShare = removalSum > 0 ? effect / removalSum : 0.0;
      double value = shapley.getOrDefault(channel, 0.0);
      double shapleyShare = clippedSum > 0 ? Math.max(0, value) / clippedSum : 0.0;
      results.add(
          new ChannelResult(
              channel,
              effect,
              markovShare * totalConversions,
              markovShare * totalValue,
              value,
              shapleyShare * totalConversions));
    }
    return new Result(
        results, totals.getLong(2), totalConversions, totalValue, chain.conversionProbability());
  }
}
