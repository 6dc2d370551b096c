package io.revattr.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line's usage, help and exit codes; none of these start Spark. */
class CommandLineTest {
  @Test
  void helpListsEveryCommand() {
    CapturedConsole c = new CapturedConsole();
    assertThat(RevattrMain.run(List.of("--help"), c.console)).isZero();
    for (String command : List.of("demo", "run", "generate")) {
      assertThat(c.out())
          .contains("  " + command + " ")
          .contains("revattr " + command + " [options]");
    }
  }

  @Test
  void versionNamesTheBuildsAndTheClasspathsVersionsAsThePomDeclaresThem() {
    for (String option : List.of("--version", "version")) {
      CapturedConsole c = new CapturedConsole();
      assertThat(RevattrMain.run(List.of(option), c.console)).isZero();
      assertThat(c.out().strip())
          .isEqualTo(
              "revattr "
                  + System.getProperty("pom.project.version")
                  + " (Spark "
                  + System.getProperty("pom.spark.version")
                  + ", Delta Lake "
                  + System.getProperty("pom.delta.version")
                  + ", Java "
                  + System.getProperty("java.version")
                  + ")");
    }
  }

  @Test
  void commandHelpListsEveryOptionWithItsDefault() {
    CapturedConsole c = new CapturedConsole();
    assertThat(RevattrMain.run(List.of("generate", "--help"), c.console)).isZero();
    assertThat(c.out())
        .contains("--out DIR")
        .contains("--accounts N")
        .contains("(default: 500)")
        .contains("--touches-per-account N")
        .contains("--seed S")
        .contains("--account-skew SHAPE")
        .contains("--format csv|parquet|delta");
  }

  @Test
  void helpOfACommandWithRequiredOptionsEndsWithItsOptions() {
    for (String command : List.of("run", "generate", "report", "paths")) {
      CapturedConsole c = new CapturedConsole();
      assertThat(RevattrMain.run(List.of(command, "--help"), c.console)).isZero();
      assertThat(c.out()).contains("--help").doesNotContain("Try --help");
      assertThat(c.err()).isEmpty();
    }
  }

  @Test
  void anUnexpectedFailureNamesItsInnermostCause() {
    Exception wrapped =
        new IllegalStateException(
            "Encountered error while reading file x.csv\nat line 2",
            new RuntimeException(
                "task failed", new IOException("Checksum error: x.csv at 0\nmore")));
    assertThat(RevattrMain.failureMessage(wrapped))
        .isEqualTo(
            "revattr: the command failed: IllegalStateException: Encountered error while reading"
                + " file x.csv. Caused by IOException: Checksum error: x.csv at 0. The log above"
                + " has the details.");
    assertThat(RevattrMain.failureMessage(new IllegalStateException("alone")))
        .isEqualTo(
            "revattr: the command failed: IllegalStateException: alone. The log above has the"
                + " details.");
  }

  @Test
  void noArgumentsIsBadUsage() {
    CapturedConsole c = new CapturedConsole();
    assertThat(RevattrMain.run(List.of(), c.console)).isEqualTo(2);
  }

  @Test
  void unknownCommandIsBadUsage() {
    CapturedConsole c = new CapturedConsole();
    assertThat(RevattrMain.run(List.of("attribute"), c.console)).isEqualTo(2);
    assertThat(c.err())
        .startsWith("revattr: unknown command 'attribute'")
        .contains("revattr --help");
  }

  @Test
  void missingRequiredOptionIsBadUsage() {
    CapturedConsole c = new CapturedConsole();
    assertThat(RevattrMain.run(List.of("run", "--input", "x", "--as-of", "2024-01-01"), c.console))
        .isEqualTo(2);
    assertThat(c.err()).contains("--output").contains("revattr run --help");
  }

  @Test
  void badDateIsBadUsage() {
    CapturedConsole c = new CapturedConsole();
    int code =
        RevattrMain.run(
            List.of("run", "--input", "x", "--output", "y", "--as-of", "31/12/2024"), c.console);
    assertThat(code).isEqualTo(2);
    assertThat(c.err()).contains("--as-of '31/12/2024' is not a date: use YYYY-MM-DD.");
  }

  @Test
  void accountSkewOutsideItsRuleIsBadUsage() {
    CapturedConsole c = new CapturedConsole();
    int code =
        RevattrMain.run(List.of("generate", "--out", "x", "--account-skew", "0.5"), c.console);
    assertThat(code).isEqualTo(2);
    assertThat(c.err())
        .contains("--account-skew must be 0 (none) or a Pareto shape above 1 and at most 10");
    CapturedConsole bench = new CapturedConsole();
    assertThat(RevattrMain.run(List.of("bench", "--help"), bench.console)).isZero();
    assertThat(bench.out()).contains("--account-skew SHAPE");
  }

  @Test
  void badConfigValueIsBadUsageBeforeSparkStarts() {
    CapturedConsole c = new CapturedConsole();
    int code =
        RevattrMain.run(
            List.of(
                "run",
                "--input",
                "x",
                "--output",
                "y",
                "--as-of",
                "2024-01-01",
                "--mapping",
                "team"),
            c.console);
    assertThat(code).isEqualTo(2);
    assertThat(c.err())
        .contains("Config key 'journey.mapping' has the bad value 'team'")
        .contains("account, contact_roles, primary_contact");
  }
}
