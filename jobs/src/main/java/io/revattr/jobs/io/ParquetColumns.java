package io.revattr.jobs.io;

import io.revattr.common.error.InputErrors;
import io.revattr.common.schema.InputTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
  /**
   * Footers read at once: each is one or two small reads, which on an object store wait far longer
   * than they work.
   */
  private static final int PARALLEL_READS = 16;

  private ParquetColumns() {}

  /**
   * Stops the run when two files of the table at {@code location} differ in their top-level columns
   * (names compared ignoring case, as Spark resolves them), naming both files and the columns, or
   * when a file has no Parquet footer to read, naming it. Empty files are left out, as Spark's read
   * leaves them.
   */
  static void checkSame(InputTable table, FileSystem fs, Path location, Configuration conf) {
    List<FileStatus> files;
    try {
      files = TableFiles.dataFiles(fs, location).stream().filter(f -> f.getLen() > 0).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the files of " + location, e);
    }
    if (files.isEmpty()) {
      return;
    }
    List<Set<String>> columns = columnsOfEach(table, fs, location, files, conf);
    for (int i = 1; i < files.size(); i++) {
      if (!columns.get(i).equals(columns.get(0))) {
        throw InputErrors.parquetColumnsDiffer(
            table.tableName(),
            TableFiles.shown(fs, location, files.get(0)),
            TableFiles.shown(fs, location, files.get(i)),
            difference(columns.get(0), columns.get(i)),
            difference(columns.get(i), columns.get(0)));
      }
    }
  }

  private static List<Set<String>> columnsOfEach(
      InputTable table, FileSystem fs, Path location, List<FileStatus> files, Configuration conf) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_READS, files.size()));
    try {
      List<Future<Set<String>>> reads = new ArrayList<>();
      for (FileStatus file : files) {
        reads.add(
            pool.submit(() -> columns(table, file, TableFiles.shown(fs, location, file), conf)));
      }
      List<Set<String>> columns = new ArrayList<>();
      for (Future<Set<String>> read : reads) {
        columns.add(read.get());
      }
      return columns;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the footers of " + location, e);
    } finally {
      pool.shutdownNow();
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
      // Parquet's own message repeats the path as the listing gives it; the error names it once.
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw InputErrors.unreadableParquetFile(
          table.tableName(), shown, reason.replace(file.getPath().toString(), "the file"), e);
    }
  }

  private static Set<String> difference(Set<String> of, Set<String> without) {
    Set<String> left = new TreeSet<>(of);
    left.removeAll(without);
    return left;
  }
}
