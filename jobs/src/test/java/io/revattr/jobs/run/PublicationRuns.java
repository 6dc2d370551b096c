package io.revattr.jobs.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.revattr.jobs.OncePerBuild;
import io.revattr.jobs.TestDirectories;
import io.revattr.jobs.io.ResultWriter;
import io.revattr.jobs.ledger.RunLedger;
import io.revattr.testsupport.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The publication tests' shared input and baseline: one run as of {@link #AS_OF}, made once per
 * build (whichever publication test class of whichever test JVM needs it first, see {@link
 * OncePerBuild}) under {@code target/publication-baseline}. No test writes to it: each works on its
 * own copy (Delta tables are directories with relative paths, so a copy is a table). Also the ways
 * those tests read tables.
 */
final class PublicationRuns {
  static final LocalDate AS_OF = CsvWarehouse.AS_OF;
  static final LocalDate OTHER_AS_OF = LocalDate.parse("2024-05-31");
  static final List<String> TABLES =
      List.of(AttributionRun.JOURNEY_TOUCHES, AttributionRun.ATTRIBUTION_CREDITS, "quarantine");

  private static final Path DIR = Path.of("target/publication-baseline").toAbsolutePath();
  private static final Path INPUT = DIR.resolve("input");
  private static final Path BASELINE = DIR.resolve("baseline");
  private static final Path BASELINE_RUN_ID = DIR.resolve("baseline-run-id");

  private static boolean built;

  private PublicationRuns() {}

  /** The input warehouse (read only). */
  static synchronized Path input() {
    if (!built) {
      OncePerBuild.ensure(DIR, PublicationRuns::build);
      built = true;
    }
    return INPUT;
  }

  private static void build() {
    Path warehouse =
        CsvWarehouse.base()
            .add("touchpoints", "TX1,2024-01-05T00:00:00Z,,CX,,,email,,email,,")
            .add("touchpoints", "T2,2024-01-20T00:00:00Z,,C1,,,email,,email,,")
            .writeTo(INPUT);
    try {
      Files.writeString(BASELINE_RUN_ID, run(warehouse, BASELINE, AS_OF).runId());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The baseline output (read only: copy it with {@link #copyOf}). */
  static Path baseline() {
    input();
    return BASELINE;
  }

  /** The run id of the baseline's run. */
  static String baselineRunId() {
    input();
    try {
      return Files.readString(BASELINE_RUN_ID);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SparkSession spark() {
    return SharedSpark.spark();
  }

  /** A run of the input into {@code output}. */
  static RunResult run(Path output, LocalDate asOf) {
    return run(input(), output, asOf);
  }

  private static RunResult run(Path warehouse, Path output, LocalDate asOf) {
    return new AttributionRun(spark(), CsvWarehouse.settings(warehouse, output, asOf)).execute();
  }

  /** Every row of every result table, as sorted strings, with or without the run id. */
  static Map<String, List<String>> rows(Path output, boolean withRunId) {
    return rowsOf(output, null, withRunId);
  }

  static Map<String, List<String>> rowsOf(Path output, LocalDate asOf, boolean withRunId) {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (String table : TABLES) {
      Dataset<Row> frame = spark().read().format("delta").load(output.resolve(table).toString());
      if (asOf != null) {
        frame = frame.filter(col(ResultWriter.AS_OF).equalTo(lit(Date.valueOf(asOf))));
      }
      rows.put(table, sorted(withRunId ? frame : frame.drop(ResultWriter.RUN_ID)));
    }
    return rows;
  }

  /** The committed rows of every result table (run ids dropped: they differ between copies). */
  static Map<String, List<String>> committedRows(Path output) {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (String table : TABLES) {
      rows.put(
          table,
          sorted(
              RunLedger.committedRows(spark(), output.toString(), table)
                  .drop(ResultWriter.RUN_ID)));
    }
    return rows;
  }

  private static List<String> sorted(Dataset<Row> frame) {
    return frame.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  static List<String> runIds(Path output, String table) {
    return spark()
        .read()
        .format("delta")
        .load(output.resolve(table).toString())
        .select(ResultWriter.RUN_ID)
        .distinct()
        .collectAsList()
        .stream()
        .map(r -> r.getString(0))
        .toList();
  }

  static Dataset<Row> runs(Path output) {
    return spark().read().format("delta").load(output.resolve(RunLedger.RUNS).toString());
  }

  static List<String> committedRunIds(Path output) {
    return RunLedger.committedRuns(spark(), output.toString()).collectAsList().stream()
        .map(r -> r.get(0) + "=" + r.getString(1))
        .sorted()
        .toList();
  }

  /** A copy of {@code source} as {@code dir/name}. */
  static Path copyOf(Path source, Path dir, String name) {
    return TestDirectories.copy(source, dir.resolve(name));
  }
}
