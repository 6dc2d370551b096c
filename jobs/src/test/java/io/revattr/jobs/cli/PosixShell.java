package io.revattr.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** A real {@code sh}, to see a printed command line as a person pasting it would get it. */
public final class PosixShell {
  private PosixShell() {}

  /**
   * The arguments {@code sh} makes of {@code words} (quoting, escapes and line continuations
   * applied), as it would pass them to a command.
   */
  public static List<String> arguments(String words) throws IOException, InterruptedException {
    Process sh =
        new ProcessBuilder("sh", "-c", "for a in " + words + "\ndo printf '%s\\0' \"$a\"; done")
            .redirectErrorStream(true)
            .start();
    String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(sh.waitFor()).as(out).isZero();
    // Each argument ends in a NUL, which no argument can hold.
    return out.isEmpty()
        ? List.of()
        : Arrays.asList(out.substring(0, out.length() - 1).split("\0", -1));
  }
}
