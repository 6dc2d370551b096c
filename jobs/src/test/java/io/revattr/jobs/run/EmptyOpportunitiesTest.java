package io.revattr.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.jobs.RevattrMain;
import io.revattr.jobs.cli.Console;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warehouse whose opportunities table has a header and no row: the run commits (nothing to
 * credit, every role quarantined) and its HTML report says so instead of failing after the commit.
 */
class EmptyOpportunitiesTest {
  @TempDir Path dir;

  @Test
  void theRunAndItsReportSayThatNoOpportunityWasCredited() throws IOException {
    Path input =
        CsvWarehouse.base()
            .table(
                "opportunities",
                "opportunity_id,account_id,created_at,closed_at,stage,amount,currency")
            .writeTo(dir.resolve("input"));
    String output = dir.resolve("output").toString();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int run =
        revattr(
            out,
            "run",
            "--input",
            input.toString(),
            "--output",
            output,
            "--as-of",
            CsvWarehouse.AS_OF.toString());
    int report =
        revattr(
            new ByteArrayOutputStream(),
            "report",
            "--output",
            output,
            "--as-of",
            CsvWarehouse.AS_OF.toString(),
            "--report",
            dir.resolve("again").toString());

    assertThat(run).as(out.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(report).isZero();
    for (Path page :
        List.of(
            Path.of(output, "report", CsvWarehouse.AS_OF.toString(), "index.html"),
            dir.resolve("again/index.html"))) {
      assertThat(Files.readString(page)).contains("The run credited no opportunity");
    }
  }

  private static int revattr(ByteArrayOutputStream out, String... args) {
    PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
    return RevattrMain.run(List.of(args), new Console(stream, stream));
  }
}
