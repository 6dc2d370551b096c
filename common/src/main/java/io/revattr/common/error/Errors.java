package io.revattr.common.error;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/** The one factory of user-facing errors: each states the problem, why, and how to fix it. */
public final class Errors {
  private Errors() {}

  /**
   * A required input table was not found.
   *
   * @param table the table's canonical name
   * @param where where it was looked for
   * @param found the tables found there
   * @param provide how to provide it, as an imperative ("Provide 'x' as ...")
   */
  public static RevattrException missingTable(
      String table, String where, Collection<String> found, String provide) {
    return new RevattrException(
        ErrorKind.INPUT_STRUCTURE,
        String.format(
            Locale.ROOT,
            "Input table '%s' is missing: nothing was found at %s. Found tables: %s. %s (see"
                + " docs/design.md, section 2).",
            table,
            where,
            list(found),
            provide),
        null);
  }

  /**
   * A required input table was given as files that hold neither rows nor a schema (an empty
   * directory, CSV files without a header line).
   *
   * @param table the table's canonical name
   * @param where its location
   * @param what what was found there
   */
  public static RevattrException emptyTable(String table, String where, String what) {
    return new RevattrException(
        ErrorKind.INPUT_STRUCTURE,
        String.format(
            Locale.ROOT,
            "Input table '%s' holds nothing to read: %s is %s. Export '%s' again (a CSV file with"
                + " its header line, Parquet or Delta): a required table needs at least its"
                + " columns; only an optional one may be left out or empty.",
            table,
            where,
            what,
            table),
        null);
  }

  /** The {@code --input} directory itself cannot be found or read. */
  public static RevattrException missingInput(
      String inputDir, String why, Collection<String> tables) {
    return new RevattrException(
        ErrorKind.INPUT_STRUCTURE,
        String.format(
            Locale.ROOT,
            "--input %s cannot be read (%s). Give the directory that holds the warehouse's tables"
                + " (%s), or --input-catalog DB for catalog tables.",
            inputDir,
            why,
            String.join(", ", tables)),
        null);
  }

  /** An input table's directory holds another format than the one the run was told to read. */
  public static RevattrException formatMismatch(
      String table, String where, String requested, String found) {
    return new RevattrException(
        ErrorKind.INPUT_STRUCTURE,
        String.format(
            Locale.ROOT,
            "Input table '%s' at %s is %s, but --input-format is %s. Give --input-format %s, or"
                + " auto to detect each table's format.",
            table,
            where,
            found,
            requested,
            found),
        null);
  }

  /** Required columns of an input table are missing. */
  public static RevattrException missingColumns(
      String table, Collection<String> missing, Collection<String> found) {
    return new RevattrException(
        ErrorKind.INPUT_STRUCTURE,
        String.format(
            Locale.ROOT,
            "Input table '%s' lacks required column(s) %s. Found columns: %s. "
                + "Add the column(s) or map your warehouse's names onto them in the config "
                + "(input.column_mapping.%s).",
            table,
            list(missing),
            list(found),
            table),
        null);
  }

  /** A column exists but its values cannot be cast to the canonical type as a whole. */
  public static RevattrException uncastableColumn(
      String table, String column, String actualType, String expectedType) {
    return new RevattrException(
        ErrorKind.INPUT_STRUCTURE,
        String.format(
            Locale.ROOT,
            "Input table '%s' column '%s' has type %s, which cannot be cast to %s. "
                + "Store it as %s (or as text in the canonical format) and run again.",
            table,
            column,
            actualType,
            expectedType,
            expectedType),
        null);
  }

  /** A CSV input table's header lines cannot name its columns (they differ, or name one twice). */
  public static RevattrException badCsvHeader(String table, String problem) {
    return new RevattrException(
        ErrorKind.INPUT_STRUCTURE,
        String.format(
            Locale.ROOT,
            "Input table '%s' cannot be read: %s. Every CSV file of a table needs one header line,"
                + " the same in every file, naming each column once: export the table again that"
                + " way.",
            table,
            problem),
        null);
  }

  /**
   * The Parquet files of one input table disagree on a column's type (Spark finds it while reading
   * them).
   *
   * @param sparkMessage Spark's message, which names the file and the column
   */
  public static RevattrException mixedParquetTypes(String sparkMessage, Throwable cause) {
    return new RevattrException(
        ErrorKind.INPUT_STRUCTURE,
        "The Parquet files of an input table disagree on a column's type: "
            + sparkMessage
            + " Write every file of a table with one schema (or give the table as Delta, whose log"
            + " keeps one schema) and run again.",
        cause);
  }

  /**
   * A file does not match the checksum file Hadoop's local file system keeps beside it ({@code
   * .<name>.crc}): it was changed after Spark or Hadoop wrote it, by hand or by another tool.
   *
   * @param file the file as Hadoop names it, or null when its message names it otherwise
   * @param detail Hadoop's message
   */
  public static RevattrException staleChecksum(String file, String detail, Throwable cause) {
    if (file == null) {
      return new RevattrException(
          ErrorKind.INPUT_STRUCTURE,
          "A file does not match its checksum file (the .<name>.crc beside it): "
              + detail
              + ". One of the two was changed or damaged after they were written: write the file"
              + " again, or, if the file is as meant, delete its .crc file. Then run again.",
          cause);
    }
    return new RevattrException(
        ErrorKind.INPUT_STRUCTURE,
        String.format(
            Locale.ROOT,
            "%s does not match its checksum file (.%s.crc beside it): it was changed after it was"
                + " written. If the change is meant, delete that .crc file (Hadoop then reads the"
                + " file unchecked); else write the file again. Then run again.",
            file,
            file.substring(file.lastIndexOf('/') + 1)),
        cause);
  }

  /** An input table has a column whose name revattr reserves for its own bookkeeping. */
  public static RevattrException reservedColumn(String table, String column, String purpose) {
    return new RevattrException(
        ErrorKind.INPUT_STRUCTURE,
        String.format(
            Locale.ROOT,
            "Input table '%s' has a column named '%s', a name revattr reserves for %s. "
                + "Rename or drop that column in the warehouse and run again.",
            table,
            column,
            purpose),
        null);
  }

  /** A configuration key has a bad value. */
  public static RevattrException badConfig(String key, Object value, String allowed) {
    return new RevattrException(
        ErrorKind.USAGE,
        String.format(
            Locale.ROOT,
            "Config key '%s' has the bad value %s; allowed: %s.",
            key,
            quote(value),
            allowed),
        null);
  }

  /**
   * A column mapping ({@code input.column_mapping.<table>}) names a warehouse column that the table
   * does not have.
   */
  public static RevattrException unmappedColumn(
      String table, String column, String canonical, Collection<String> present) {
    String hint =
        present.contains(canonical)
            ? String.format(
                Locale.ROOT,
                " The table has '%s': written the other way round, the mapping is %s = %s.",
                canonical,
                canonical,
                column)
            : "";
    return new RevattrException(
        ErrorKind.USAGE,
        String.format(
            Locale.ROOT,
            "Config key 'input.column_mapping.%s.%s' names no column of %s (its columns: %s): a"
                + " mapping is written warehouse_name = canonical_name.%s",
            table,
            column,
            table,
            list(present),
            hint),
        null);
  }

  /**
   * A configuration key is not known; {@code closest} is the known key it most likely misspells, or
   * null.
   */
  public static RevattrException unknownConfigKey(
      String key, String closest, Collection<String> known) {
    return new RevattrException(
        ErrorKind.USAGE,
        String.format(
            Locale.ROOT,
            "Config key '%s' is not known.%s Known keys: %s. See conf/revattr.conf for each key.",
            key,
            closest == null ? "" : " Did you mean '" + closest + "'?",
            list(known)),
        null);
  }

  /** A configuration file cannot be read or parsed. */
  public static RevattrException unreadableConfig(String where, String why, Throwable cause) {
    return new RevattrException(
        ErrorKind.USAGE,
        String.format(
            Locale.ROOT,
            "Config file %s cannot be read: %s. Fix the file (HOCON syntax, see conf/revattr.conf).",
            where,
            why),
        cause);
  }

  /**
   * A config substitution ({@code ${NAME}}) names neither a config key nor a set environment
   * variable, or substitutions refer to each other in a cycle ({@code why} says which).
   */
  public static RevattrException unresolvedSubstitution(String where, String why, Throwable cause) {
    String fix =
        why.contains("cycle")
            ? "Break the cycle: a key cannot be defined by itself."
            : "Export the environment variable before the run, or write ${?NAME} where it may be"
                + " unset (the key then keeps its default).";
    return new RevattrException(
        ErrorKind.USAGE,
        String.format(
            Locale.ROOT,
            "Config file %s has a substitution with no value: %s. %s",
            where,
            why,
            fix),
        cause);
  }

  /** An aggregated path file (revattr paths) has a structure or rows that cannot be used. */
  public static RevattrException badPathsFile(String file, String problem) {
    return new RevattrException(
        ErrorKind.INPUT_STRUCTURE,
        String.format(
            Locale.ROOT,
            "Path file %s cannot be used: %s. Give a CSV with a header and the columns path"
                + " (\"a > b > c\"), total_conversions, total_conversion_value, total_null.",
            file,
            problem),
        null);
  }

  /** Bad command-line usage. */
  public static RevattrException usage(String message) {
    return new RevattrException(ErrorKind.USAGE, message, null);
  }

  /** A failure that is neither usage nor input structure, for example a broken invariant. */
  public static RevattrException failure(String message, Throwable cause) {
    return new RevattrException(ErrorKind.FAILURE, message, cause);
  }

  /**
   * A step after the run's commit failed; {@code what} says which, {@code fix} how to finish it.
   */
  public static RevattrException afterCommit(
      String runId, LocalDate asOf, String what, Throwable cause, String fix) {
    return new RevattrException(
        ErrorKind.AFTER_COMMIT,
        String.format(
            Locale.ROOT,
            "Run %s as of %s is committed, but %s failed: %s. %s",
            runId,
            asOf,
            what,
            describe(cause),
            fix),
        cause);
  }

  /**
   * An exception in one line: its class and the first line of its message (Spark's go on with plans
   * and traces).
   */
  public static String describe(Throwable failure) {
    String message = failure.getMessage();
    String firstLine = "(no message)";
    if (message != null) {
      String stripped = message.strip();
      int end = stripped.indexOf('\n');
      firstLine = end < 0 ? stripped : stripped.substring(0, end);
    }
    return failure.getClass().getSimpleName() + ": " + firstLine;
  }

  private static String list(Collection<String> items) {
    return items.isEmpty()
        ? "(none)"
        : items.stream().sorted().collect(Collectors.joining(", ", "[", "]"));
  }

  private static String quote(Object value) {
    return value instanceof String ? "'" + value + "'" : String.valueOf(value);
  }
}
