package io.revattr.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.jobs.cli.PosixShell;
import io.revattr.jobs.generate.SampleWarehouse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code revattr demo}, the README's first command, on a small sample warehouse: it ends well, says
 * where its tables and report are, and the query it prints runs when pasted into bash, through
 * {@code bin/revattr}.
 */
class DemoCommandTest {
  @TempDir static Path dir;

  /**
   * The printed query: {@code bin/revattr}, then its arguments {@code sql --output DIR \} and the
   * quoted SQL.
   */
  private static final Pattern PRINTED_QUERY =
      Pattern.compile("(bin/revattr (sql --output .+ \\\\\\n {4}\"[^\"]+\"))");

  private static final Pattern PRINTED_REPORT =
      Pattern.compile("HTML report \\(open it in a browser; it works offline\\): (\\S+)");

  @Test
  void theDemoSaysWhereItsResultsAreAndItsQueryRunsAsPrinted() throws Exception {
    // A directory name a shell would split and unquote: the printed command must quote it.
    Path demo = dir.resolve("it's a demo");
    CapturedConsole c = new CapturedConsole();
    int code =
        RevattrMain.run(List.of("demo", "--dir", demo.toString(), "--accounts", "12"), c.console);

    assertThat(code).as(c.err()).isZero();
    String out = c.out();
    assertThat(out)
        .contains("Generated a sample warehouse (CSV) in " + demo.resolve("warehouse"))
        .contains(
            "Input rows (read = used + collapsed duplicates + quarantined): every table adds up.")
        // conf/demo.conf's models.enabled names 14 models.
        .contains("Credits reconcile for all 14 models")
        .contains("  attribution_credits ");

    Matcher query = PRINTED_QUERY.matcher(out);
    assertThat(query.find()).as(out).isTrue();
    List<String> printed = PosixShell.arguments(query.group(2));
    assertThat(printed.subList(0, 3))
        .containsExactly("sql", "--output", demo.resolve("output").toString());
    assertThat(printed).hasSize(4);
    List<String> table = runInShell(query.group(1)).lines().toList();
    assertThat(table.get(0)).matches("channel +\\| +revenue +\\| +share +\\| +roas");
    // At most the query's LIMIT 5, the first (by revenue rank) with won revenue: the sample
    // warehouse has won opportunities.
    assertThat(table.get(table.size() - 1)).matches("\\([1-5] rows?\\)");
    assertThat(Double.parseDouble(table.get(2).split("\\|")[1].strip())).isPositive();

    Matcher report = PRINTED_REPORT.matcher(out);
    assertThat(report.find()).as(out).isTrue();
    // Printed as a file: URI, which a terminal or a browser opens.
    assertThat(Path.of(URI.create(report.group(1))))
        .isEqualTo(demo.resolve("output/report/" + SampleWarehouse.LATEST_AS_OF + "/index.html"))
        .isRegularFile();
  }

  /**
   * The standard output of {@code command} pasted into bash at the checkout's root, as the README's
   * reader does: {@code bin/revattr}, the shaded jar and its launcher options in a JVM of their
   * own.
   */
  private static String runInShell(String command) throws IOException, InterruptedException {
    Path home = Path.of(System.getProperty("revattr.home"));
    Path out = dir.resolve("printed-command.out");
    Path log = dir.resolve("printed-command.log");
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-c", command)
            .directory(home.toFile())
            .redirectOutput(out.toFile())
            .redirectError(log.toFile());
    // The test's own Java; the jar is built before the tests; the query reads a few rows: a
    // smaller heap, and no optimizing compiler for a JVM this short-lived.
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("REVATTR_NO_BUILD", "1");
    builder.environment().put("REVATTR_HEAP", "1g");
    builder.environment().put("REVATTR_JAVA_OPTS", "-XX:TieredStopAtLevel=1");
    Process process = builder.start();
    try {
      assertThat(process.waitFor(10, TimeUnit.MINUTES))
          .as("the printed command ended within 10 minutes")
          .isTrue();
    } finally {
      process.destroyForcibly();
    }
    assertThat(process.exitValue())
        .as("%s%n%s", Files.readString(out), Files.readString(log))
        .isZero();
    return Files.readString(out);
  }
}
