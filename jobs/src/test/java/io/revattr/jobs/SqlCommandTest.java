package io.revattr.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.jobs.io.TableRegistry;
import io.revattr.jobs.sql.ResultCatalog;
import io.revattr.testsupport.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.spark.sql.SparkSession;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code revattr sql} on tiny hand-written tables: names, committed runs only, formats. */
class SqlCommandTest {
  private static final String CATALOG = "revattr_sql_command";
  private static final String BROKEN_CATALOG = "revattr_sql_broken_runs";

  @TempDir static Path dir;

  private static String output;

  @BeforeAll
  static void writeTables() {
    SparkSession spark = SharedSpark.spark();
    output = dir.resolve("output").toString();
    // Run r1 committed 2025-12-31; r2 rewrote the as-of but failed; r3 (another as-of) committed
    // after r0, on a host whose clock is behind r0's (its ended_at is earlier).
    spark
        .sql(
            "SELECT * FROM VALUES ('paid_search', 120.5D, DATE'2025-12-31', 'r1'),"
                + " ('email, list', CAST(NULL AS DOUBLE), DATE'2025-12-31', 'r1'),"
                + " ('paid_search', 999.0D, DATE'2025-12-31', 'r2'),"
                + " ('webinar', 7.25D, DATE'2025-11-30', 'r3'),"
                + " ('display', 3.0D, DATE'2025-11-30', 'r0')"
                + " AS t(value, attributed_revenue, as_of, run_id)")
        .write()
        .format("delta")
        .save(output + "/attribution_summary");
    spark
        .sql(
            "SELECT * FROM VALUES"
                + " ('r1', DATE'2025-12-31', 'succeeded', TIMESTAMP'2026-01-01 01:00:00'),"
                + " ('r2', DATE'2025-12-31', 'failed', TIMESTAMP'2026-01-02 01:00:00'),"
                + " ('r3', DATE'2025-11-30', 'succeeded', TIMESTAMP'2025-12-01 01:00:00'),"
                + " ('r0', DATE'2025-11-30', 'succeeded', TIMESTAMP'2025-12-05 01:00:00')"
                + " AS t(run_id, as_of, status, ended_at)")
        .write()
        .format("delta")
        .save(output + "/runs");
  }

  @AfterAll
  static void dropTheCatalogDatabase() {
    SharedSpark.spark().sql("DROP DATABASE IF EXISTS " + CATALOG + " CASCADE");
    SharedSpark.spark().sql("DROP DATABASE IF EXISTS " + BROKEN_CATALOG + " CASCADE");
  }

  @Test
  void tablesAreQueryableByNameShowingCommittedRunsOnly() {
    assertThat(
            printed(
                "--output",
                output,
                "SELECT value, attributed_revenue, run_id FROM attribution_summary ORDER BY value"))
        .containsExactly(
            "value       | attributed_revenue | run_id",
            "------------+--------------------+-------",
            "email, list |               NULL | r1",
            "paid_search |              120.5 | r1",
            "webinar     |               7.25 | r3",
            "(3 rows)");
  }

  @Test
  void theSameTablesRegisteredInACatalogDatabaseShowCommittedRunsOnly() {
    TableRegistry registry = new TableRegistry(SharedSpark.spark(), CATALOG);
    registry.register("attribution_summary", output + "/attribution_summary");
    registry.register("runs", output + "/runs");
    // A table of the same database that revattr did not write (a run that reads its warehouse
    // from the database it writes to), without as_of and run_id: left out.
    SharedSpark.spark()
        .sql("SELECT * FROM VALUES ('t1', 'paid_search') AS t(touch_id, channel)")
        .write()
        .format("delta")
        .save(dir.resolve("touchpoints").toString());
    registry.register("touchpoints", dir.resolve("touchpoints").toString());
    // And a view over one dropped since: it no longer resolves, and is left out with a warning
    // instead of failing every query of the database.
    SparkSession spark = SharedSpark.spark();
    spark.sql(
        "CREATE VIEW " + CATALOG + ".dropped AS SELECT DATE'2025-12-31' AS as_of, 'r' AS run_id");
    spark.sql("CREATE VIEW " + CATALOG + ".stale_view AS SELECT * FROM " + CATALOG + ".dropped");
    spark.sql("DROP VIEW " + CATALOG + ".dropped");

    List<String> warnings;
    try (CapturedLog log = new CapturedLog(ResultCatalog.class)) {
      assertThat(printed("--catalog", CATALOG, "--list"))
          .containsExactly("attribution_summary", "runs");
      warnings = log.messagesAt(Level.WARN);
    }
    assertThat(warnings)
        .singleElement(InstanceOfAssertFactories.STRING)
        .startsWith(CATALOG + ".stale_view is left out: it cannot be read")
        .contains("TABLE_OR_VIEW_NOT_FOUND");
    assertThat(
            printed(
                "--catalog",
                CATALOG,
                "--format",
                "csv",
                "SELECT value, run_id FROM attribution_summary ORDER BY value"))
        .containsExactly("value,run_id", "\"email, list\",r1", "paid_search,r1", "webinar,r3");
  }

  @Test
  void aCatalogWhoseRunsTableCannotBeReadStopsTheCommand() {
    // A runs view over a view dropped since: no row could be told committed.
    SparkSession spark = SharedSpark.spark();
    spark.sql("CREATE DATABASE IF NOT EXISTS " + BROKEN_CATALOG);
    spark.sql(
        "CREATE VIEW "
            + BROKEN_CATALOG
            + ".gone AS SELECT DATE'2025-12-31' AS as_of, 'r' AS run_id, 'succeeded' AS status");
    spark.sql(
        "CREATE VIEW " + BROKEN_CATALOG + ".runs AS SELECT * FROM " + BROKEN_CATALOG + ".gone");
    spark.sql("DROP VIEW " + BROKEN_CATALOG + ".gone");

    CapturedConsole sql = new CapturedConsole();
    int code = RevattrMain.run(List.of("sql", "--catalog", BROKEN_CATALOG, "--list"), sql.console);
    assertThat(code).isEqualTo(1);
    assertThat(sql.err())
        .contains(BROKEN_CATALOG + ".runs cannot be read ([TABLE_OR_VIEW_NOT_FOUND]")
        .contains("so no run's rows can be told committed");
  }

  @Test
  void listNamesTheOutputsResultTables() {
    assertThat(printed("--output", output, "--list"))
        .containsExactly("attribution_summary", "runs");
  }

  @Test
  void theTableShowsAtMostMaxRowsWithDoublesToFourDecimals() {
    // 120.5 / 3 = 40.1666...; the third committed row (webinar) is cut.
    assertThat(
            printed(
                "--output",
                output,
                "--max-rows",
                "2",
                "SELECT value, attributed_revenue / 3 AS third FROM attribution_summary"
                    + " ORDER BY value"))
        .containsExactly(
            "value       |   third",
            "------------+--------",
            "email, list |    NULL",
            "paid_search | 40.1667",
            "(first 2 rows; add LIMIT or use --max-rows / --format csv)");
  }

  @Test
  void jsonLinesNameEveryColumnAndKeepFullPrecision() {
    assertThat(
            printed(
                "--output",
                output,
                "--format",
                "json",
                "SELECT value, attributed_revenue / 3 AS third, as_of FROM attribution_summary"
                    + " WHERE run_id = 'r1' ORDER BY value"))
        .containsExactly(
            "{\"value\":\"email, list\",\"third\":null,\"as_of\":\"2025-12-31\"}",
            "{\"value\":\"paid_search\",\"third\":" + (120.5 / 3) + ",\"as_of\":\"2025-12-31\"}");
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

    assertThat(printed("--output", killed, "SELECT count(*) AS n FROM attribution_summary"))
        .containsExactly("n", "-", "0", "(1 row)");
  }

  @Test
  void csvQuotesCellsAndLeavesNullsEmpty() {
    assertThat(
            printed(
                "--output",
                output,
                "--format",
                "csv",
                "SELECT value, attributed_revenue FROM attribution_summary WHERE run_id = 'r1'",
                "ORDER BY value"))
        .containsExactly("value,attributed_revenue", "\"email, list\",", "paid_search,120.5");
  }

  @Test
  void arraysMapsAndStructsPrintAsJsonInCsvAndTable() {
    String query =
        "SELECT array('a', 'b') AS xs, map('k', 1) AS m, named_struct('x', 1, 'y', 'z') AS s,"
            + " 'plain' AS t, array(1) AS t";
    assertThat(printed("--output", output, "--format", "csv", query))
        .containsExactly(
            "xs,m,s,t,t",
            "\"[\"\"a\"\",\"\"b\"\"]\",\"{\"\"k\"\":1}\",\"{\"\"x\"\":1,\"\"y\"\":\"\"z\"\"}\",plain,[1]");
    assertThat(printed("--output", output, query).get(2))
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

  /** The lines {@code revattr sql ARGS} printed; it must exit 0. */
  private static List<String> printed(String... args) {
    CapturedConsole sql = new CapturedConsole();
    List<String> command = new ArrayList<>(List.of("sql"));
    command.addAll(List.of(args));
    assertThat(RevattrMain.run(command, sql.console)).as(sql.err()).isZero();
    return sql.out().lines().toList();
  }
}
