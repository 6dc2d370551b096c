package io.revattr.jobs.io;

import io.revattr.common.error.InputErrors;
import io.revattr.common.schema.ColumnRenaming;
import io.revattr.common.schema.InputConformance;
import io.revattr.common.schema.InputTable;
import io.revattr.jobs.spark.SessionSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the warehouse's tables (DESIGN.md section 2) from a directory, as {@code DIR/<table>} (a
 * Delta, Parquet or CSV directory) or {@code DIR/<table>.csv} / {@code DIR/<table>.parquet}, or
 * from a catalog database, and brings each onto its canonical schema.
 *
 * <p>Every table's structure is checked before any is used: a missing required table or column
 * throws an INPUT_STRUCTURE error naming it and listing what was found.
 *
 * <p>A CSV line whose fields do not match the header (an unquoted comma, a field missing, a last
 * value cut by a line break) is read with the line in {@link InputConformance#MALFORMED_LINE}, so
 * that validation quarantines it instead of using its shifted or cut values. That name is reserved:
 * a table of any format with a column of that name, in any letter case, throws an INPUT_STRUCTURE
 * error, and a column mapping onto it is a configuration error.
 */
public final class WarehouseReader {
  private static final Logger LOG = LogManager.getLogger(WarehouseReader.class);

  /** Spark's condition for a file whose columns have one name, ignoring letter case. */
  private static final String COLUMN_ALREADY_EXISTS = "COLUMN_ALREADY_EXISTS";

  private static final String PARTITION_TYPE_INFERENCE =
      "spark.sql.sources.partitionColumnTypeInference.enabled";
  private final SparkSession spark;
  private final InputFormat format;
  private final Map<String, Map<String, String>> columnMapping;
  private final Map<String, Map<String, String>> renamings = new LinkedHashMap<>();

  /**
   * @param spark the session
   * @param format the format of every table, or AUTO to detect it per table
   * @param columnMapping per table, warehouse column name to canonical name
   */
  public WarehouseReader(
      SparkSession spark, InputFormat format, Map<String, Map<String, String>> columnMapping) {
    this.spark = spark;
    this.format = format;
    this.columnMapping = columnMapping;
  }

  /**
   * How the columns of each table read so far were renamed, per table, warehouse name to canonical
   * name: its column mapping, and its columns named in another letter case ({@link
   * ColumnRenaming#of}). The quarantine names a record's fields back through it.
   */
  public Map<String, Map<String, String>> columnRenamings() {
    return Map.copyOf(renamings);
  }

  /** Reads and conforms every table under {@code inputDir}. */
  public Map<InputTable, Dataset<Row>> readDirectory(String inputDir) {
    checkIsDirectory(inputDir);
    Map<InputTable, Dataset<Row>> tables = new EnumMap<>(InputTable.class);
    for (InputTable table : InputTable.values()) {
      Optional<Dataset<Row>> read = readTable(inputDir, table);
      if (read.isEmpty() && !table.isOptional()) {
        throw InputErrors.missingTable(
            table.tableName(),
            inputDir + "/" + table.tableName() + "[.csv|.parquet]",
            listed(inputDir),
            "Provide '" + table.tableName() + "' as a Delta, Parquet or CSV directory or file");
      }
      tables.put(table, read.map(r -> conform(table, r)).orElseGet(() -> conformEmpty(table)));
    }
    return tables;
  }

  /** Reads and conforms every table {@code <database>.<table>} of the session's catalog. */
  public Map<InputTable, Dataset<Row>> readCatalog(String database) {
    Map<InputTable, Dataset<Row>> tables = new EnumMap<>(InputTable.class);
    for (InputTable table : InputTable.values()) {
      String name = database + "." + table.tableName();
      boolean exists = spark.catalog().tableExists(name);
      if (!exists && !table.isOptional()) {
        List<String> found = new ArrayList<>();
        try {
          // The database's own tables (the listing holds the session's temporary views, too), by
          // name alone: decoding whole catalog.Table objects fails under interpreted evaluation
          // (spark.sql.codegen.factoryMode=NO_CODEGEN), "argument type mismatch".
          found.addAll(
              spark
                  .catalog()
                  .listTables(database)
                  .filter("NOT isTemporary")
                  .select("name")
                  .as(Encoders.STRING())
                  .collectAsList());
        } catch (org.apache.spark.sql.AnalysisException e) {
          found.add("(database " + database + " not found)");
        }
        throw InputErrors.missingTable(
            table.tableName(),
            "catalog table " + name,
            found,
            "Create it as catalog table "
                + name
                + ", or give the warehouse's directory with --input");
      }
      tables.put(
          table,
          exists ? conform(table, withoutReserved(table, spark.table(name))) : conformEmpty(table));
    }
    return tables;
  }

  /** A table as read, conformed; every column its mapping renames must be in it. */
  private Dataset<Row> conform(InputTable table, Dataset<Row> read) {
    InputConformance.Conformed conformed =
        InputConformance.conformed(
            table, read, columnMapping.getOrDefault(table.tableName(), Map.of()));
    renamings.put(table.tableName(), conformed.renaming());
    return conformed.rows();
  }

  /** An absent optional table: no rows, on the canonical schema (its mapping does not apply). */
  private Dataset<Row> conformEmpty(InputTable table) {
    return InputConformance.conform(
        table, spark.createDataFrame(List.of(), table.schema()), Map.of());
  }

  private Optional<Dataset<Row>> readTable(String inputDir, InputTable table) {
    Optional<TablePlaces.Place> place;
    try {
      place = TablePlaces.find(fileSystem(inputDir), inputDir, table, format);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + inputDir, e);
    }
    if (place.isEmpty()) {
      return Optional.empty();
    }
    String path = place.get().path().toString();
    return place.get().holdsNothing()
        ? withoutRows(table, path, "a directory holding no data file")
        : readAs(table, place.get().format(), path);
  }

  /**
   * A table given as files that hold no rows and no schema: an optional table has no rows, as if
   * left out (a scheduled export that found no rows may leave such files); a required one stops the
   * run.
   */
  private static Optional<Dataset<Row>> withoutRows(InputTable table, String path, String what) {
    if (!table.isOptional()) {
      throw InputErrors.emptyTable(table.tableName(), path, what);
    }
    LOG.warn(
        "Input table '{}' at {} is {}: the optional table has no rows",
        table.tableName(),
        path,
        what);
    return Optional.empty();
  }

  /** The table as read, or empty for an optional CSV table whose files are all empty. */
  private Optional<Dataset<Row>> readAs(InputTable table, InputFormat tableFormat, String path) {
    return switch (tableFormat) {
      case CSV -> readCsv(table, path);
      case PARQUET -> {
        ParquetColumns.checkSame(
            table, fileSystem(path), new Path(path), spark.sparkContext().hadoopConfiguration());
        yield Optional.of(
            withoutReserved(
                table,
                readFiles(table, path, () -> spark.read().parquet(FileSourcePaths.literal(path)))));
      }
      case DELTA -> Optional.of(withoutReserved(table, spark.read().format("delta").load(path)));
      case AUTO -> throw new IllegalStateException("format must be detected first");
    };
  }

  /**
   * Reads a CSV table: every column a string, named by the header as Spark's CSV reader names them,
   * plus {@link InputConformance#MALFORMED_LINE} (see {@link CsvLines}).
   */
  private Optional<Dataset<Row>> readCsv(InputTable table, String path) {
    CsvHeaders.Header header =
        CsvHeaders.check(table, new Path(path), spark.sparkContext().hadoopConfiguration());
    if (header.isEmpty()) {
      return withoutRows(table, path, "empty: no file has a header line");
    }
    withoutReserved(table, header.columns().toArray(String[]::new));
    // The text frame has the columns of column=value directories, too.
    Dataset<Row> lines =
        withoutReserved(
            table, readFiles(table, path, () -> spark.read().text(FileSourcePaths.literal(path))));
    return Optional.of(CsvLines.records(lines, header));
  }

  /**
   * A file source's read with the values of its {@code column=value} directories kept as text, as
   * every value of a CSV file is: Spark would take those that look like numbers or dates for such
   * (account {@code 0042} read as 42), and ids are compared as text. Spark lists the directories,
   * and reads the setting, in the read itself.
   */
  private Dataset<Row> withDirectoryValuesAsText(Supplier<Dataset<Row>> read) {
    return SessionSettings.with(spark.conf(), PARTITION_TYPE_INFERENCE, "false", read);
  }

  /**
   * A file source's read of a table ({@link #withDirectoryValuesAsText}), where Spark's refusal of
   * two columns of one name ignoring case (in a Parquet file, or two {@code column=value}
   * directories) is an INPUT_STRUCTURE error naming the table.
   */
  private Dataset<Row> readFiles(InputTable table, String path, Supplier<Dataset<Row>> read) {
    try {
      return withDirectoryValuesAsText(read);
    } catch (Exception e) {
      // Spark's AnalysisException is checked to Java, thrown undeclared.
      if (e instanceof SparkThrowable refused
          && COLUMN_ALREADY_EXISTS.equals(refused.getCondition())) {
        throw InputErrors.columnNamedTwice(
            table.tableName(),
            "'"
                + refused.getMessageParameters().getOrDefault("columnName", "?").replace("`", "")
                + "' (as Spark names it, in lower case) at "
                + path,
            "Drop or rename one of them in the warehouse",
            e);
      }
      throw e;
    }
  }

  /** The read itself, once checked that the warehouse does not use the marker's reserved name. */
  private static Dataset<Row> withoutReserved(InputTable table, Dataset<Row> read) {
    withoutReserved(table, read.columns());
    return read;
  }

  private static void withoutReserved(InputTable table, String[] columns) {
    // In any letter case: Spark resolves the marker's name ignoring case.
    for (String column : columns) {
      if (column.equalsIgnoreCase(InputConformance.MALFORMED_LINE)) {
        throw InputErrors.reservedColumn(
            table.tableName(), column, "the lines of a CSV file that do not match its header");
      }
    }
  }

  /** A missing input directory is named as such, not as every table missing from it. */
  private void checkIsDirectory(String inputDir) {
    String problem = null;
    try {
      FileSystem fs = fileSystem(inputDir);
      Path dir = new Path(inputDir);
      if (!fs.exists(dir)) {
        problem = "no such directory";
      } else if (!fs.getFileStatus(dir).isDirectory()) {
        problem = "a file, not a directory";
      }
    } catch (IOException e) {
      problem = e.getMessage();
    }
    if (problem != null) {
      throw InputErrors.missingInput(inputDir, problem, InputTable.names());
    }
  }

  private List<String> listed(String inputDir) {
    List<String> names = new ArrayList<>();
    try {
      FileSystem fs = fileSystem(inputDir);
      Path dir = new Path(inputDir);
      if (TablePlaces.isDirectory(fs, dir)) {
        for (FileStatus file : fs.listStatus(dir)) {
          names.add(file.getPath().getName());
        }
      }
    } catch (IOException e) {
      names.add("(cannot list: " + e.getMessage() + ")");
    }
    return names;
  }

  private FileSystem fileSystem(String path) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try {
      return new Path(path).getFileSystem(conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach " + path, e);
    }
  }
}
