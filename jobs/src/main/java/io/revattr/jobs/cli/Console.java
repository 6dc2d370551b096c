package io.revattr.jobs.cli;

import java.io.PrintStream;
import java.util.Locale;

/** The terminal: the one place that prints to standard output and standard error. */
public final class Console {
  private final PrintStream out;
  private final PrintStream err;

  /** A console on the given streams (tests pass their own). */
  public Console(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** The process's own standard output and error. */
  public static Console system() {
    return new Console(System.out, System.err);
  }

  /** Prints a line to standard output. */
  public void println(String line) {
    out.println(line);
  }

  /**
   * Prints a formatted line to standard output, in the root locale: a run prints 12,345 and 0.25 on
   * every machine, whatever its locale, so that what schedulers keep of it reads the same.
   */
  public void printf(String format, Object... args) {
    out.printf(Locale.ROOT, format, args);
  }

  /** Prints a line to standard error. */
  public void error(String line) {
    err.println(line);
  }

  /** Flushes both streams. */
  public void flush() {
    out.flush();
    err.flush();
  }
}
