package io.revattr.jobs.spark;

import java.util.function.Supplier;
import org.apache.spark.sql.RuntimeConfig;

/**
 * A SQL setting changed for one piece of work on the session and restored after it, as it was (set
 * or unset). The session's settings are shared: the run does such work on one thread.
 */
public final class SessionSettings {
  private SessionSettings() {}

  /** {@code work}'s result, computed with {@code key} set to {@code value}. */
  public static <T> T with(RuntimeConfig conf, String key, String value, Supplier<T> work) {
    String previous = conf.get(key, null);
    conf.set(key, value);
    try {
      return work.get();
    } finally {
      if (previous == null) {
        conf.unset(key);
      } else {
        conf.set(key, previous);
      }
    }
  }
}
