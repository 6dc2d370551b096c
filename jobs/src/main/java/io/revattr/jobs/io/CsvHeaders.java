package io.revattr.jobs.io;

import io.revattr.common.error.Errors;
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

  private CsvHeaders() {}

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
        String line = headerLine(fs, codecs, file.getPath());
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
          throw Errors.badCsvHeader(
              table.tableName(),
              String.format(
                  "its files have different headers: %s has %s, %s has %s",
                  firstFile.getName(), first, file.getPath().getName(), header));
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
        throw Errors.badCsvHeader(
            table.tableName(),
            String.format(
                "the header of %s names a column twice ('%s' and '%s'): %s",
                file.getName(), earlier, name, header));
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
      while (line != null && line.isBlank()) {
        line = reader.readLine();
      }
      return line;
    }
  }

  /**
   * A header line's names, as Spark's reader splits it: at commas outside double quotes, a quoted
   * name unquoted (a doubled quote inside it is one quote).
   */
  static List<String> names(String line) {
    List<String> names = new ArrayList<>();
    StringBuilder name = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          name.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          name.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        names.add(name.toString());
        name.setLength(0);
      } else {
        name.append(c);
      }
    }
    names.add(name.toString());
    return names;
  }
}
