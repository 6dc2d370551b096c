package io.revattr.jobs.io;

import io.revattr.common.error.InputErrors;
import io.revattr.common.schema.InputTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where an input table is under an input directory, and as what: {@code DIR/<table>} (a Delta,
 * Parquet or CSV directory), {@code DIR/<table>.csv} or {@code DIR/<table>.parquet}. A table in
 * more than one of those places, or in another format than the run was told to read, stops the run:
 * one read alone would leave the other's rows, or the table's, uncounted.
 */
final class TablePlaces {
  /**
   * Where a table is.
   *
   * @param path the directory or file to read
   * @param format its format
   * @param holdsNothing a directory with neither a Delta log nor a data file
   */
  record Place(Path path, InputFormat format, boolean holdsNothing) {}

  private TablePlaces() {}

  /**
   * The place of {@code table} under {@code inputDir}, read as {@code format} (AUTO: detected), or
   * empty when it is nowhere.
   */
  static Optional<Place> find(FileSystem fs, String inputDir, InputTable table, InputFormat format)
      throws IOException {
    Path dir = new Path(inputDir, table.tableName());
    Path csvFile = new Path(inputDir, table.tableName() + ".csv");
    Path parquetFile = new Path(inputDir, table.tableName() + ".parquet");
    // Every place the table is, whatever the format asked for.
    List<Path> places = new ArrayList<>();
    boolean isDir = isDirectory(fs, dir);
    if (isDir) {
      places.add(dir);
    }
    for (Path file : List.of(csvFile, parquetFile)) {
      if (fs.exists(file)) {
        places.add(file);
      }
    }
    if (places.size() > 1) {
      throw InputErrors.severalSources(
          table.tableName(), places.stream().map(Path::toString).toList());
    }
    if (isDir) {
      if (!fs.exists(new Path(dir, DeltaTables.LOG_DIRECTORY))
          && !TableFiles.hasDataFile(fs, dir)) {
        return Optional.of(new Place(dir, format, true));
      }
      return Optional.of(new Place(dir, detect(table, format, fs, dir), false));
    }
    if (places.isEmpty()) {
      return Optional.empty();
    }
    Path file = places.get(0);
    InputFormat found = file.equals(csvFile) ? InputFormat.CSV : InputFormat.PARQUET;
    if (format != InputFormat.AUTO && format != found) {
      throw InputErrors.formatMismatch(
          table.tableName(), file.toString(), format.cliName(), found.cliName());
    }
    return Optional.of(new Place(file, found, false));
  }

  static boolean isDirectory(FileSystem fs, Path path) throws IOException {
    return fs.exists(path) && fs.getFileStatus(path).isDirectory();
  }

  /**
   * The format to read a table's directory with: the one given, unless the directory plainly holds
   * another (a Delta log, .csv or .parquet files), which stops the run before Spark fails on the
   * first file; with AUTO, the one found (Parquet when nothing tells). The files at the top tell,
   * or else the first one in the directories below (a table in {@code column=value} directories).
   */
  private static InputFormat detect(InputTable table, InputFormat format, FileSystem fs, Path dir)
      throws IOException {
    Optional<InputFormat> found = formatOf(fs, dir);
    if (format == InputFormat.AUTO) {
      return found.orElse(InputFormat.PARQUET);
    }
    if (found.isPresent() && found.get() != format) {
      throw InputErrors.formatMismatch(
          table.tableName(), dir.toString(), format.cliName(), found.get().cliName());
    }
    return format;
  }

  /** What a table's directory holds, when its files say so: a Delta log, CSV or Parquet files. */
  private static Optional<InputFormat> formatOf(FileSystem fs, Path dir) throws IOException {
    if (fs.exists(new Path(dir, DeltaTables.LOG_DIRECTORY))) {
      return Optional.of(InputFormat.DELTA);
    }
    for (FileStatus file : fs.listStatus(dir)) {
      Optional<InputFormat> format = formatOfFile(file);
      if (format.isPresent()) {
        return format;
      }
    }
    // A table in column=value directories: its first file tells.
    return TableFiles.firstDataFile(fs, dir).flatMap(TablePlaces::formatOfFile);
  }

  private static Optional<InputFormat> formatOfFile(FileStatus file) {
    String name = file.getPath().getName();
    if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
      return Optional.of(InputFormat.CSV);
    }
    if (name.endsWith(".parquet")) {
      return Optional.of(InputFormat.PARQUET);
    }
    return Optional.empty();
  }
}
