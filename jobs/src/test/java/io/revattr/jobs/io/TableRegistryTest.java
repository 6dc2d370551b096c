package io.revattr.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revattr.common.error.ErrorKind;
import io.revattr.common.error.RevattrException;
import io.revattr.jobs.CapturedConsole;
import io.revattr.jobs.CapturedLog;
import io.revattr.jobs.RevattrMain;
import io.revattr.jobs.RunCommandLine;
import io.revattr.testsupport.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
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
    // A directory whose name a URI encodes (the catalog keeps file:/.../second%20output/...).
    String second = dir.resolve("second output/attribution_summary").toString();
    spark.sql("SELECT 'r1' AS run_id").write().format("delta").save(first);
    // A later version's table with one column more: the name moves whatever the schema.
    spark.sql("SELECT 'r2' AS run_id, 1.5D AS roas").write().format("delta").save(second);
    TableRegistry registry = new TableRegistry(spark, DATABASE);

    registry.register("attribution_summary", first);
    assertThat(runIds(spark)).containsExactly("r1");
    List<String> warnings;
    try (CapturedLog log = new CapturedLog(TableRegistry.class)) {
      registry.register("attribution_summary", second);
      assertThat(runIds(spark)).containsExactly("r2");
      // The same location again (every later run into that output), also as a file URI: it stays.
      registry.register("attribution_summary", "file://" + second);
      new TableRegistry(spark, DATABASE).register("attribution_summary", second + "/");
      warnings = log.messagesAt(Level.WARN);
    }
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains(DATABASE + ".attribution_summary was registered at file:" + first)
        .endsWith("it now names this run's table at " + second + ".");
    assertThat(spark.table(DATABASE + ".attribution_summary").columns())
        .containsExactly("run_id", "roas");
    assertThat(registry.lookup("attribution_summary").orElseThrow().type()).isEqualTo("EXTERNAL");
    // Only the name moved: the first output's table is whole.
    assertThat(spark.read().format("delta").load(first).count()).isEqualTo(1);
  }

  @Test
  void aNameWhoseTableWasDeletedSinceMovesToo() throws Exception {
    SparkSession spark = SharedSpark.spark();
    Path deleted = dir.resolve("deleted/journey_touches");
    String kept = dir.resolve("kept/journey_touches").toString();
    spark.sql("SELECT 'r1' AS run_id").write().format("delta").save(deleted.toString());
    spark.sql("SELECT 'r2' AS run_id").write().format("delta").save(kept);
    TableRegistry registry = new TableRegistry(spark, DATABASE);
    registry.register("journey_touches", deleted.toString());
    LocalFiles.deleteRecursively(deleted.getParent());

    registry.checkNamesFree(List.of("journey_touches"));
    registry.register("journey_touches", kept);

    assertThat(spark.table(DATABASE + ".journey_touches").as(Encoders.STRING()).collectAsList())
        .containsExactly("r2");
  }

  @Test
  void aDatabaseNameOtherThanOneIdentifierIsAUsageError() {
    assertThat(TableRegistry.checkedDatabaseName("revattr_2025")).isEqualTo("revattr_2025");
    for (String name : List.of("my-db", "other_catalog.revattr", "revattr db", "", "1st")) {
      assertThatThrownBy(() -> TableRegistry.checkedDatabaseName(name))
          .as(name)
          .isInstanceOfSatisfying(
              RevattrException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.USAGE))
          .hasMessageContaining("--catalog '" + name + "' is not a database name");
    }
  }

  @AfterAll
  static void dropTheDatabases() {
    for (String database : List.of(DATABASE, DATABASE + "_taken", DATABASE + "_run")) {
      SharedSpark.spark().sql("DROP DATABASE IF EXISTS " + database + " CASCADE");
    }
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
