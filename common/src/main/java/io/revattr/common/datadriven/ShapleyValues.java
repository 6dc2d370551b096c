package io.revattr.common.datadriven;

import io.revattr.common.error.Errors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Exact Shapley values of channels, the value of a coalition S being the conversion rate of the
 * paths whose channel set is exactly S (0 when no path has that set; v(empty) is 0 since paths
 * without a channel are not counted).
 *
 * <p>The textbook sum runs over all 2^n coalitions. Since v is 0 on every unobserved coalition, the
 * same sum regrouped by observed coalition T is {@code phi_i = sum_{T contains i} w(|T| - 1) v(T) -
 * sum_{T lacks i} w(|T|) v(T)} with {@code w(s) = s! (n - s - 1)! / n!}: exact, at a cost of n
 * times the number of observed channel sets instead of n 2^n. The values add up to {@code v(all
 * channels) - v(empty)} (efficiency); a channel can get a negative value when the sets it joins
 * convert less than the sets without it.
 */
public final class ShapleyValues {
  /**
   * The most channels: beyond it the weights {@code w(s)} of mid-sized coalitions fall towards the
   * smallest doubles, and a channel's value would mean little anyway.
   */
  public static final int MAX_CHANNELS = 100;

  /**
   * The conversions and nulls of the paths whose distinct channels are exactly {@code channels}.
   *
   * @param channels the channel set, sorted, no repeats
   * @param conversions summed conversions (or bootstrap weights) of those paths
   * @param nulls summed non-conversions of those paths
   */
  public record Coalition(List<String> channels, double conversions, double nulls) {
    /** The coalition's value: its conversion rate, 0 when it has no path. */
    public double value() {
      double total = conversions + nulls;
      return total > 0 ? conversions / total : 0.0;
    }
  }

  private ShapleyValues() {}

  /**
   * Stops a computation over more than {@link #MAX_CHANNELS} channels, with the advice to disable
   * the model or map channels together.
   *
   * @param channels the channels seen so far
   */
  static void requireSupported(int channels) {
    if (channels > MAX_CHANNELS) {
      throw Errors.usage(
          String.format(
              Locale.ROOT,
              "The shapley model supports at most %d channels and the data has %d or more. "
                  + "Disable it (models.enabled) or map rarely used channels onto fewer ones.",
              MAX_CHANNELS,
              channels));
    }
  }

  /** The Shapley value of every channel of the observed coalitions, in sorted channel order. */
  public static Map<String, Double> of(List<Coalition> observed) {
    SortedSet<String> channelSet = new TreeSet<>();
    observed.forEach(c -> channelSet.addAll(c.channels()));
    List<String> channels = new ArrayList<>(channelSet);
    int n = channels.size();
    requireSupported(n);
    double[] weight = coalitionWeights(n);
    Map<String, Double> values = new LinkedHashMap<>();
    for (String channel : channels) {
      double phi = 0;
      for (Coalition coalition : observed) {
        int size = coalition.channels().size();
        if (coalition.channels().contains(channel)) {
          phi += weight[size - 1] * coalition.value();
        } else if (size < n) {
          phi -= weight[size] * coalition.value();
        }
      }
      values.put(channel, phi);
    }
    return values;
  }

  /**
   * {@code w(s) = s! (n - s - 1)! / n!} for s = 0..n-1, by the recurrence w(s) = w(s-1) s/(n-s).
   */
  static double[] coalitionWeights(int n) {
    double[] weight = new double[Math.max(n, 1)];
    weight[0] = n == 0 ? 0.0 : 1.0 / n;
    for (int s = 1; s < n; s++) {
      weight[s] = weight[s - 1] * s / (n - s);
    }
    return weight;
  }
}
