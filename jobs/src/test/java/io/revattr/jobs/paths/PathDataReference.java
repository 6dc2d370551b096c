package io.revattr.jobs.paths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An independent reading of an aggregated path CSV and independent computations on it, for checking
 * revattr's results: plain Java, no Spark, no linear solver. The Markov conversion probability is
 * found by value iteration ({@code x <- r + Q x} from 0 until it stops moving), the Shapley values
 * by the textbook sum over every subset of channels.
 */
final class PathDataReference {
  /** One row of the file. */
  record PathRow(List<String> channels, double conversions, double value, double nulls) {}

  final List<PathRow> rows = new ArrayList<>();
  final List<String> channels;

  PathDataReference(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    List<String> header = Arrays.asList(lines.get(0).split(","));
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      List<String> path =
          Arrays.stream(cells[header.indexOf("path")].split(">")).map(String::strip).toList();
      rows.add(
          new PathRow(
              path,
              Double.parseDouble(cells[header.indexOf("total_conversions")]),
              Double.parseDouble(cells[header.indexOf("total_conversion_value")]),
              Double.parseDouble(cells[header.indexOf("total_null")])));
    }
    TreeSet<String> all = new TreeSet<>();
    rows.forEach(r -> all.addAll(r.channels()));
    channels = List.copyOf(all);
  }

  /**
   * The peers' sample data set. It is not part of the repository: it is looked up in the directory
   * named by the system property {@code revattr.peers.dir}, else in {@code shared/data/peers}
   * beside the repository (or beside a worktree's parent), where CI has it.
   */
  static Path pathDataCsv() {
    Path home = Path.of(System.getProperty("revattr.home", ".")).toAbsolutePath();
    List<Path> dirs = new ArrayList<>();
    String configured = System.getProperty("revattr.peers.dir");
    if (configured != null) {
      dirs.add(Path.of(configured));
    }
    dirs.add(home.resolve("../shared/data/peers"));
    dirs.add(home.resolve("../../shared/data/peers"));
    for (Path dir : dirs) {
      Path csv = dir.resolve("path-data.csv").normalize();
      if (Files.isRegularFile(csv)) {
        return csv;
      }
    }
    throw new IllegalStateException(
        "The peers' path-data.csv is not in "
            + dirs.stream().map(d -> d.normalize().toString()).toList()
            + ": copy the shared data set to ../shared/data/peers beside the repository, or run"
            + " the tests with -Drevattr.peers.dir=DIR.");
  }

  double totalConversions() {
    return rows.stream().mapToDouble(PathRow::conversions).sum();
  }

  double totalNulls() {
    return rows.stream().mapToDouble(PathRow::nulls).sum();
  }

  double totalValue() {
    return rows.stream().mapToDouble(PathRow::value).sum();
  }

  /**
   * P(conversion) of the order-k chain when states holding {@code removed} (null: none) end in
   * null, by value iteration.
   */
  double conversionProbability(int order, String removed) {
    Map<String, Map<String, Double>> moves = new HashMap<>();
    Map<String, Double> converted = new HashMap<>();
    Map<String, Double> leaving = new HashMap<>();
    for (PathRow row : rows) {
      List<String> collapsed = new ArrayList<>();
      for (String c : row.channels()) {
        if (collapsed.isEmpty() || !collapsed.get(collapsed.size() - 1).equals(c)) {
          collapsed.add(c);
        }
      }
      double weight = row.conversions() + row.nulls();
      String previous = "";
      for (int j = 1; j <= collapsed.size(); j++) {
        String state = String.join(">", collapsed.subList(Math.max(0, j - order), j));
        moves.computeIfAbsent(previous, s -> new HashMap<>()).merge(state, weight, Double::sum);
        leaving.merge(previous, weight, Double::sum);
        previous = state;
      }
      converted.merge(previous, row.conversions(), Double::sum);
      leaving.merge(previous, weight, Double::sum);
    }
    Map<String, Double> x = new HashMap<>();
    for (int iteration = 0; iteration < 1_000_000; iteration++) {
      double change = 0;
      for (String state : leaving.keySet()) {
        if (removed != null && Arrays.asList(state.split(">")).contains(removed)) {
          continue;
        }
        double total = converted.getOrDefault(state, 0.0);
        for (Map.Entry<String, Double> m : moves.getOrDefault(state, Map.of()).entrySet()) {
          total += m.getValue() * x.getOrDefault(m.getKey(), 0.0);
        }
        double updated = total / leaving.get(state);
        change = Math.max(change, Math.abs(updated - x.getOrDefault(state, 0.0)));
        x.put(state, updated);
      }
      if (change < 1e-15) {
        break;
      }
    }
    return x.getOrDefault("", 0.0);
  }

  /** Removal effect 1 - P(without c) / P by value iteration. */
  double removalEffect(int order, String channel) {
    return 1 - conversionProbability(order, channel) / conversionProbability(order, null);
  }

  /** The Shapley values by the textbook sum over all 2^n subsets. */
  Map<String, Double> shapleyValues() {
    int n = channels.size();
    double[] conversions = new double[1 << n];
    double[] totals = new double[1 << n];
    for (PathRow row : rows) {
      int mask = 0;
      for (String c : row.channels()) {
        mask |= 1 << channels.indexOf(c);
      }
      conversions[mask] += row.conversions();
      totals[mask] += row.conversions() + row.nulls();
    }
    double[] value = new double[1 << n];
    for (int s = 0; s < value.length; s++) {
      value[s] = totals[s] > 0 ? conversions[s] / totals[s] : 0.0;
    }
    Map<String, Double> phi = new HashMap<>();
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int s = 0; s < value.length; s++) {
        if ((s & (1 << i)) == 0) {
          int size = Integer.bitCount(s);
          sum +=
              factorial(size)
                  * factorial(n - size - 1)
                  / factorial(n)
                  * (value[s | (1 << i)] - value[s]);
        }
      }
      phi.put(channels.get(i), sum);
    }
    return phi;
  }

  /** v(all channels): the conversion rate of the paths holding every channel, 0 if none. */
  double valueOfAllChannels() {
    double conversions = 0;
    double total = 0;
    for (PathRow row : rows) {
      if (new TreeSet<>(row.channels()).size() == channels.size()) {
        conversions += row.conversions();
        total += row.conversions() + row.nulls();
      }
    }
    return total > 0 ? conversions / total : 0.0;
  }

  private static double factorial(int k) {
    double f = 1;
    for (int i = 2; i <= k; i++) {
      f *= i;
    }
    return f;
  }
}
