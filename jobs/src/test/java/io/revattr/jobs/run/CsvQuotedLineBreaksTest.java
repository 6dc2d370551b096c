package io.revattr.jobs.run;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.jobs.RevattrMain;
import io.revattr.jobs.cli.Console;
import io.revattr.testsupport.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quoted CSV field may hold line breaks (RFC 4180): the record is read whole, not split into a
 * cut record and an invented one.
 */
class CsvQuotedLineBreaksTest {
  @TempDir Path dir;

  @Test
  void aQuotedFieldWithLineBreaksIsOneRecord() throws IOException {
    Path input =
        CsvWarehouse.base()
            .add(
                "touchpoints",
                "T7,2024-01-29T00:00:00Z,,C1,,,email,,email,,\"hello,\nworld \"\"quoted\"\"\"")
            .add("touchpoints", "T8,2024-01-30T00:00:00Z,,C1,,,email,,email,,\"line1\r\nline2,x\"")
            .writeTo(dir.resolve("input"));
    String output = dir.resolve("output").toString();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);

    int code =
        RevattrMain.run(
            List.of(
                "run",
                "--input",
                input.toString(),
                "--output",
                output,
                "--as-of",
                CsvWarehouse.AS_OF.toString(),
                "--models",
                "linear"),
            new Console(stream, stream));

    assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
    List<Row> contents =
        SharedSpark.spark()
            .read()
            .format("delta")
            .load(output + "/journey_touches")
            .filter(col("touch_id").isin("T7", "T8"))
            .select("touch_id", "content")
            .distinct()
            .orderBy("touch_id")
            .collectAsList();
    assertThat(contents)
        .extracting(r -> r.getString(1))
        .containsExactly("hello,\nworld \"quoted\"", "line1\r\nline2,x");
    Row touchpoints =
        SharedSpark.spark()
            .read()
            .format("delta")
            .load(output + "/runs")
            .selectExpr("filter(inputs, t -> t.table = 'touchpoints')[0] AS t")
            .select("t.read", "t.used", "t.quarantined")
            .first();
    assertThat(List.of(touchpoints.getLong(0), touchpoints.getLong(1), touchpoints.getLong(2)))
        .containsExactly(8L, 8L, 0L);
  }
}
