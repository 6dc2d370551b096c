package io.revattr.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revattr.common.error.ErrorKind;
import io.revattr.common.error.RevattrException;
import io.revattr.common.schema.InputTable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file of a CSV table has one header, naming each column once, or the run stops. */
class CsvHeadersTest {
  private static final String SPEND = "channel,campaign_id,month,amount";

  @TempDir Path dir;

  @Test
  void filesWithOneHeaderPassWhateverTheirEncodingDetails() throws IOException {
    Path table = Files.createDirectories(dir.resolve("spend"));
    write(table.resolve("part-0.csv"), "\uFEFF" + SPEND + "\r\npaid_search,C1,2024-01,10\r\n");
    write(
        table.resolve("part-1.csv"),
        "\"channel\",campaign_id,\"month\",amount\nemail,,2024-02,5\n");
    write(table.resolve("part-2.csv"), "");
    write(table.resolve("part-3.csv"), "\n  \n" + SPEND + "\nevents,,2024-04,1\n");
    write(table.resolve("part-4.csv"), "\n");
    write(Files.createDirectories(table.resolve("_temporary/0")).resolve("x.csv"), "other\n");
    write(table.resolve("_SUCCESS"), "");
    write(table.resolve(".part-0.csv.crc"), "other,header\n");
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(table.resolve("p3.csv.gz")))) {
      out.write((SPEND + "\nevents,,2024-03,1\n").getBytes(StandardCharsets.UTF_8));
    }

    CsvHeaders.Header header = check(table);
    assertThat(header.lines())
        .as("each header line as written, without the byte order mark, once")
        .containsExactlyInAnyOrder(SPEND, "\"channel\",campaign_id,\"month\",amount");
    assertThat(header.columns()).containsExactly("channel", "campaign_id", "month", "amount");
  }

  @Test
  void filesWithDifferentHeadersStopTheRunNamingBoth() throws IOException {
    Path table = Files.createDirectories(dir.resolve("spend"));
    write(table.resolve("part-0.csv"), SPEND + "\npaid_search,C1,2024-01,10\n");
    write(table.resolve("part-1.csv"), "campaign_id,channel,month,amount\nC1,email,2024-02,5\n");

    assertThatThrownBy(() -> check(table))
        .isInstanceOf(RevattrException.class)
        .hasMessageContaining(
            "Input table 'spend' cannot be read: its files have different headers")
        .hasMessageContaining("[channel, campaign_id, month, amount]")
        .hasMessageContaining("part-1.csv has [campaign_id, channel, month, amount]")
        .satisfies(
            e -> assertThat(((RevattrException) e).kind()).isEqualTo(ErrorKind.INPUT_STRUCTURE));
  }

  @Test
  void filesInSubdirectoriesAreCheckedAsSparkReadsThem() throws IOException {
    Path table = Files.createDirectories(dir.resolve("spend"));
    write(table.resolve("part-0.csv"), SPEND + "\n");
    Path partition = Files.createDirectories(table.resolve("month=2024-02"));
    write(partition.resolve("part-1.csv"), "campaign_id,channel,month,amount\n");

    assertThatThrownBy(() -> check(table))
        .hasMessageContaining("part-1.csv has [campaign_id, channel, month, amount]");
  }

  @Test
  void aColumnNamedTwiceStopsTheRun() throws IOException {
    Path file = dir.resolve("spend.csv");
    write(file, SPEND + ",Amount\npaid_search,C1,2024-01,10,11\n");

    assertThatThrownBy(() -> check(file))
        .hasMessageContaining(
            "the header of spend.csv names a column twice ('amount' and 'Amount')");
  }

  @Test
  void aTableOfEmptyFilesHasNoHeader() throws IOException {
    Path table = Files.createDirectories(dir.resolve("spend"));
    write(table.resolve("part-0.csv"), "");
    write(table.resolve("part-1.csv"), "\n \n");

    assertThat(check(table)).isEqualTo(CsvHeaders.Header.NONE);
  }

  @Test
  void headerNamesAreSplitAsTheReaderSplitsThem() {
    assertThat(CsvHeaders.names("a,\"b,c\",\"d \"\"e\"\"\",,f "))
        .containsExactly("a", "b,c", "d \"e\"", "", "f ");
  }

  @Test
  void anEmptyNameIsNamedByItsPositionAsSparkNamesIt() {
    assertThat(CsvHeaders.columns(List.of("a", "", "c", "")))
        .containsExactly("a", "_c1", "c", "_c3");
  }

  private static CsvHeaders.Header check(Path location) {
    return CsvHeaders.check(
        InputTable.SPEND, new org.apache.hadoop.fs.Path(location.toString()), new Configuration());
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
