package io.revattr.jobs.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.util.QueryExecutionListener;

/**
 * Every Spark SQL action of a pass (each table write, each count) with its duration and its final
 * physical plan, written to a file beside the results: where the time of a pass goes.
 */
final class QueryLog implements QueryExecutionListener {
  private final List<String> entries = new ArrayList<>();
  private double totalSeconds;

  synchronized void reset() {
    entries.clear();
    totalSeconds = 0;
  }

  @Override
  public synchronized void onSuccess(String funcName, QueryExecution qe, long durationNs) {
    double seconds = durationNs / 1e9;
    totalSeconds += seconds;
    entries.add(
        String.format(Locale.ROOT, "== %s: %.1f s ==%n%s", funcName, seconds, qe.executedPlan()));
  }

  @Override
  public synchronized void onFailure(String funcName, QueryExecution qe, Exception exception) {
    entries.add("== " + funcName + ": failed: " + exception.getMessage() + " ==");
  }

  /** Writes the actions since the last reset, in the order they ran. */
  synchronized void write(Path file, String title) throws IOException {
    StringBuilder text = new StringBuilder(title).append('\n');
    text.append(
        String.format(
            Locale.ROOT, "%d actions, %.1f s in actions%n%n", entries.size(), totalSeconds));
    entries.forEach(e -> text.append(e).append("\n\n"));
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
