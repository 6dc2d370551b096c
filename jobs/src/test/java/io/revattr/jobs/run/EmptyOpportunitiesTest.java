package io.revattr.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.jobs.RevattrMain;
import io.revattr.jobs.cli.Console;
import io.revattr.testsupport.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warehouse whose opportunities table has a header and no row: the run commits (nothing to
 * credit, every role quarantined) and its HTML report says so instead of failing after the commit.
 * The report's pages have no .crc file, and writing them leaves checksums on for later writes.
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
      assertThat(page.resolveSibling(".index.html.crc")).doesNotExist();
    }
    // Writing the pages without their .crc files leaves checksums on for the JVM's later writes.
    Path later = dir.resolve("later");
    SharedSpark.spark().range(1).write().csv(later.toString());
    try (Stream<Path> files = Files.list(later)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .anyMatch(name -> name.startsWith(".part-") && name.endsWith(".csv.crc"));
    }
  }

  private static int revattr(ByteArrayOutputStream out, String... args) {
    PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
    return RevattrMain.run(List.of(args), new Console(stream, stream));
  }
}
