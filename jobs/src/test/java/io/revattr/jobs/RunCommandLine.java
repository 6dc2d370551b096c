package io.revattr.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@code revattr run} as the tests give it: an input, an output, an as-of. */
public final class RunCommandLine {
  /** The as-of date the tests' runs use. */
  public static final String AS_OF = "2025-12-31";

  private RunCommandLine() {}

  /** {@code run --input IN --output OUT --as-of 2025-12-31}, then {@code more}. */
  public static List<String> of(Path input, Path output, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--as-of",
                AS_OF));
    args.addAll(List.of(more));
    return args;
  }
}
