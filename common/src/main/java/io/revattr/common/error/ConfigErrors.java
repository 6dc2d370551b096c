package io.revattr.common.error;

import java.util.Collection;
import java.util.Locale;

/**
 * Errors in the run's configuration: a key that is not known, a value that is not allowed, a file
 * that cannot be read. Each states the problem, why, and how to fix it.
 */
public final class ConfigErrors {
  private ConfigErrors() {}

  /** An error of this kind with no cause: its message formatted in the root locale. */
  private static RevattrException configError(String format, Object... args) {
    return configError(null, format, args);
  }

  /** An error of this kind: its message formatted in the root locale. */
  private static RevattrException configError(Throwable cause, String format, Object... args) {
    return new RevattrException(ErrorKind.USAGE, String.format(Locale.ROOT, format, args), cause);
  }

  /** A configuration key has a bad value. */
  public static RevattrException badValue(String key, Object value, String allowed) {
    return configError(
        "Config key '%s' has the bad value %s; allowed: %s.", key, Errors.quote(value), allowed);
  }

  /**
   * A column mapping ({@code input.column_mapping.<table>}) names a warehouse column that the table
   * does not have. The message says when the table has that column in another letter case (a
   * mapping names it exactly), when it has the mapping's canonical name already (the mapping is not
   * needed), or when the mapping is written the other way round.
   *
   * @param canonicalColumns the table's canonical column names
   */
  public static RevattrException unmappedColumn(
      String table,
      String column,
      String canonical,
      Collection<String> present,
      Collection<String> canonicalColumns) {
    String inOtherCase = present.stream().filter(column::equalsIgnoreCase).findFirst().orElse(null);
    String asCanonical =
        present.stream().filter(canonical::equalsIgnoreCase).findFirst().orElse(null);
    String hint = "";
    if (asCanonical != null && canonicalColumns.contains(column)) {
      hint =
          String.format(
              Locale.ROOT,
              " The table has '%s': written the other way round, the mapping is %s = %s.",
              asCanonical,
              asCanonical,
              column);
    } else if (asCanonical != null && canonicalColumns.contains(canonical)) {
      hint =
          String.format(
              Locale.ROOT,
              " The table has '%s', which is %s in any letter case: remove the mapping.",
              asCanonical,
              canonical);
    } else if (inOtherCase != null) {
      hint =
          String.format(
              Locale.ROOT,
              " The table has '%s': a mapping names the warehouse's column exactly, in its letter"
                  + " case (%s = %s).",
              inOtherCase,
              inOtherCase,
              canonical);
    }
    return configError(
        "Config key 'input.column_mapping.%s.%s' names no column of %s (its columns: %s): a"
            + " mapping is written warehouse_name = canonical_name.%s",
        table, column, table, Errors.list(present), hint);
  }

  /**
   * A configuration key is not known; {@code closest} is the known key it most likely misspells, or
   * null.
   */
  public static RevattrException unknownKey(String key, String closest, Collection<String> known) {
    return configError(
        "Config key '%s' is not known.%s Known keys: %s. See conf/revattr.conf for each key.",
        key, closest == null ? "" : " Did you mean '" + closest + "'?", Errors.list(known));
  }

  /** A configuration file cannot be read or parsed. */
  public static RevattrException unreadableFile(String where, String why, Throwable cause) {
    return configError(
        cause,
        "Config file %s cannot be read: %s. Fix the file (HOCON syntax, see conf/revattr.conf).",
        where,
        why);
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
    return configError(
        cause, "Config file %s has a substitution with no value: %s. %s", where, why, fix);
  }
}
