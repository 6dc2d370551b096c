package io.revattr.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.revattr.common.error.ConfigErrors;
import io.revattr.common.error.RevattrException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * Typed reads of single config keys that fail with an error naming the key, the bad value and what
 * is allowed, instead of the config library's own exception.
 */
final class ConfigValues {
  private ConfigValues() {}

  /** A string. */
  static String string(Config c, String key, String allowed) {
    try {
      return c.getString(key);
    } catch (ConfigException.WrongType e) {
      throw bad(c, key, allowed);
    }
  }

  /** A list of strings (a single string is not a list: {@code [a, b]} is). */
  static List<String> strings(Config c, String key, String allowed) {
    try {
      return c.getStringList(key);
    } catch (ConfigException.WrongType e) {
      throw bad(c, key, allowed);
    }
  }

  /** Null, or a whole number from {@code min} to {@code max}. */
  static OptionalInt nullableWholeNumber(Config c, String key, int min, int max, String allowed) {
    if (c.getIsNull(key)) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(wholeNumber(c, key, min, max, allowed));
  }

  /** A whole number from {@code min} to {@code max} (1.5 is not one; "7" is). */
  static int wholeNumber(Config c, String key, int min, int max, String allowed) {
    Number number;
    try {
      number = c.getNumber(key);
    } catch (ConfigException.WrongType e) {
      throw bad(c, key, allowed);
    }
    if (number.doubleValue() != Math.rint(number.doubleValue())
        || number.doubleValue() < min
        || number.doubleValue() > max) {
      throw bad(c, key, allowed);
    }
    return number.intValue();
  }

  /** A duration such as {@code 10 minutes}; zero only when {@code zeroAllowed}; never negative. */
  static Duration duration(Config c, String key, boolean zeroAllowed) {
    String allowed =
        (zeroAllowed ? "a duration >= 0" : "a duration > 0") + " such as '10 minutes' or '7 days'";
    Duration d;
    try {
      d = c.getDuration(key);
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      throw bad(c, key, allowed);
    }
    if (d.isNegative() || (!zeroAllowed && d.isZero())) {
      throw bad(c, key, allowed);
    }
    return d;
  }

  /** The error for a key whose value is not what is allowed. */
  static RevattrException bad(Config c, String key, String allowed) {
    return ConfigErrors.badValue(key, shown(c, key), allowed);
  }

  private static Object shown(Config c, String key) {
    if (!c.hasPathOrNull(key) || c.getIsNull(key)) {
      return "null";
    }
    ConfigValue value = c.getValue(key);
    ConfigValueType type = value.valueType();
    return type == ConfigValueType.LIST || type == ConfigValueType.OBJECT
        ? value.render(ConfigRenderOptions.concise())
        : value.unwrapped();
  }
}
