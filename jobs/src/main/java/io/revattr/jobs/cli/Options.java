package io.revattr.jobs.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The values a command's options were given; absent ones take the default the option declares. */
public final class Options {
  private final Map<String, Object> values = new HashMap<>();

  /** Records a value (called by the parser). */
  Options set(String name, Object value) {
    values.put(name, value);
    return this;
  }

  /** Whether the option was given. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** A string option, or empty when it was not given. */
  public Optional<String> string(String name) {
    return Optional.ofNullable((String) values.get(name));
  }

  /** A string option, or the default. */
  public String string(String name, String defaultValue) {
    return string(name).orElse(defaultValue);
  }

  /** An integer option, or the default. */
  public int integer(String name, int defaultValue) {
    Object v = values.get(name);
    return v == null ? defaultValue : (Integer) v;
  }

  /** A long option, or the default. */
  public long longValue(String name, long defaultValue) {
    Object v = values.get(name);
    return v == null ? defaultValue : (Long) v;
  }

  /** A decimal option, or the default. */
  public double decimal(String name, double defaultValue) {
    Object v = values.get(name);
    return v == null ? defaultValue : (Double) v;
  }

  /** A flag: true when given. */
  public boolean flag(String name) {
    return Boolean.TRUE.equals(values.get(name));
  }
}
