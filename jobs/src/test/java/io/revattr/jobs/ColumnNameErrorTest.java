package io.revattr.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.common.schema.InputConformance;
import io.revattr.jobs.spark.SessionSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input columns named so that the run cannot tell which is which (a name revattr reserves, two
 * names Spark takes for one) and column mappings that name no column stop the run before it writes,
 * saying what to change.
 */
class ColumnNameErrorTest {
  @TempDir static Path dir;

  private static StoppedRuns runs;

  @BeforeAll
  static void generate() {
    runs = new StoppedRuns(dir);
  }

  @Test
  void columnWithTheMalformedLineMarkersNameIsNamed() throws IOException {
    // The last: a CSV table in _malformed_line=x directories, whose files do not name the column.
    for (String format : List.of("csv", "parquet", "csv-partitioned", "csv-upper-case")) {
      // Spark resolves names ignoring case: the marker's name in capitals is the marker's too.
      String name =
          format.endsWith("-upper-case")
              ? InputConformance.MALFORMED_LINE.toUpperCase(Locale.ROOT)
              : InputConformance.MALFORMED_LINE;
      Path input = runs.copyWithout("campaigns");
      DataFrameWriter<Row> writer =
          runs.spark()
              .read()
              .parquet(runs.warehouse().resolve("campaigns").toString())
              .withColumn(name, lit("x"))
              .write()
              .format(format.replaceAll("-.*", ""))
              .option("header", "true");
      if (format.endsWith("-partitioned")) {
        writer = writer.partitionBy(InputConformance.MALFORMED_LINE);
      }
      writer.save(input.resolve("campaigns").toString());
      CapturedConsole c = new CapturedConsole();
      Path output = dir.resolve("out-reserved-" + format);
      assertThat(StoppedRuns.run(input, output, c)).as("%s: %s", format, c.err()).isEqualTo(3);
      assertThat(c.err())
          .as(format)
          .contains(
              "Input table 'campaigns' has a column named '"
                  + name
                  + "', a name revattr reserves for the lines of a CSV file that do not match its"
                  + " header");
      assertThat(output).doesNotExist();
    }
  }

  @Test
  void twoColumnsOfOneNameIgnoringLetterCaseAreNamed() throws IOException {
    // Written by a case-sensitive writer, Spark's reader refuses them (revattr names the table):
    // in a Parquet file, and as two column=value directories of a CSV table.
    for (String format : List.of("parquet", "csv-partitioned")) {
      Path input = runs.copyWithout("campaigns");
      SessionSettings.with(
          runs.spark().conf(),
          "spark.sql.caseSensitive",
          "true",
          () -> {
            Dataset<Row> campaigns =
                runs.spark()
                    .read()
                    .parquet(runs.warehouse().resolve("campaigns").toString())
                    .withColumn("Channel", col("channel"));
            String path = input.resolve("campaigns").toString();
            if (format.equals("parquet")) {
              campaigns.write().parquet(path);
            } else {
              campaigns
                  .withColumn("Region", lit("eu"))
                  .withColumn("region", lit("eu"))
                  .drop("Channel")
                  .write()
                  .option("header", "true")
                  .partitionBy("Region", "region")
                  .csv(path);
            }
            return null;
          });
      CapturedConsole c = new CapturedConsole();
      Path output = dir.resolve("out-twice-named-" + format);
      assertThat(StoppedRuns.run(input, output, c)).as(c.err()).isEqualTo(3);
      String column = format.equals("parquet") ? "channel" : "region";
      assertThat(c.err())
          .as(format)
          .startsWith(
              "revattr: Input table 'campaigns' has two columns of one name, as Spark compares"
                  + " names (ignoring letter case): '"
                  + column
                  + "' (as Spark names it, in lower case) at "
                  + input.resolve("campaigns"))
          .contains("Drop or rename one of them in the warehouse and run again.");
      assertThat(output).doesNotExist();
    }
  }

  @Test
  void aColumnMappingWrittenTheWrongWayRoundIsNamed() throws IOException {
    Path input = runs.copyWithout("touchpoints");
    runs.spark()
        .read()
        .parquet(runs.warehouse().resolve("touchpoints").toString())
        .withColumnRenamed("occurred_at", "event_time")
        .write()
        .parquet(input.resolve("touchpoints").toString());
    CapturedConsole c = new CapturedConsole();
    Path output = dir.resolve("out-reversed-mapping");
    assertThat(
            runs.runWithConfig(
                input,
                output,
                "revattr.input.column_mapping.touchpoints { occurred_at = event_time }",
                c))
        .isEqualTo(2);
    assertThat(c.err())
        .contains(
            "Config key 'input.column_mapping.touchpoints.occurred_at' names no column of"
                + " touchpoints (its columns: [account_id, anonymous_id, campaign_id, channel,")
        .contains(
            "a mapping is written warehouse_name = canonical_name. The table has 'event_time':"
                + " written the other way round, the mapping is event_time = occurred_at.");
    assertThat(output).doesNotExist();
  }

  @Test
  void theMalformedLineMarkerIsNoColumnToMap() throws IOException {
    // The CSV reader's marker is not the warehouse's: a mapping of it names no column.
    Path input = runs.copyWithout("campaigns");
    runs.spark()
        .read()
        .parquet(runs.warehouse().resolve("campaigns").toString())
        .write()
        .option("header", "true")
        .csv(input.resolve("campaigns").toString());
    CapturedConsole c = new CapturedConsole();
    Path output = dir.resolve("out-marker-mapping");
    assertThat(
            runs.runWithConfig(
                input,
                output,
                "revattr.input.column_mapping.campaigns { _malformed_line = campaign_name }",
                c))
        .as(c.err())
        .isEqualTo(2);
    assertThat(c.err())
        .contains(
            "Config key 'input.column_mapping.campaigns._malformed_line' names no column of"
                + " campaigns (its columns: [campaign_id, channel, name]");
    assertThat(output).doesNotExist();

    // Nor a name to map a column onto, in any letter case.
    c = new CapturedConsole();
    assertThat(
            runs.runWithConfig(
                input,
                output,
                "revattr.input.column_mapping.campaigns { name = _Malformed_Line }",
                c))
        .as(c.err())
        .isEqualTo(2);
    assertThat(c.err())
        .contains(
            "Config key 'input.column_mapping.campaigns.name' has the bad value '_Malformed_Line';"
                + " allowed: a column name other than _malformed_line, which revattr reserves");
    assertThat(output).doesNotExist();
  }
}
