package io.revattr.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.jobs.cli.PosixShell;
import io.revattr.jobs.generate.GenerateCommand;
import io.revattr.jobs.generate.SampleWarehouse;
import io.revattr.jobs.io.FaultPoints;
import io.revattr.jobs.io.ResultWriter;
import io.revattr.jobs.ledger.RunLedger;
import io.revattr.testsupport.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step after the run's commit that fails (writing the HTML report, removing older runs' rows)
 * exits 4 and says that the run is committed and how to finish the step; a report directory that
 * cannot be written stops the run before it reads its input.
 */
class AfterCommitFailureTest {
  @TempDir static Path dir;

  private static final Pattern PRINTED_REPORT_COMMAND =
      Pattern.compile("Write it again with: revattr (report .+)$", Pattern.MULTILINE);

  private static Path warehouse;

  @BeforeAll
  static void generate() {
    warehouse = dir.resolve("warehouse");
    GenerateCommand.write(
        SharedSpark.spark(),
        new SampleWarehouse(SharedSpark.spark(), 5, 3, 1),
        warehouse.toString(),
        "parquet");
  }

  @AfterEach
  void clearFaultPoint() {
    System.clearProperty(FaultPoints.PROPERTY);
  }

  @Test
  void aReportDirectoryThatCannotBeWrittenStopsTheRunBeforeItReads() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    Path output = dir.resolve("out-unwritable-report");
    CapturedConsole c = new CapturedConsole();
    List<String> args =
        RunCommandLine.of(warehouse, output, "--report", file.resolve("report").toString());
    assertThat(RevattrMain.run(args, c.console)).isEqualTo(2);
    assertThat(c.err())
        .contains("--report " + file.resolve("report") + " cannot be written")
        .contains(file + " is a file, not a directory");
    assertThat(output).doesNotExist();
  }

  @Test
  void aReportFailingAfterTheCommitExitsFourAndTheReportCommandItPrintsWritesIt() throws Exception {
    // Directory names a shell would split and unquote: the printed command must quote them.
    Path output = dir.resolve("out report's fails");
    Path reportDir = dir.resolve("the report's place");
    System.setProperty(FaultPoints.PROPERTY, "checked:report");
    CapturedConsole c = new CapturedConsole();
    List<String> args = RunCommandLine.of(warehouse, output, "--report", reportDir.toString());
    assertThat(RevattrMain.run(args, c.console)).isEqualTo(4);
    System.clearProperty(FaultPoints.PROPERTY);

    String runId = committedRunId(output);
    assertThat(c.err())
        .contains(
            "revattr: Run "
                + runId
                + " as of 2025-12-31 is committed, but writing its HTML report failed:"
                + " IOException: injected failure at checked:report");
    Matcher printed = PRINTED_REPORT_COMMAND.matcher(c.err());
    assertThat(printed.find()).as(c.err()).isTrue();
    List<String> again = PosixShell.arguments(printed.group(1));
    assertThat(again)
        .containsExactly(
            "report",
            "--output",
            output.toString(),
            "--as-of",
            RunCommandLine.AS_OF,
            "--report",
            reportDir.toString());
    Path page = reportDir.resolve("index.html");
    assertThat(page).doesNotExist();
    CapturedConsole report = new CapturedConsole();
    assertThat(RevattrMain.run(again, report.console)).as(report.err()).isEqualTo(0);
    assertThat(page).isRegularFile();
  }

  @Test
  void aFailureRemovingOlderRowsAfterTheCommitExitsFourKeepsTheCommitAndWritesTheReport()
      throws Exception {
    Path output = dir.resolve("out-retire-fails");
    assertThat(RevattrMain.run(RunCommandLine.of(warehouse, output), new CapturedConsole().console))
        .isEqualTo(0);
    String first = committedRunId(output);

    System.setProperty(FaultPoints.PROPERTY, "checked:retiring:attribution_credits");
    CapturedConsole c = new CapturedConsole();
    assertThat(RevattrMain.run(RunCommandLine.of(warehouse, output), c.console)).isEqualTo(4);
    System.clearProperty(FaultPoints.PROPERTY);

    String second = committedRunId(output);
    assertThat(second).isNotEqualTo(first);
    // The first run's credits are still in the table, but not among the committed rows.
    Dataset<Row> credits =
        SharedSpark.spark()
            .read()
            .format("delta")
            .load(output.resolve("attribution_credits").toString());
    assertThat(
            credits.select(ResultWriter.RUN_ID).distinct().collectAsList().stream()
                .map(r -> r.getString(0)))
        .containsExactlyInAnyOrder(first, second);
    assertThat(
            RunLedger.committedRows(SharedSpark.spark(), output.toString(), "attribution_credits")
                .select(ResultWriter.RUN_ID)
                .distinct()
                .collectAsList()
                .stream()
                .map(r -> r.getString(0)))
        .containsExactly(second);
    assertThat(c.err())
        .contains(
            "Run "
                + second
                + " as of 2025-12-31 is committed, but removing older runs' rows from"
                + " attribution_credits failed: IOException: injected failure at"
                + " checked:retiring:attribution_credits (revattr.test.fail-at). Readers that filter"
                + " on committed runs (docs/reliability.md) are not affected; the next run of this"
                + " as-of removes them.");
    assertThat(c.out()).contains("HTML report: ");
    Path page = output.resolve("report/2025-12-31/index.html");
    assertThat(page).isRegularFile();

    // When the report fails as well, that failure is said too, with the command that writes it.
    System.setProperty(FaultPoints.PROPERTY, "checked:retiring:attribution_credits;checked:report");
    CapturedConsole both = new CapturedConsole();
    assertThat(RevattrMain.run(RunCommandLine.of(warehouse, output), both.console)).isEqualTo(4);
    System.clearProperty(FaultPoints.PROPERTY);
    // One message: the run's own failure, then the report's, then the command, last.
    assertThat(both.err())
        .containsOnlyOnce("revattr: ")
        .contains(
            "removing older runs' rows from attribution_credits failed: IOException: injected"
                + " failure at checked:retiring:attribution_credits (revattr.test.fail-at). Readers"
                + " that filter on committed runs (docs/reliability.md) are not affected; the next"
                + " run of this as-of removes them. Then writing its HTML report failed too:"
                + " IOException: injected failure at checked:report (revattr.test.fail-at). Write"
                + " it again with: revattr report --output ");
    assertThat(both.err().strip()).endsWith(" --as-of " + RunCommandLine.AS_OF);
    Matcher printed = PRINTED_REPORT_COMMAND.matcher(both.err());
    assertThat(printed.find()).as(both.err()).isTrue();
    assertThat(PosixShell.arguments(printed.group(1)))
        .containsExactly("report", "--output", output.toString(), "--as-of", RunCommandLine.AS_OF);
  }

  /** The run id of the committed run of the tests' as-of. */
  private static String committedRunId(Path output) {
    return RunLedger.committedRuns(SharedSpark.spark(), output.toString())
        .collectAsList() // one row per as-of: small
        .get(0)
        .getAs("run_id");
  }
}
