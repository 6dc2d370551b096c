package io.revattr.jobs.bench;

import io.revattr.common.error.Errors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A benchmark size: about {@code touches} touchpoints, generated as {@code touches /
 * touchesPerAccount} accounts.
 *
 * @param label the size as written on the command line (e.g. {@code 10m})
 * @param touches the intended number of touches
 */
record BenchSize(String label, long touches) {

  /** Accounts to generate so that the mean touches per account gives about {@link #touches}. */
  long accounts(int touchesPerAccount) {
    return Math.max(1, touches / touchesPerAccount);
  }

  /** Parses {@code 1m,10m} (suffixes k and m, or a plain number) into sizes, in the given order. */
  static List<BenchSize> parseList(String text) {
    List<BenchSize> sizes = new ArrayList<>();
    for (String part : text.split(",")) {
      String label = part.strip().toLowerCase(Locale.ROOT);
      if (!label.isEmpty()) {
        sizes.add(new BenchSize(label, parse(label)));
      }
    }
    if (sizes.isEmpty()) {
      throw Errors.usage("--sizes is empty: give sizes such as 1m,10m.");
    }
    return sizes;
  }

  private static long parse(String label) {
    long unit = 1;
    String digits = label;
    if (label.endsWith("k")) {
      unit = 1_000;
      digits = label.substring(0, label.length() - 1);
    } else if (label.endsWith("m")) {
      unit = 1_000_000;
      digits = label.substring(0, label.length() - 1);
    }
    try {
      long value = Long.parseLong(digits) * unit;
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Errors.usage(
        "--sizes has '" + label + "': give positive touch counts such as 100k, 1m or 2500000.");
  }
}
