package io.revattr.jobs.io;

import com.univocity.parsers.csv.CsvParser;
import io.revattr.common.error.InputErrors;
import io.revattr.common.schema.InputTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.sql.catalyst.csv.CSVOptions;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The header lines of a CSV table's files, checked before Spark reads them. Spark names the columns
 * from one file's header and reads every other file's lines by position, so a file whose header
 * lists other columns, or the same in another order, would be read into the wrong columns; and it
 * renames a column named twice ({@code content0}, {@code content11}), so that the column of that
 * name would be read as absent.
 */
final class CsvHeaders {
  /**
   * A CSV table's header.
   *
   * @param columns the columns as Spark's CSV reader names them: the header's names, an empty one
   *     as {@code _c} and its position from 0
   * @param lines the files' header lines as written (without a byte order mark): the same names,
   *     but perhaps quoted otherwise from file to file
   */
  record Header(List<String> columns, Set<String> lines) {
    /** The header of a table whose files are all empty, or that has none. */
    static final Header NONE = new Header(List.of(), Set.of());

    boolean isEmpty() {
      return lines.isEmpty();
    }
  }

  /** The options the table's lines are parsed with (see {@link CsvLines}), as Spark holds them. */
  private static final CSVOptions SPARK_OPTIONS =
      new CSVOptions(scalaMap(Map.of("header", "true", "escape", CsvLines.ESCAPE)), true, "UTC");

  private CsvHeaders() {}

  private static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> map) {
    return scala.collection.immutable.Map$.MODULE$.from(CollectionConverters.asScala(map));
  }

  /**
   * Checks that every non-empty file of the table (a CSV file, or a directory of them) has one
   * header line, naming each column once.
   *
   * @return the table's header, {@link Header#NONE} when every file is empty, or none is there
   * @throws io.revattr.common.error.RevattrException of kind INPUT_STRUCTURE naming the files
   */
  static Header check(InputTable table, Path location, Configuration conf) {
    try {
      FileSystem fs = location.getFileSystem(conf);
      CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
      Set<String> lines = new HashSet<>();
      List<String> first = null;
      Path firstFile = null;
      for (FileStatus file : TableFiles.dataFiles(fs, location)) {
        String line;
        try {
          line = headerLine(fs, codecs, file.getPath());
        } catch (IOException e) {
          throw InputErrors.unreadableCsvFile(
              table.tableName(), TableFiles.shown(fs, location, file), e.getMessage(), e);
        }
        if (line == null) {
          continue;
        }
        lines.add(line);
        List<String> header = names(line);
        if (first == null) {
          first = header;
          firstFile = file.getPath();
          checkNamedOnce(table, firstFile, columns(header));
        } else if (!header.equals(first)) {
          throw InputErrors.badCsvHeader(
              table.tableName(),
              String.format(
                  Locale.ROOT,
                  "its files have different headers: %s has %s, %s has %s",
                  firstFile.getName(),
                  first,
                  file.getPath().getName(),
                  header));
        }
      }
      return first == null ? Header.NONE : new Header(columns(first), lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the headers of " + location, e);
    }
  }

  private static void checkNamedOnce(InputTable table, Path file, List<String> header) {
    Map<String, String> seen = new HashMap<>();
    for (String name : header) {
      // Spark resolves column names ignoring case.
      String earlier = seen.put(name.toLowerCase(Locale.ROOT), name);
      if (earlier != null) {
        throw InputErrors.badCsvHeader(
            table.tableName(),
            String.format(
                Locale.ROOT,
                "the header of %s names a column twice ('%s' and '%s'): %s",
                file.getName(),
                earlier,
                name,
                header));
      }
    }
  }

  /** The names as Spark's CSV reader makes them columns (its {@code makeSafeHeader}). */
  static List<String> columns(List<String> names) {
    List<String> columns = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      // Names are unique here (checkNamedOnce), so Spark's renaming of a repeated one never
      // applies.
      columns.add(names.get(i).isEmpty() ? "_c" + i : names.get(i));
    }
    return columns;
  }

  /** The file's header line, or null for a file without a line that is not blank. */
  private static String headerLine(FileSystem fs, CompressionCodecFactory codecs, Path file)
      throws IOException {
    CompressionCodec codec = codecs.getCodec(file);
    try (InputStream raw = fs.open(file);
        InputStream in = codec == null ? raw : codec.createInputStream(raw);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      // Spark's reader skips blank lines before the header.
      String line = reader.readLine();
      if (line != null && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      // Blank: characters up to the space alone (String.trim's), as Spark's reader takes them.
      while (line != null && line.trim().isEmpty()) {
        line = reader.readLine();
      }
      return line;
    }
  }

  /**
   * A header line's names as Spark's CSV reader parses its header: by the same parser with the same
   * settings (a quote opens a quoted name only at its start; a name no quote encloses is taken as
   * written, spaces and quotes inside it included); an empty name is "".
   */
  static List<String> names(String line) {
    String[] fields = new CsvParser(SPARK_OPTIONS.asParserSettings()).parseLine(line);
    List<String> names = new ArrayList<>(fields.length);
    for (String field : fields) {
      names.add(field == null ? "" : field);
    }
    return names;
  }
}
