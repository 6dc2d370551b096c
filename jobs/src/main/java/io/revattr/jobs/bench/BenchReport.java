package io.revattr.jobs.bench;

import io.revattr.jobs.cli.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The benchmark's table on the console, and the same as CSV and JSON files. */
final class BenchReport {
  private static final double MIB = 1024.0 * 1024.0;
  private static final String[] COLUMNS = {
    "size", "touches", "variant", "repetitions", "min_s", "median_s", "ratio_to_floor",
    "rows_written", "touches_per_s", "peak_heap_mib", "gc_s", "jobs", "stages", "shuffles",
    "shuffle_write_mib", "spill_mib", "disk_spill_mib"
  };

  private final List<BenchMeasurement> measurements;
  private final Map<String, String> context;

  /**
   * @param measurements every size's variants, each size's floor last
   * @param context how the benchmark ran (command, cores, heap, Spark settings), in order
   */
  BenchReport(List<BenchMeasurement> measurements, Map<String, String> context) {
    this.measurements = measurements;
    this.context = context;
  }

  void print(Console console) {
    console.println("");
    context.forEach((key, value) -> console.printf("%-20s %s%n", key + ":", value));
    console.println("");
    console.printf(
        "%-5s %11s %-17s %8s %9s %7s %13s %10s %9s %6s %5s %6s %8s %9s %9s %9s%n",
        "size",
        "touches",
        "variant",
        "min s",
        "median s",
        "x floor",
        "rows written",
        "touches/s",
        "heap MiB",
        "GC s",
        "jobs",
        "stages",
        "shuffles",
        "shuf MiB",
        "spill MiB",
        "disk MiB");
    for (BenchMeasurement m : measurements) {
      console.printf(
          "%-5s %,11d %-17s %8.1f %9.1f %7s %,13d %,10.0f %,9.0f %6.1f %5d %6d %8d %,9.0f %,9.0f"
              + " %,9.0f%n",
          m.size(),
          m.touches(),
          m.variant(),
          m.minSeconds(),
          m.medianSeconds(),
          ratioToFloor(m).map(r -> String.format(Locale.ROOT, "%.2f", r)).orElse("-"),
          m.rowsWritten(),
          m.touchesPerSecond(),
          m.peakHeapBytes() / MIB,
          m.gcMillis() / 1000.0,
          m.counts().jobs(),
          m.counts().stages(),
          m.counts().shuffles(),
          m.counts().shuffleBytes() / MIB,
          m.counts().spill() / MIB,
          m.counts().diskSpill() / MIB);
    }
    console.println("");
    for (String line : targets()) {
      console.println(line);
    }
    console.println("");
    console.println("Task CPU seconds by run phase (last repetition; the floor has none):");
    for (BenchMeasurement m : measurements) {
      console.println("  " + phases(m));
    }
  }

  /** A measurement's task CPU per run phase, with each phase's share, on one line. */
  static String phases(BenchMeasurement m) {
    Map<String, Double> byPhase = m.counts().cpuSecondsByPhase();
    double total = byPhase.values().stream().mapToDouble(Double::doubleValue).sum();
    List<String> parts = new ArrayList<>();
    byPhase.forEach(
        (phase, seconds) ->
            parts.add(
                String.format(
                    Locale.ROOT,
                    "%s %.1f (%.0f%%)",
                    phase,
                    seconds,
                    total > 0 ? 100 * seconds / total : 0.0)));
    return String.format(
        Locale.ROOT,
        "%s %s, %.1f in all: %s",
        m.size(),
        m.variant(),
        total,
        String.join(", ", parts));
  }

  /** The targets: full run within 1.5x the floor at the largest size, 10x size within 10x time. */
  List<String> targets() {
    List<String> lines = new ArrayList<>();
    List<BenchMeasurement> full =
        measurements.stream().filter(m -> m.variant().equals("full")).toList();
    if (full.isEmpty()) {
      return lines;
    }
    BenchMeasurement largest = full.get(full.size() - 1);
    ratioToFloor(largest)
        .ifPresent(
            r ->
                lines.add(
                    String.format(
                        Locale.ROOT,
                        "full / floor at %s: %.2fx (target <= 1.5x: %s)",
                        largest.size(),
                        r,
                        r <= 1.5 ? "met" : "not met")));
    if (full.size() > 1) {
      BenchMeasurement smallest = full.get(0);
      double sizeRatio = (double) largest.touches() / smallest.touches();
      double timeRatio = largest.medianSeconds() / smallest.medianSeconds();
      lines.add(
          String.format(
              Locale.ROOT,
              "full at %s / full at %s: %.2fx the time for %.1fx the touches (target <= %.0fx: %s)",
              largest.size(),
              smallest.size(),
              timeRatio,
              sizeRatio,
              sizeRatio,
              timeRatio <= sizeRatio ? "met" : "not met"));
    }
    return lines;
  }

  private Optional<Double> ratioToFloor(BenchMeasurement m) {
    if (m.variant().equals("floor")) {
      return Optional.empty();
    }
    return measurements.stream()
        .filter(f -> f.size().equals(m.size()) && f.variant().equals("floor"))
        .findFirst()
        .map(f -> m.medianSeconds() / f.medianSeconds());
  }

  void writeCsv(Path file) throws IOException {
    StringBuilder text = new StringBuilder(String.join(",", COLUMNS)).append('\n');
    for (BenchMeasurement m : measurements) {
      text.append(String.join(",", values(m))).append('\n');
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  void writeJson(Path file) throws IOException {
    StringBuilder json = new StringBuilder("{\n  \"context\": {");
    String separator = "\n";
    for (Map.Entry<String, String> entry : context.entrySet()) {
      json.append(separator).append("    ").append(quote(entry.getKey())).append(": ");
      json.append(quote(entry.getValue()));
      separator = ",\n";
    }
    json.append("\n  },\n  \"targets\": [");
    separator = "\n";
    for (String line : targets()) {
      json.append(separator).append("    ").append(quote(line));
      separator = ",\n";
    }
    json.append("\n  ],\n  \"measurements\": [");
    separator = "\n";
    for (BenchMeasurement m : measurements) {
      json.append(separator).append("    {");
      List<String> values = values(m);
      for (int i = 0; i < COLUMNS.length; i++) {
        String value = values.get(i);
        boolean text = i == 0 || i == 2 || value.isEmpty();
        json.append(i == 0 ? "" : ", ").append(quote(COLUMNS[i])).append(": ");
        json.append(text ? (value.isEmpty() ? "null" : quote(value)) : value);
      }
      json.append(", \"seconds\": ").append(m.seconds());
      json.append(", \"task_cpu_s_by_phase\": {");
      json.append(
          String.join(
              ", ",
              m.counts().cpuSecondsByPhase().entrySet().stream()
                  .map(e -> quote(e.getKey()) + ": " + number(e.getValue()))
                  .toList()));
      json.append("}");
      json.append(", \"models\": [");
      json.append(String.join(", ", m.models().stream().map(BenchReport::quote).toList()));
      json.append("]}");
      separator = ",\n";
    }
    json.append("\n  ]\n}\n");
    Files.writeString(file, json, StandardCharsets.UTF_8);
  }

  private List<String> values(BenchMeasurement m) {
    return List.of(
        m.size(),
        Long.toString(m.touches()),
        m.variant(),
        Integer.toString(m.seconds().size()),
        number(m.minSeconds()),
        number(m.medianSeconds()),
        ratioToFloor(m).map(BenchReport::number).orElse(""),
        Long.toString(m.rowsWritten()),
        number(m.touchesPerSecond()),
        number(m.peakHeapBytes() / MIB),
        number(m.gcMillis() / 1000.0),
        Long.toString(m.counts().jobs()),
        Long.toString(m.counts().stages()),
        Long.toString(m.counts().shuffles()),
        number(m.counts().shuffleBytes() / MIB),
        number(m.counts().spill() / MIB),
        number(m.counts().diskSpill() / MIB));
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  private static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
