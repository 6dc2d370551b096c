package io.revattr.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.testsupport.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code revattr sql} on tiny hand-written tables: names, committed runs only, formats. */
class SqlCommandTest {
  @TempDir static Path dir;

  private static String output;

  @BeforeAll
  static void writeTables() {
    SparkSession spark = SharedSpark.spark();
    output = dir.resolve("output").toString();
    // Run r1 committed 2025-12-31; r2 rewrote the as-of but failed; r3 (another as-of) committed.
    spark
        .sql(
            "SELECT * FROM VALUES ('paid_search', 120.5D, DATE'2025-12-31', 'r1'),"
                + " ('email, list', CAST(NULL AS DOUBLE), DATE'2025-12-31', 'r1'),"
                + " ('paid_search', 999.0D, DATE'2025-12-31', 'r2'),"
                + " ('webinar', 7.25D, DATE'2025-11-30', 'r3')"
                + " AS t(value, attributed_revenue, as_of, run_id)")
        .write()
        .format("delta")
        .save(output + "/attribution_summary");
    spark
        .sql(
            "SELECT * FROM VALUES"
                + " ('r1', DATE'2025-12-31', 'succeeded', TIMESTAMP'2026-01-01 01:00:00'),"
                + " ('r2', DATE'2025-12-31', 'failed', TIMESTAMP'2026-01-02 01:00:00'),"
                + " ('r3', DATE'2025-11-30', 'succeeded', TIMESTAMP'2025-12-01 01:00:00')"
                + " AS t(run_id, as_of, status, ended_at)")
        .write()
        .format("delta")
        .save(output + "/runs");
  }

  @Test
  void tablesAreQueryableByNameShowingCommittedRunsOnly() {
    CapturedConsole sql = new CapturedConsole();
    int code =
        RevattrMain.run(
            List.of(
                "sql",
                "--output",
                output,
                "SELECT value, attributed_revenue, run_id FROM attribution_summary ORDER BY value"),
            sql.console);
    assertThat(code).as(sql.err()).isZero();
    assertThat(sql.out().lines().toList())
        .containsExactly(
            "value       | attributed_revenue | run_id",
            "------------+--------------------+-------",
            "email, list |               NULL | r1",
            "paid_search |              120.5 | r1",
            "webinar     |               7.25 | r3",
            "(3 rows)");
  }

  @Test
  void withoutARunsTableNoRowIsCommitted() throws IOException {
    // A first run into this output was killed: after it staged a table, and while it created
    // another (its log holds no commit yet), before it wrote runs.
    String killed = dir.resolve("killed").toString();
    SharedSpark.spark()
        .sql("SELECT 'paid_search' AS value, DATE'2025-12-31' AS as_of, 'r9' AS run_id")
        .write()
        .format("delta")
        .save(killed + "/attribution_summary");
    Files.createDirectories(Path.of(killed, "quarantine", "_delta_log", "_staged_commits"));

    CapturedConsole sql = new CapturedConsole();
    int code =
        RevattrMain.run(
            List.of("sql", "--output", killed, "SELECT count(*) AS n FROM attribution_summary"),
            sql.console);

    assertThat(code).as(sql.err()).isZero();
    assertThat(sql.out().lines().toList()).containsExactly("n", "-", "0", "(1 row)");
  }

  @Test
  void csvQuotesCellsAndLeavesNullsEmpty() {
    CapturedConsole sql = new CapturedConsole();
    int code =
        RevattrMain.run(
            List.of(
                "sql",
                "--output",
                output,
                "--format",
                "csv",
                "SELECT value, attributed_revenue FROM attribution_summary WHERE run_id = 'r1'",
                "ORDER BY value"),
            sql.console);
    assertThat(code).as(sql.err()).isZero();
    assertThat(sql.out().lines().toList())
        .containsExactly("value,attributed_revenue", "\"email, list\",", "paid_search,120.5");
  }

  @Test
  void arraysMapsAndStructsPrintAsJsonInCsvAndTable() {
    String query =
        "SELECT array('a', 'b') AS xs, map('k', 1) AS m, named_struct('x', 1, 'y', 'z') AS s,"
            + " 'plain' AS t, array(1) AS t";
    CapturedConsole csv = new CapturedConsole();
    assertThat(
            RevattrMain.run(
                List.of("sql", "--output", output, "--format", "csv", query), csv.console))
        .as(csv.err())
        .isZero();
    assertThat(csv.out().lines().toList())
        .containsExactly(
            "xs,m,s,t,t",
            "\"[\"\"a\"\",\"\"b\"\"]\",\"{\"\"k\"\":1}\",\"{\"\"x\"\":1,\"\"y\"\":\"\"z\"\"}\",plain,[1]");
    CapturedConsole table = new CapturedConsole();
    assertThat(RevattrMain.run(List.of("sql", "--output", output, query), table.console))
        .as(table.err())
        .isZero();
    assertThat(table.out().lines().toList().get(2))
        .isEqualTo("[\"a\",\"b\"] | {\"k\":1} | {\"x\":1,\"y\":\"z\"} | plain | [1]");
  }

  @Test
  void aQueryThatCannotRunIsAUsageErrorNamingTheTables() {
    CapturedConsole sql = new CapturedConsole();
    int code =
        RevattrMain.run(
            List.of("sql", "--output", output, "SELECT * FROM attribution_sumary"), sql.console);
    assertThat(code).isEqualTo(2);
    assertThat(sql.err())
        .contains("The query cannot run: [TABLE_OR_VIEW_NOT_FOUND]")
        .contains("The tables here: attribution_summary, runs")
        .doesNotContain("LogicalPlan");
  }

  @Test
  void aQueryThatFailsWhileRunningExitsOneAndLogsItsStack() {
    CapturedConsole sql = new CapturedConsole();
    int code;
    List<String> errors;
    List<Throwable> thrown;
    try (CapturedLog log = new CapturedLog(RevattrMain.class)) {
      code =
          RevattrMain.run(
              List.of("sql", "--output", output, "SELECT raise_error('no such luck') FROM runs"),
              sql.console);
      errors = log.messagesAt(Level.ERROR);
      thrown = log.thrownAt(Level.ERROR);
    }
    assertThat(code).isEqualTo(1);
    assertThat(sql.err()).contains("no such luck").contains("The log above has the details.");
    assertThat(errors).containsExactly("revattr failed");
    assertThat(thrown)
        .as("an unexpected failure's stack is in the log")
        .singleElement()
        .satisfies(t -> assertThat(t).hasStackTraceContaining("no such luck"));
  }

  @Test
  void deltaTablesWithoutRunColumnsAreNotResultTables() {
    // A warehouse's input tables in Delta: no as_of, no run_id.
    String warehouse = dir.resolve("warehouse").toString();
    SharedSpark.spark()
        .sql("SELECT 'c1' AS campaign_id, 'Brand' AS name")
        .write()
        .format("delta")
        .save(warehouse + "/campaigns");
    CapturedConsole sql = new CapturedConsole();
    int code = RevattrMain.run(List.of("sql", "--output", warehouse, "--list"), sql.console);
    assertThat(code).isEqualTo(2);
    assertThat(sql.err()).contains("No Delta result table was found under " + warehouse);
  }

  @Test
  void aReportOfAnAsOfWithoutACommittedRunIsAUsageError() {
    CapturedConsole report = new CapturedConsole();
    int code =
        RevattrMain.run(
            List.of("report", "--output", output, "--as-of", "2024-01-01"), report.console);
    assertThat(code).isEqualTo(2);
    assertThat(report.err())
        .contains("No committed run of as-of 2024-01-01 under " + output)
        .contains("the as-of dates with one: [2025-11-30, 2025-12-31]");
  }

  @Test
  void aDirectoryWithoutTablesIsAUsageError() {
    CapturedConsole sql = new CapturedConsole();
    int code =
        RevattrMain.run(
            List.of("sql", "--output", dir.resolve("nothing").toString(), "SELECT 1"), sql.console);
    assertThat(code).isEqualTo(2);
    assertThat(sql.err()).contains("does not exist. Give the output directory of a run.");
  }
}
