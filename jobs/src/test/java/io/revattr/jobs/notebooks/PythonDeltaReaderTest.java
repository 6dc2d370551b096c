package io.revattr.jobs.notebooks;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.to_json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.revattr.jobs.SampleRunFixture;
import io.revattr.testsupport.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notebooks' Delta reader ({@code notebooks/revattr_delta.py}) gives exactly the rows Spark
 * reads: on every table the job wrote after overwrites and as-of replacements (with a multi-part
 * checkpoint followed by JSON commits), and on partition columns of every simple type. Tables it
 * cannot read correctly are refused with a message that names the feature.
 */
class PythonDeltaReaderTest {
  private static final Path READER = PythonEnvironment.NOTEBOOKS.resolve("revattr_delta.py");

  @TempDir Path temp;

  @Test
  void readsExactlyTheRowsSparkReadsInEveryResultTable() {
    List<Path> tables = SampleRunFixture.tables();
    assertThat(tables.stream().map(t -> t.getFileName().toString()))
        .contains("journey_touches", "attribution_credits", "quarantine");
    for (Path table : tables) {
      assertSameRows(table.getFileName().toString(), readWithPython(table), readWithSpark(table));
    }
  }

  @Test
  void theJobsTablesNeedTheLogReplayedThroughACheckpoint() {
    Path credits = SampleRunFixture.output().resolve("attribution_credits");
    List<String> log = list(credits.resolve("_delta_log"));
    // Versions: 0 first run, 1 checkpoint interval, 2 earlier as-of (multi-part checkpoint), 3
    // rerun of the first as-of (a JSON commit after the checkpoint, removing files it lists).
    assertThat(log)
        .contains("00000000000000000003.json")
        .anyMatch(
            f ->
                f.matches(
                    "00000000000000000002\\.checkpoint\\.0000000002\\.000000000[2-9]\\.parquet"));
    SparkSession spark = SharedSpark.spark();
    Dataset<Row> snapshot = readWithSpark(credits);
    long everyFileOnDisk = spark.read().parquet(credits.toString()).count();
    assertThat(everyFileOnDisk)
        .as("reading every Parquet file brings back the rows the rerun replaced")
        .isGreaterThan(snapshot.count());
    assertThat(readWithPython(credits).select("as_of").distinct().count()).isEqualTo(2);
  }

  @Test
  void typesPartitionValuesAndNestedColumnsPerTheSchema() {
    String table = temp.resolve("typed").toString();
    SparkSession spark = SharedSpark.spark();
    spark.sql(
        "CREATE TABLE delta.`"
            + table
            + "` (v DOUBLE, tags ARRAY<STRING>, attrs MAP<STRING, INT>,"
            + " point STRUCT<x: INT, label: STRING>, p_int INT, p_long BIGINT, p_str STRING,"
            + " p_date DATE, p_bool BOOLEAN, p_ts TIMESTAMP, p_dec DECIMAL(10, 2))"
            + " USING delta PARTITIONED BY (p_int, p_long, p_str, p_date, p_bool, p_ts, p_dec)");
    spark.sql(
        "INSERT INTO delta.`"
            + table
            + "` VALUES"
            + " (1.5, array('a', null), map('k', 1), named_struct('x', 1, 'label', 'one'), 1,"
            + " 10000000000, 'a b/c=d%', DATE'2025-01-02', true,"
            + " TIMESTAMP'2025-01-02 03:04:05.123456', 12.34),"
            + " (2.5, null, null, null, null, null, null, null, null, null, null),"
            + " (3.5, array(), map(), named_struct('x', null, 'label', ''), -7, -1, '',"
            + " DATE'1999-12-31', false, TIMESTAMP'1999-12-31 23:59:59', -0.5)");
    spark.sql("DELETE FROM delta.`" + table + "` WHERE v = 3.5");
    spark.sql(
        "INSERT INTO delta.`" + table + "` SELECT * FROM delta.`" + table + "` WHERE v = 1.5");
    assertSameRows("typed", readWithPython(Path.of(table)), readWithSpark(Path.of(table)));
  }

  @Test
  void refusesDeletionVectors() {
    String table = temp.resolve("with_dv").toString();
    SparkSession spark = SharedSpark.spark();
    spark.sql(
        "CREATE TABLE delta.`"
            + table
            + "` (id BIGINT) USING delta TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')");
    spark.sql("INSERT INTO delta.`" + table + "` VALUES (1), (2), (3)");
    spark.sql("DELETE FROM delta.`" + table + "` WHERE id = 2");
    PythonEnvironment.Result refused =
        runReader(Path.of(table), "--out", temp.resolve("refused.parquet").toString());
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.output()).contains("has deletion vectors enabled, which this reader cannot");
  }

  @Test
  void refusesColumnMapping() {
    String table = temp.resolve("with_mapping").toString();
    SparkSession spark = SharedSpark.spark();
    spark.sql(
        "CREATE TABLE delta.`"
            + table
            + "` (id BIGINT, name STRING) USING delta"
            + " TBLPROPERTIES ('delta.columnMapping.mode' = 'name')");
    spark.sql("INSERT INTO delta.`" + table + "` VALUES (1, 'a')");
    spark.sql("ALTER TABLE delta.`" + table + "` RENAME COLUMN name TO label");
    PythonEnvironment.Result refused =
        runReader(Path.of(table), "--out", temp.resolve("refused.parquet").toString());
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.output())
        .contains("uses column mapping (delta.columnMapping.mode = name), which this reader");
  }

  /** The table's rows as the Python reader reads them, through a Parquet file that Spark reads. */
  private Dataset<Row> readWithPython(Path table) {
    Path out = temp.resolve(table.getFileName() + "-" + System.nanoTime() + ".parquet");
    PythonEnvironment.Result result = runReader(table, "--out", out.toString());
    if (result.exitCode() != 0) {
      fail("the Python reader failed on %s:%n%s", table, result.output());
    }
    return SharedSpark.spark().read().parquet(out.toString());
  }

  private static Dataset<Row> readWithSpark(Path table) {
    return SharedSpark.spark().read().format("delta").load(table.toString());
  }

  private static PythonEnvironment.Result runReader(Path table, String... args) {
    List<String> command =
        Stream.concat(
                Stream.of(
                    PythonEnvironment.python().toString(), READER.toString(), table.toString()),
                Arrays.stream(args))
            .toList();
    return PythonEnvironment.run(command, PythonEnvironment.NOTEBOOKS, Map.of(), 5);
  }

  /**
   * Same columns and types, and the same rows as a multiset, compared exactly. Set operations
   * cannot compare maps: a top-level map is compared as its sorted entries, a column with a map
   * nested deeper (the runs table's per-input counts) as its JSON text, whose entry order is the
   * order of the data files both readers read.
   */
  private static void assertSameRows(String name, Dataset<Row> pythonRows, Dataset<Row> sparkRows) {
    Dataset<Row> python = comparable(pythonRows);
    Dataset<Row> spark = comparable(sparkRows);
    assertThat(columns(pythonRows)).as("%s: columns and types", name).isEqualTo(columns(sparkRows));
    Dataset<Row> onlyPython = python.exceptAll(spark);
    Dataset<Row> onlySpark = spark.exceptAll(python);
    long pythonOnly = onlyPython.count();
    long sparkOnly = onlySpark.count();
    if (pythonOnly + sparkOnly > 0) {
      fail(
          "%s: %d rows only the Python reader returns, %d only Spark returns; for example%n"
              + "  Python only: %s%n  Spark only:  %s",
          name,
          pythonOnly,
          sparkOnly,
          onlyPython.limit(3).collectAsList(),
          onlySpark.limit(3).collectAsList());
    }
    assertThat(python.count()).as("%s: rows", name).isEqualTo(spark.count());
  }

  private static Dataset<Row> comparable(Dataset<Row> frame) {
    Column[] columns =
        Arrays.stream(frame.schema().fields())
            .map(
                f -> {
                  if (f.dataType() instanceof MapType) {
                    return array_sort(map_entries(col(f.name()))).as(f.name());
                  }
                  return containsMap(f.dataType())
                      ? to_json(col(f.name())).as(f.name())
                      : col(f.name());
                })
            .toArray(Column[]::new);
    return frame.select(columns);
  }

  private static boolean containsMap(DataType type) {
    if (type instanceof MapType) {
      return true;
    }
    if (type instanceof ArrayType array) {
      return containsMap(array.elementType());
    }
    return type instanceof StructType struct
        && Arrays.stream(struct.fields()).anyMatch(f -> containsMap(f.dataType()));
  }

  private static List<String> columns(Dataset<Row> frame) {
    return Arrays.stream(frame.schema().fields())
        .map(f -> f.name() + ": " + f.dataType().simpleString())
        .collect(Collectors.toList());
  }

  private static List<String> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
