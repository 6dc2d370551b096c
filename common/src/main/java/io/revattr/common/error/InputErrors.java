package io.revattr.common.error;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Errors in the input the run was given: a table, file or column that is missing or cannot be read
 * as its table needs. Each states the problem, why, and how to fix it.
 */
public final class InputErrors {
  private InputErrors() {}

  /** An error of this kind with no cause: its message formatted in the root locale. */
  private static RevattrException inputError(String format, Object... args) {
    return inputError(null, format, args);
  }

  /** An error of this kind: its message formatted in the root locale. */
  private static RevattrException inputError(Throwable cause, String format, Object... args) {
    return new RevattrException(
        ErrorKind.INPUT_STRUCTURE, String.format(Locale.ROOT, format, args), cause);
  }

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
    return inputError(
        "Input table '%s' is missing: nothing was found at %s. Found tables: %s. %s (see"
            + " docs/design.md, section 2).",
        table, where, Errors.list(found), provide);
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
    return inputError(
        "Input table '%s' holds nothing to read: %s is %s. Export '%s' again (a CSV file with"
            + " its header line, Parquet or Delta): a required table needs at least its"
            + " columns; only an optional one may be left out or empty.",
        table, where, what, table);
  }

  /** The {@code --input} directory itself cannot be found or read. */
  public static RevattrException missingInput(
      String inputDir, String why, Collection<String> tables) {
    return inputError(
        "--input %s cannot be read (%s). Give the directory that holds the warehouse's tables"
            + " (%s), or --input-catalog DB for catalog tables.",
        inputDir, why, String.join(", ", tables));
  }

  /**
   * An input table's directory or file holds another format than the one the run was told to read.
   */
  public static RevattrException formatMismatch(
      String table, String where, String requested, String found) {
    return inputError(
        "Input table '%s' at %s is %s, but --input-format is %s. Give --input-format %s, or"
            + " auto to detect each table's format.",
        table, where, found, requested, found);
  }

  /**
   * An input table is found in more than one place (its directory, {@code <table>.csv}, {@code
   * <table>.parquet}): reading one would leave the other's rows unread and uncounted.
   */
  public static RevattrException severalSources(String table, Collection<String> sources) {
    return inputError(
        "Input table '%s' is in more than one place: %s. revattr reads each table from one of"
            + " them, and the others' rows would be left out without a count. Keep one (move the"
            + " others out of the input directory, or merge them into it).",
        table, Errors.list(sources));
  }

  /** Required columns of an input table are missing. */
  public static RevattrException missingColumns(
      String table, Collection<String> missing, Collection<String> found) {
    return inputError(
        "Input table '%s' lacks required column(s) %s. Found columns: %s. "
            + "Add the column(s) or map your warehouse's names onto them in the config "
            + "(input.column_mapping.%s).",
        table, Errors.list(missing), Errors.list(found), table);
  }

  /**
   * A column exists but its values cannot be cast to the canonical type as a whole.
   *
   * @param column the canonical column
   * @param columnAsRead its name in the warehouse (another when a mapping or its letter case
   *     renamed it), which the message names first
   */
  public static RevattrException uncastableColumn(
      String table, String column, String columnAsRead, String actualType, String expectedType) {
    String named =
        columnAsRead.equals(column)
            ? "'" + column + "'"
            : "'" + columnAsRead + "' (revattr's '" + column + "')";
    return inputError(
        "Input table '%s' column %s has type %s, which cannot be cast to %s. "
            + "Store it as %s (or as text in the canonical format) and run again.",
        table, named, actualType, expectedType, expectedType);
  }

  /** A CSV input table's header lines cannot name its columns (they differ, or name one twice). */
  public static RevattrException badCsvHeader(String table, String problem) {
    return inputError(
        "Input table '%s' cannot be read: %s. Every CSV file of a table needs one header line,"
            + " the same in every file, naming each column once: export the table again that"
            + " way.",
        table, problem);
  }

  /**
   * Two Parquet files of one input table hold different columns.
   *
   * @param onlyInFirst columns of {@code first} that {@code other} lacks
   * @param onlyInOther columns of {@code other} that {@code first} lacks
   */
  public static RevattrException parquetColumnsDiffer(
      String table,
      String first,
      String other,
      Collection<String> onlyInFirst,
      Collection<String> onlyInOther) {
    List<String> differences = new ArrayList<>();
    if (!onlyInFirst.isEmpty()) {
      differences.add(
          String.format(
              Locale.ROOT, "%s lacks %s, which %s has", other, Errors.list(onlyInFirst), first));
    }
    if (!onlyInOther.isEmpty()) {
      differences.add(
          String.format(
              Locale.ROOT, "%s has %s, which %s lacks", other, Errors.list(onlyInOther), first));
    }
    return inputError(
        "The Parquet files of input table '%s' hold different columns: %s. Spark reads a table's"
            + " files by one file's columns, so in the other file those columns would be read as"
            + " null or not at all. Write every file of the table with the same columns (or give the"
            + " table as Delta, whose log keeps one schema) and run again.",
        table, String.join("; ", differences));
  }

  /** A file of an input table given as CSV cannot be read (a corrupt compressed file). */
  public static RevattrException unreadableCsvFile(
      String table, String file, String reason, Throwable cause) {
    return inputError(
        cause,
        "Input table '%s' is read as CSV, but its file %s cannot be read: %s. Export the file"
            + " again, or remove it if it is no part of the table.",
        table,
        file,
        reason);
  }

  /** A file of an input table given as Parquet cannot be read as one. */
  public static RevattrException unreadableParquetFile(
      String table, String file, String reason, Throwable cause) {
    return inputError(
        cause,
        "Input table '%s' is read as Parquet, but its file %s cannot be read as Parquet: %s. Export"
            + " the file again, remove it if it is no part of the table, or give --input-format csv"
            + " if the table's files are CSV files without a .csv name.",
        table,
        file,
        reason);
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
    return inputError(
        cause,
        "%s does not match its checksum file (.%s.crc beside it): it was changed after it was"
            + " written. If the change is meant, delete that .crc file (Hadoop then reads the"
            + " file unchecked); else write the file again. Then run again.",
        file,
        file.substring(file.lastIndexOf('/') + 1));
  }

  /**
   * An input table has two columns of one name as Spark compares names, ignoring letter case
   * ({@code closed_at} and {@code CLOSED_AT}): which one is meant is not for revattr to guess.
   *
   * @param columns the two names, or the reader's own words when it refused the table
   * @param fix what to do about it
   */
  public static RevattrException columnNamedTwice(
      String table, String columns, String fix, Throwable cause) {
    return inputError(
        cause,
        "Input table '%s' has two columns of one name, as Spark compares names (ignoring letter"
            + " case): %s. %s and run again.",
        table,
        columns,
        fix);
  }

  /** An input table has a column whose name revattr reserves for its own bookkeeping. */
  public static RevattrException reservedColumn(String table, String column, String purpose) {
    return inputError(
        "Input table '%s' has a column named '%s', a name revattr reserves for %s. "
            + "Rename or drop that column in the warehouse and run again.",
        table, column, purpose);
  }

  /** An aggregated path file (revattr paths) has a structure or rows that cannot be used. */
  public static RevattrException badPathsFile(String file, String problem) {
    return inputError(
        "Path file %s cannot be used: %s. Give a CSV with a header and the columns path"
            + " (\"a > b > c\"), total_conversions, total_conversion_value, total_null.",
        file, problem);
  }
}
