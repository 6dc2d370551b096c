package io.revattr.jobs.io;

import io.revattr.common.error.InputErrors;
import io.revattr.common.schema.InputTable;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.Type;

/**
 * Checks that every Parquet file of an input table holds the same columns, from the files' footers,
 * before Spark reads them: Spark reads a table's files by the columns of one of them, so a column
 * that another file lacks would be read as null there, and one that only another file has would not
 * be read at all, with no error (an export whose schema changed between its files).
 */
final class ParquetColumns {
  private ParquetColumns() {}

  /**
   * Stops the run when two files of the table at {@code location} differ in their columns (names
   * compared ignoring case, as Spark resolves them), naming both files and the columns, or when a
   * file has no Parquet footer to read, naming it.
   */
  static void checkSame(InputTable table, FileSystem fs, Path location, Configuration conf)
      throws IOException {
    List<FileStatus> files = TableFiles.dataFiles(fs, location);
    if (files.isEmpty()) {
      return;
    }
    FileStatus first = files.get(0);
    String firstShown = TableFiles.shown(fs, location, first);
    Set<String> expected = columns(table, first, firstShown, conf);
    for (FileStatus file : files.subList(1, files.size())) {
      String shown = TableFiles.shown(fs, location, file);
      Set<String> found = columns(table, file, shown, conf);
      if (!found.equals(expected)) {
        throw InputErrors.parquetColumnsDiffer(
            table.tableName(),
            firstShown,
            shown,
            difference(expected, found),
            difference(found, expected));
      }
    }
  }

  /** The file's top-level columns, in lower case. */
  private static Set<String> columns(
      InputTable table, FileStatus file, String shown, Configuration conf) {
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromStatus(file, conf))) {
      return reader.getFooter().getFileMetaData().getSchema().getFields().stream()
          .map(Type::getName)
          .map(name -> name.toLowerCase(Locale.ROOT))
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException | RuntimeException e) {
      throw InputErrors.unreadableParquetFile(table.tableName(), shown, e.getMessage(), e);
    }
  }

  private static Set<String> difference(Set<String> of, Set<String> without) {
    Set<String> left = new TreeSet<>(of);
    left.removeAll(without);
    return left;
  }
}
