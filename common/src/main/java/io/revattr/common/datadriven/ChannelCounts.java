package io.revattr.common.datadriven;

import static io.revattr.common.datadriven.PathFrame.CHANNELS;
import static io.revattr.common.datadriven.PathFrame.CONVERSIONS;
import static io.revattr.common.datadriven.PathFrame.NULLS;
import static io.revattr.common.datadriven.PathFrame.SAMPLE;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.get;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;

import io.revattr.common.datadriven.AbsorbingChain.Outcome;
import io.revattr.common.datadriven.AbsorbingChain.Transition;
import io.revattr.common.datadriven.ShapleyValues.Coalition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The Spark side of the data-driven models: aggregates a (sampled) {@link PathFrame} into the
 * counts the solvers need, and collects them. Only these counts reach the driver, never a path:
 * their size is bounded by the chain's states and transitions (at most channels^k states for order
 * k, as many as the data holds) and by the distinct channel sets, times the number of samples.
 */
public final class ChannelCounts {
  private static final String COLLAPSED = "_collapsed";
  private static final String LENGTH = "_length";
  private static final String STEP = "_step";
  private static final String COALITION = "_coalition";

  private ChannelCounts() {}

  /**
   * Transition counts of the order-k chain per sample. A path's chain is start, its channels with
   * consecutive repeats collapsed, then conversion (weight: the path's conversions) and null
   * (weight: its nulls); a state is the last k channels seen (fewer at the path's beginning, none
   * for start). Paths without a channel are left out.
   *
   * @param sampledPaths a path frame with {@link PathFrame#SAMPLE}
   * @param order k, 1 or more
   * @return per sample index, its transitions with their summed weights
   */
  public static Map<Integer, List<Transition>> transitions(Dataset<Row> sampledPaths, int order) {
    Column channels = col(CHANNELS);
    Column collapsed = col(COLLAPSED);
    Column pathWeight = col(CONVERSIONS).plus(col(NULLS));
    Column noState = lit(null).cast("array<string>");
    Column moves =
        transform(
            sequence(lit(1), col(LENGTH)),
            j ->
                step(
                    state(collapsed, j.minus(1), order),
                    state(collapsed, j, order),
                    Outcome.MOVE.name(),
                    pathWeight));
    Column last = state(collapsed, col(LENGTH), order);
    Column ends =
        array(
            step(last, noState, Outcome.CONVERSION.name(), col(CONVERSIONS)),
            step(last, noState, Outcome.NULL.name(), col(NULLS)));
    // Collected to the driver: one row per resample and observed transition between chain states,
    // bounded by the samples times the states' pairs, never by the number of journeys.
    List<Row> rows =
        sampledPaths
            // On the channels, not on the collapsed length: Spark pushes a filter below the
            // projection that derives the channels, and the collapse, which looks up the previous
            // channel inside its lambda, would then derive the whole path again for every channel.
            .filter(size(channels).gt(0))
            .withColumn(
                COLLAPSED, filter(channels, (c, i) -> not(c.eqNullSafe(get(channels, i.minus(1))))))
            .withColumn(LENGTH, size(collapsed))
            .select(col(SAMPLE), explode(concat(moves, ends)).as(STEP))
            .filter(col(STEP + ".weight").gt(0))
            .groupBy(col(SAMPLE), col(STEP + ".from"), col(STEP + ".to"), col(STEP + ".outcome"))
            .agg(sum(col(STEP + ".weight")).as("weight"))
            .collectAsList();
    Map<Integer, List<Transition>> bySample = new TreeMap<>();
    for (Row row : rows) {
      Outcome outcome = Outcome.valueOf(row.getString(3));
      List<String> to = row.isNullAt(2) ? null : row.getList(2);
      bySample
          .computeIfAbsent(row.getInt(0), s -> new ArrayList<>())
          .add(
              new Transition(
                  List.copyOf(row.getList(1)),
                  outcome,
                  to == null ? null : List.copyOf(to),
                  row.getDouble(4)));
    }
    return bySample;
  }

  /**
   * Conversions and nulls per sample and channel set (the distinct channels of a path, sorted).
   * Paths without a channel are left out.
   */
  public static Map<Integer, List<Coalition>> coalitions(Dataset<Row> sampledPaths) {
    // Collected to the driver: one row per resample and observed channel set, bounded by the
    // samples times the distinct coalitions, never by the number of journeys.
    List<Row> rows =
        sampledPaths
            .filter(size(col(CHANNELS)).gt(0))
            .groupBy(col(SAMPLE), array_sort(array_distinct(col(CHANNELS))).as(COALITION))
            .agg(sum(col(CONVERSIONS)).as(CONVERSIONS), sum(col(NULLS)).as(NULLS))
            .collectAsList();
    Map<Integer, List<Coalition>> bySample = new TreeMap<>();
    for (Row row : rows) {
      bySample
          .computeIfAbsent(row.getInt(0), s -> new ArrayList<>())
          .add(new Coalition(List.copyOf(row.getList(1)), row.getDouble(2), row.getDouble(3)));
    }
    return bySample;
  }

  /** The state after the first {@code seen} channels: the last min(seen, k) of them. */
  private static Column state(Column collapsed, Column seen, int order) {
    Column length = least(seen, lit(order));
    return slice(collapsed, seen.minus(length).plus(1), length);
  }

  private static Column step(Column from, Column to, String outcome, Column weight) {
    return struct(from.as("from"), to.as("to"), lit(outcome).as("outcome"), weight.as("weight"));
  }
}
