package io.revattr.common.schema;

import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * How a column's values as read become its canonical type ({@link InputConformance}): which types
 * convert, blank text, text timestamps and amounts, and dates that mean the end of their day.
 */
final class ValueParsing {
  private static final long LAST_MICROSECOND_OF_DAY = 86_400_000_000L - 1;

  /**
   * A number as an export writes one: digits with an optional sign, decimal point and exponent, or
   * one of the non-finite words Spark reads (NaN, Inf, Infinity; quarantined later as
   * non_finite_amount); surrounding whitespace (a tab too) as Spark's cast trims it.
   */
  private static final String NUMBER_TEXT =
      "^\\s*[+-]?(([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?|(?i:nan|inf|infinity))\\s*$";

  /**
   * The date a text timestamp must start with, whole: an optional sign, a year of four digits or
   * more, a month and a day.
   */
  private static final String DATE_PART = "[+-]?[0-9]{4,}-[0-9]{1,2}-[0-9]{1,2}";

  private ValueParsing() {}

  /**
   * A blank text value (empty, or of spaces, tabs, line breaks and other characters up to the space
   * alone, those Java's {@code String.trim} takes for blank) says nothing: it is null, as a CSV
   * reader reads an empty field, so that a Parquet, Delta or catalog table's {@code ""} behaves the
   * same. Otherwise a blank contact_id would hide the touch's lead_id, and a blank account_id would
   * be an account that no opportunity has.
   */
  static Column blankAsNull(Column text) {
    // Trimmed only when it starts with such a character: most values do not, and this runs on every
    // text value of every input row.
    Column blank =
        text.equalTo("")
            .or(
                functions
                    .substring(text, 1, 1)
                    .leq(" ")
                    .and(
                        functions
                            .btrim(text, functions.lit(InputConformance.BLANK_CHARACTERS))
                            .equalTo("")));
    return functions.when(blank.unary_$bang(), text);
  }

  /**
   * A timestamp {@code parsed} from a date alone (a DATE value, or text such as {@code 2024-06-30}
   * or {@code 2024-6-3}, which parses to 00:00 UTC) moved to the last microsecond of its UTC day,
   * the precision of Spark's timestamps (the session's time zone is UTC).
   */
  static Column dateAsEndOfDay(Column parsed, Column value, DataType from) {
    Column endOfDay =
        functions.timestamp_micros(functions.unix_micros(parsed).plus(LAST_MICROSECOND_OF_DAY));
    if (from instanceof DateType) {
      return endOfDay;
    }
    if (!(from instanceof StringType)) {
      return parsed;
    }
    Column isDate = functions.trim(value).rlike("^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$");
    return functions.when(isDate, endOfDay).otherwise(parsed);
  }

  static Column parse(Column value, DataType from, DataType to) {
    if (from.sameType(to)) {
      return value;
    }
    if (to instanceof TimestampType && from instanceof StringType) {
      // A whole date first: Spark's parser also reads a time alone (on today's date) and a year or
      // a year and month alone (on their first day), none of them the time of an event.
      Column text = functions.trim(value);
      return functions.when(
          text.rlike("^\\s*" + DATE_PART), functions.try_to_timestamp(upperCaseIsoLetters(text)));
    }
    if (to instanceof NumericType && from instanceof StringType) {
      // Spark's cast also reads Java's literal forms (100d, 0x1p4), none of them an amount.
      Column text = functions.trim(value);
      return functions.when(text.rlike(NUMBER_TEXT), text.try_cast(to));
    }
    if (from instanceof StringType) {
      return functions.trim(value).try_cast(to);
    }
    return value.try_cast(to);
  }

  /**
   * ISO 8601 text with its separator and zone letters in lower case ({@code 2024-02-06t10:00:00z},
   * which RFC 3339 allows) as Spark's parser reads it: upper case. Only those two letters: a named
   * zone ({@code America/Mazatlan}) is case-sensitive.
   */
  private static Column upperCaseIsoLetters(Column text) {
    Column separator = functions.regexp_replace(text, lit("^(\\s*" + DATE_PART + ")t"), lit("$1T"));
    return functions.regexp_replace(separator, lit("([0-9])z(\\s*)$"), lit("$1Z$2"));
  }

  static boolean castable(DataType from, DataType to) {
    if (from.sameType(to) || from instanceof StringType) {
      return true;
    }
    if (to instanceof TimestampType) {
      return from instanceof TimestampNTZType || from instanceof DateType;
    }
    if (to instanceof StringType) {
      return from instanceof NumericType
          || from instanceof BooleanType
          || from instanceof DateType
          || from instanceof TimestampType
          || from instanceof TimestampNTZType;
    }
    if (to instanceof NumericType || to instanceof BooleanType) {
      return from instanceof NumericType || from instanceof BooleanType;
    }
    return false;
  }
}
