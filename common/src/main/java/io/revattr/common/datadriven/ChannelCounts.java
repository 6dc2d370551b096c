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
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The Spark side of the data-driven models: aggregates a (sampled) {@link PathFrame} into the
 * counts the solvers need, and hands them to the solver one sample at a time. Only these counts
 * reach the driver, never a path, and only a few samples' at once: one sample's counts are bounded
 * by the chain's states and transitions (checked against {@link AbsorbingChain#MAX_STATES} as they
 * arrive) or by the distinct channel sets of its paths (over at most {@link
 * ShapleyValues#MAX_CHANNELS} channels, checked the same way), and collected all together they were
 * that times the number of samples: at order 4 on 10,000 paths, about 9,500 transitions per sample,
 * so 9.5 million rows for 1,000 resamples, more than a driver's heap holds.
 */
public final class ChannelCounts {
  private static final String COLLAPSED = "_collapsed";
  private static final String LENGTH = "_length";
  private static final String STEP = "_step";
  private static final String COALITION = "_coalition";

  /**
   * About how many samples' counts the driver fetches at once (one partition of the counts, the
   * samples spread over the partitions by hash, so a partition can hold up to about twice as many):
   * few enough to bound the driver's memory (at about 9,500 transitions per sample, some 300,000
   * rows), enough that ten thousand resamples take about three hundred fetches.
   */
  static final int SAMPLES_PER_FETCH = 32;

  private ChannelCounts() {}

  /**
   * Solves the order-k chain of every sample from its transition counts. A path's chain is start,
   * its channels with consecutive repeats collapsed, then conversion (weight: the path's
   * conversions) and null (weight: its nulls); a state is the last k channels seen (fewer at the
   * path's beginning, none for start). Paths without a channel are left out.
   *
   * @param sampledPaths a path frame with {@link PathFrame#SAMPLE}
   * @param order k, 1 or more
   * @param samples the frame's highest sample index (0 for {@link PathFrame#single})
   * @param solve what to make of one sample's transitions (with their summed weights)
   * @return per sample index, in order, what {@code solve} made of it; a sample whose paths all
   *     lack channels is absent
   * @throws io.revattr.common.error.RevattrException when a sample's chain has more than {@link
   *     AbsorbingChain#MAX_STATES} states, as soon as its counts show it
   */
  public static <R> Map<Integer, R> transitions(
      Dataset<Row> sampledPaths, int order, int samples, Function<List<Transition>, R> solve) {
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
    Dataset<Row> counts =
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
            .agg(sum(col(STEP + ".weight")).as("weight"));
    return perSample(
        counts,
        samples,
        List.of(col("from"), col("to"), col("outcome")),
        row -> {
          List<String> to = row.isNullAt(2) ? null : row.getList(2);
          return new Transition(
              List.copyOf(row.getList(1)),
              Outcome.valueOf(row.getString(3)),
              to == null ? null : List.copyOf(to),
              row.getDouble(4));
        },
        () -> {
          Set<List<String>> states = new HashSet<>();
          return t -> {
            states.add(t.from());
            if (t.to() != null) {
              states.add(t.to());
            }
            AbsorbingChain.requireSolvable(states.size());
          };
        },
        solve);
  }

  /**
   * Solves every sample from its conversions and nulls per channel set (the distinct channels of a
   * path, sorted). Paths without a channel are left out.
   *
   * @param sampledPaths a path frame with {@link PathFrame#SAMPLE}
   * @param samples the frame's highest sample index (0 for {@link PathFrame#single})
   * @param solve what to make of one sample's channel sets
   * @return per sample index, in order, what {@code solve} made of it; a sample whose paths all
   *     lack channels is absent
   * @throws io.revattr.common.error.RevattrException when a sample's paths have more than {@link
   *     ShapleyValues#MAX_CHANNELS} channels, as soon as its counts show it
   */
  public static <R> Map<Integer, R> coalitions(
      Dataset<Row> sampledPaths, int samples, Function<List<Coalition>, R> solve) {
    Dataset<Row> counts =
        sampledPaths
            .filter(size(col(CHANNELS)).gt(0))
            .groupBy(col(SAMPLE), array_sort(array_distinct(col(CHANNELS))).as(COALITION))
            .agg(sum(col(CONVERSIONS)).as(CONVERSIONS), sum(col(NULLS)).as(NULLS));
    return perSample(
        counts,
        samples,
        List.of(col(COALITION)),
        row -> new Coalition(List.copyOf(row.getList(1)), row.getDouble(2), row.getDouble(3)),
        () -> {
          Set<String> channels = new HashSet<>();
          return c -> {
            channels.addAll(c.channels());
            ShapleyValues.requireSupported(channels.size());
          };
        },
        solve);
  }

  /**
   * Fetches the counts (first column: the sample index) a few samples at a time, each sample's rows
   * together, and solves each sample as soon as its rows are in: the driver holds one fetched
   * partition (compressed, as Spark sends it) and one sample's decoded counts, whatever the number
   * of samples.
   *
   * @param key the columns that identify a row within its sample: the rows arrive in their order,
   *     so that the solvers add the same numbers in the same order on every run
   * @param admit per sample, a fresh check of each decoded row, which stops an oversized sample
   *     before all its rows are decoded and solved
   */
  private static <T, R> Map<Integer, R> perSample(
      Dataset<Row> counts,
      int samples,
      List<Column> key,
      Function<Row, T> decode,
      Supplier<Consumer<T>> admit,
      Function<List<T>, R> solve) {
    int partitions = (samples + SAMPLES_PER_FETCH) / SAMPLES_PER_FETCH;
    List<Column> order = new ArrayList<>(List.of(col(SAMPLE)));
    order.addAll(key);
    // Spread by sample, so that each sample's rows are in one partition, and sorted within it, so
    // that they arrive one after the other; toLocalIterator fetches one partition at a time, so
    // the driver holds a bounded few samples' counts, not all of them.
    Iterator<Row> rows =
        counts
            .repartition(partitions, col(SAMPLE))
            .sortWithinPartitions(order.toArray(Column[]::new))
            .toLocalIterator();
    Map<Integer, R> bySample = new TreeMap<>();
    List<T> current = new ArrayList<>();
    Consumer<T> check = null;
    Integer sample = null;
    while (rows.hasNext()) {
      Row row = rows.next();
      if (sample == null || row.getInt(0) != sample) {
        if (sample != null) {
          solved(bySample, sample, solve.apply(current));
          current = new ArrayList<>();
        }
        sample = row.getInt(0);
        check = admit.get();
      }
      T decoded = decode.apply(row);
      check.accept(decoded);
      current.add(decoded);
    }
    if (sample != null) {
      solved(bySample, sample, solve.apply(current));
    }
    return bySample;
  }

  private static <R> void solved(Map<Integer, R> bySample, int sample, R result) {
    if (bySample.putIfAbsent(sample, result) != null) {
      throw new IllegalStateException("sample " + sample + " arrived in two parts");
    }
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
