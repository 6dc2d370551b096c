package io.revattr.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.tables.DeltaTable;
import io.revattr.testsupport.DataFrameAssert;
import io.revattr.testsupport.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code revattr vacuum} removes the files of rows that left an output's tables once they are older
 * than the retention, and changes no row. The tests share one output; the one that removes files
 * runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VacuumCommandTest {
  private static final String RETENTION_CHECK =
      "spark.databricks.delta.retentionDurationCheck.enabled";

  @TempDir static Path output;
  private static SparkSession spark;

  /** Two result tables whose older run's rows were deleted (as a re-run retires them). */
  @BeforeAll
  static void outputWithRetiredRows() {
    spark = SharedSpark.spark();
    for (String table : List.of("attribution_credits", "runs")) {
      String location = output.resolve(table).toString();
      for (String runId : List.of("r1", "r2")) {
        spark
            .range(40)
            .withColumn("as_of", lit(java.sql.Date.valueOf("2025-12-31")))
            .withColumn("run_id", lit(runId))
            .repartition(2)
            .write()
            .format("delta")
            .mode("append")
            .save(location);
      }
      DeltaTable.forPath(spark, location).delete(col("run_id").equalTo("r1"));
    }
  }

  @Test
  @Order(3)
  void removesTheFilesTheTablesNoLongerReadAndKeepsEveryRow() throws IOException {
    Path credits = output.resolve("attribution_credits");
    long onDisk = parquetFiles(credits);
    long read = filesTheTableReads(credits);
    Dataset<Row> rowsBefore = spark.read().format("delta").load(credits.toString()).cache();
    rowsBefore.count();
    spark.conf().set(RETENTION_CHECK, "false");
    CapturedConsole c = new CapturedConsole();
    try {
      assertThat(vacuum(c, "--retain-hours", "0")).as(c.err()).isZero();
    } finally {
      spark.conf().unset(RETENTION_CHECK);
    }

    assertThat(read).isLessThan(onDisk);
    assertThat(parquetFiles(credits)).isEqualTo(read);
    assertThat(parquetFiles(output.resolve("runs")))
        .isEqualTo(filesTheTableReads(output.resolve("runs")));
    assertThat(c.out())
        .containsPattern("attribution_credits +" + (onDisk - read) + " +" + read + "\n")
        .contains("from 2 tables under " + output);
    DataFrameAssert.assertSameRows(
        spark.read().format("delta").load(credits.toString()), rowsBefore);
    assertThat(rowsBefore.filter(col("run_id").equalTo("r2")).count()).isEqualTo(40);
  }

  @Test
  @Order(2)
  void theDefaultRetentionKeepsFilesRemovedToday() throws IOException {
    Path credits = output.resolve("attribution_credits");
    long onDisk = parquetFiles(credits);
    CapturedConsole c = new CapturedConsole();

    assertThat(vacuum(c)).as(c.err()).isZero();

    assertThat(parquetFiles(credits)).isEqualTo(onDisk);
    assertThat(c.out()).contains("Removed 0 files from 2 tables");
  }

  @Test
  @Order(1)
  void aRetentionUnderTheTablesIsRefusedBeforeAnyFileIsRemoved() throws IOException {
    long onDisk = parquetFiles(output.resolve("attribution_credits"));
    CapturedConsole c = new CapturedConsole();

    assertThat(vacuum(c, "--retain-hours", "1")).isEqualTo(2);

    assertThat(c.err())
        .contains(
            "--retain-hours 1 is under the retention (delta.deletedFileRetentionDuration, 168 hours"
                + " unless set) of attribution_credits (168 hours), runs (168 hours):")
        .contains("give at least 168")
        .contains(RETENTION_CHECK + "=false");
    assertThat(parquetFiles(output.resolve("attribution_credits"))).isEqualTo(onDisk);
  }

  @Test
  @Order(1)
  void aTableWhoseOwnRetentionIsLongerIsNamedBeforeAnyTableIsVacuumed() {
    // Delta checks each table as it vacuums it: without a check of every table first, the
    // tables before runs were vacuumed, and the run stopped at runs with Delta's own error.
    CapturedConsole c = new CapturedConsole();
    int status;
    setRetention("runs", "interval 20 days");
    try {
      status = vacuum(c, "--retain-hours", "200");
    } finally {
      unsetRetention("runs");
    }

    assertThat(status).as(c.err()).isEqualTo(2);
    assertThat(c.err())
        .contains("--retain-hours 200 is under the retention (")
        .contains("unless set) of runs (480 hours):")
        .doesNotContain("attribution_credits")
        .contains("give at least 480")
        .contains("No table was vacuumed.");
    assertThat(c.out()).doesNotContain("files removed");
  }

  @Test
  @Order(1)
  void aRetentionDeltaCannotReadIsNamedBeforeAnyTableIsVacuumed(@TempDir Path copy)
      throws IOException {
    // Months have no fixed length: Delta refuses them when it sets the property, but another
    // writer's commit can hold one, and Delta's VACUUM then stopped at that table, the ones
    // before it vacuumed.
    for (String table : List.of("attribution_credits", "runs")) {
      TestDirectories.copy(output.resolve(table), copy.resolve(table));
    }
    commitRetentionAsAnotherWriter(copy.resolve("runs"), "interval 1 month");
    long onDisk = parquetFiles(copy.resolve("attribution_credits"));
    CapturedConsole c = new CapturedConsole();

    int status = RevattrMain.run(List.of("vacuum", "--output", copy.toString()), c.console);

    assertThat(status).as(c.err()).isEqualTo(2);
    assertThat(c.err())
        .contains(
            "Table runs under "
                + copy
                + " has a delta.deletedFileRetentionDuration that Delta cannot read as a retention"
                + " (interval 1 month: ")
        .contains("No table was vacuumed.");
    assertThat(parquetFiles(copy.resolve("attribution_credits"))).isEqualTo(onDisk);
  }

  /** Commits the table's metadata with the retention property set, as a writer that checks none. */
  private static void commitRetentionAsAnotherWriter(Path table, String retention)
      throws IOException {
    Path log = table.resolve("_delta_log");
    long version = DeltaTable.forPath(spark, table.toString()).history(1).first().getLong(0);
    ObjectMapper json = new ObjectMapper();
    String metadata;
    try (Stream<Path> commits = Files.list(log)) {
      metadata =
          commits
              .filter(p -> p.getFileName().toString().matches("\\d{20}\\.json"))
              .sorted()
              .flatMap(VacuumCommandTest::lines)
              .filter(line -> line.startsWith("{\"metaData\""))
              .reduce((first, last) -> last)
              .orElseThrow();
    }
    ObjectNode action = (ObjectNode) json.readTree(metadata);
    ((ObjectNode) action.get("metaData"))
        .withObject("configuration")
        .put("delta.deletedFileRetentionDuration", retention);
    Files.writeString(
        log.resolve(String.format(java.util.Locale.ROOT, "%020d.json", version + 1)),
        json.writeValueAsString(action) + "\n");
  }

  private static Stream<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  @Order(2)
  void aRetentionAsShortAsEveryTablesOwnIsAccepted() throws IOException {
    Path credits = output.resolve("attribution_credits");
    long onDisk = parquetFiles(credits);
    CapturedConsole c = new CapturedConsole();
    int status;
    setRetention("attribution_credits", "interval 2 hours");
    setRetention("runs", "interval 90 minutes");
    try {
      status = vacuum(c, "--retain-hours", "2");
    } finally {
      unsetRetention("attribution_credits");
      unsetRetention("runs");
    }

    assertThat(status).as(c.err()).isZero();
    // The files were removed minutes ago, within the two hours.
    assertThat(parquetFiles(credits)).isEqualTo(onDisk);
    assertThat(c.out()).contains("Removed 0 files from 2 tables");
  }

  private static void setRetention(String table, String interval) {
    spark.sql(
        "ALTER TABLE delta.`"
            + output.resolve(table)
            + "` SET TBLPROPERTIES ('delta.deletedFileRetentionDuration' = '"
            + interval
            + "')");
  }

  private static void unsetRetention(String table) {
    spark.sql(
        "ALTER TABLE delta.`"
            + output.resolve(table)
            + "` UNSET TBLPROPERTIES ('delta.deletedFileRetentionDuration')");
  }

  private static int vacuum(CapturedConsole console, String... options) {
    List<String> args =
        Stream.concat(Stream.of("vacuum", "--output", output.toString()), Stream.of(options))
            .toList();
    return RevattrMain.run(args, console.console);
  }

  private static long filesTheTableReads(Path table) {
    return spark.read().format("delta").load(table.toString()).inputFiles().length;
  }

  private static long parquetFiles(Path table) throws IOException {
    try (Stream<Path> files = Files.walk(table)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .filter(p -> !p.toString().contains("_delta_log"))
          .count();
    }
  }
}
