package io.revattr.jobs.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The repetitions of one variant (the full run, or the floor) at one size.
 *
 * @param size the size's label
 * @param touches the warehouse's touches
 * @param variant what ran: {@code full}, {@code full+data-driven} or {@code floor}
 * @param models the models of the pass
 * @param seconds the wall time of each repetition
 * @param rowsWritten the rows the pass wrote to attribution_credits (or the floor's table)
 * @param peakHeapBytes the largest driver heap peak over the repetitions
 * @param gcMillis the garbage collection time of the last repetition
 * @param counts the Spark jobs, stages and shuffles of the last repetition
 */
record BenchMeasurement(
    String size,
    long touches,
    String variant,
    List<String> models,
    List<Double> seconds,
    long rowsWritten,
    long peakHeapBytes,
    long gcMillis,
    StageCounter.Counts counts) {

  double minSeconds() {
    return Collections.min(seconds);
  }

  /** The median (the mean of the two middle values for an even count). */
  double medianSeconds() {
    List<Double> sorted = new ArrayList<>(seconds);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** Input touches per second of wall time, at the median. */
  double touchesPerSecond() {
    return touches / medianSeconds();
  }
}
