package io.revattr.jobs;

import io.revattr.jobs.cli.Console;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A console whose output tests can read. */
public final class CapturedConsole {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** The console to give the command. */
  public final Console console =
      new Console(
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));

  /** What the command printed to standard output. */
  public String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** What the command printed to standard error. */
  public String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
