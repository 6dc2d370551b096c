package io.revattr.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revattr.common.error.ErrorKind;
import io.revattr.common.error.RevattrException;
import io.revattr.jobs.CapturedConsole;
import io.revattr.jobs.RevattrMain;
import io.revattr.jobs.RunCommandLine;
import io.revattr.testsupport.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A name always shows the latest run written through its database: a name registered at another
 * output moves to the new one, and a name revattr did not register stops a run before it starts.
 */
class TableRegistryTest {
  private static final String DATABASE = "revattr_table_registry";

  @TempDir Path dir;

  @Test
  void aNameRegisteredAtAnotherOutputMovesToTheNewRunsTable() {
    SparkSession spark = SharedSpark.spark();
    String first = dir.resolve("first/attribution_summary").toString();
    String second = dir.resolve("second/attribution_summary").toString();
    spark.sql("SELECT 'r1' AS run_id").write().format("delta").save(first);
    // A later version's table with one column more: the name moves whatever the schema.
    spark.sql("SELECT 'r2' AS run_id, 1.5D AS roas").write().format("delta").save(second);
    TableRegistry registry = new TableRegistry(spark, DATABASE);

    registry.register("attribution_summary", first);
    assertThat(runIds(spark)).containsExactly("r1");
    registry.register("attribution_summary", second);
    assertThat(runIds(spark)).containsExactly("r2");
    assertThat(spark.table(DATABASE + ".attribution_summary").columns())
        .containsExactly("run_id", "roas");
    // The same location again (every later run into that output): nothing changes.
    registry.register("attribution_summary", second);
    assertThat(runIds(spark)).containsExactly("r2");
    assertThat(registry.lookup("attribution_summary").orElseThrow().type()).isEqualTo("EXTERNAL");
    // Only the name moved: the first output's table is whole.
    assertThat(spark.read().format("delta").load(first).count()).isEqualTo(1);
  }

  @Test
  void namesTakenByOtherTablesStopTheRunNamingEachAndTheFix() {
    SparkSession spark = SharedSpark.spark();
    String database = DATABASE + "_taken";
    spark.sql("CREATE DATABASE IF NOT EXISTS " + database);
    spark.sql("SELECT 'r1' AS run_id").write().saveAsTable(database + ".runs");
    spark.sql("CREATE OR REPLACE VIEW " + database + ".quarantine AS SELECT 1 AS one");
    String credits = dir.resolve("out/attribution_credits").toString();
    spark.sql("SELECT 'r1' AS run_id").write().format("delta").save(credits);
    TableRegistry registry = new TableRegistry(spark, database);
    registry.register("attribution_credits", credits);

    assertThatThrownBy(
            () -> registry.checkNamesFree(List.of("attribution_credits", "quarantine", "runs")))
        .isInstanceOfSatisfying(
            RevattrException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.USAGE))
        .hasMessageContaining(database + ".quarantine is a view;")
        .hasMessageContaining(database + ".runs is a managed parquet table at file:")
        .hasMessageContaining("Give another database with --catalog DB, or drop or rename those")
        .hasMessageNotContaining("attribution_credits is");
    // An external Delta table (a run's, to be moved), a free name and a missing database pass.
    registry.checkNamesFree(List.of("attribution_credits", "journey_touches"));
    new TableRegistry(spark, DATABASE + "_missing").checkNamesFree(List.of("runs"));
  }

  @Test
  void aRunIntoADatabaseWithATakenNameStopsBeforeItReadsOrWritesAnything() throws Exception {
    SparkSession spark = SharedSpark.spark();
    String database = DATABASE + "_run";
    spark.sql("CREATE DATABASE IF NOT EXISTS " + database);
    spark.sql("SELECT 'r1' AS run_id").write().saveAsTable(database + ".runs");
    Path input = Files.createDirectories(dir.resolve("warehouse"));
    Path output = dir.resolve("output");

    CapturedConsole run = new CapturedConsole();
    int code =
        RevattrMain.run(RunCommandLine.of(input, output, "--catalog", database), run.console);

    assertThat(code).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains(database + ".runs is a managed parquet table at file:")
        .contains("drop or rename that table there.");
    assertThat(output).doesNotExist();
  }

  private static List<String> runIds(SparkSession spark) {
    return spark.table(DATABASE + ".attribution_summary").collectAsList().stream()
        .map(row -> row.getString(0))
        .toList();
  }
}
