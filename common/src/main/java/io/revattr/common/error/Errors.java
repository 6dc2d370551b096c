package io.revattr.common.error;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Errors of usage and of the run itself; {@link InputErrors} makes those of the input and {@link
 * ConfigErrors} those of the configuration. Each states the problem, why, and how to fix it.
 */
public final class Errors {
  private Errors() {}

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
   * {@code failure} with a later failure of the same command said after its message, and how to
   * finish what that one left undone: the command's last words are about the last thing to do.
   */
  public static RevattrException followedBy(
      RevattrException failure, String what, Throwable later, String fix) {
    RevattrException both =
        new RevattrException(
            failure.kind(),
            String.format(
                Locale.ROOT,
                "%s Then %s failed too: %s. %s",
                failure.getMessage(),
                what,
                describe(later),
                fix),
            failure.getCause());
    for (Throwable earlier : failure.getSuppressed()) {
      both.addSuppressed(earlier);
    }
    both.addSuppressed(later);
    return both;
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

  /** Names in a message: sorted, so that the message is the same every run. */
  static String list(Collection<String> items) {
    return items.isEmpty()
        ? "(none)"
        : items.stream().sorted().collect(Collectors.joining(", ", "[", "]"));
  }

  /** A value as the config file writes it: text quoted, numbers and booleans as they are. */
  static String quote(Object value) {
    return value instanceof String ? "'" + value + "'" : String.valueOf(value);
  }
}
