package io.revattr.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.testsupport.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaTablesTest {
  @TempDir Path dir;

  @Test
  void onlyTheRootOfATableWithACommitIsATable() throws IOException {
    SparkSession spark = SharedSpark.spark();
    Path table = dir.resolve("table");
    spark.range(3).write().format("delta").save(table.toString());
    Path inside = Files.createDirectories(table.resolve("inside"));
    Path emptyLog = Files.createDirectories(table.resolve("killed").resolve("_delta_log"));

    assertThat(DeltaTables.isTableAt(spark, table.toString())).isTrue();
    assertThat(DeltaTables.isTableAt(spark, inside.toString())).as("a directory inside").isFalse();
    assertThat(DeltaTables.isTableAt(spark, emptyLog.getParent().toString()))
        .as("a log without a commit, inside a table")
        .isFalse();
    assertThat(DeltaTables.isTableAt(spark, dir.resolve("missing").toString())).isFalse();
    assertThat(DeltaTables.isTableAt(spark, dir.toString())).as("the table's parent").isFalse();
  }
}
