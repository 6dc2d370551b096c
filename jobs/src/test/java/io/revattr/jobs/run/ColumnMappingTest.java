package io.revattr.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.common.config.ConfigLoader;
import io.revattr.common.report.AnalystTables;
import io.revattr.jobs.io.InputFormat;
import io.revattr.jobs.io.ResultWriter;
import io.revattr.testsupport.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warehouse with its own column names, mapped onto the canonical ones by {@code
 * input.column_mapping} or named as them in another letter case, gives the results of the same
 * warehouse with the canonical names; its quarantine shows each record as read, under the
 * warehouse's names.
 */
class ColumnMappingTest {
  @TempDir static Path dir;

  private static final String MAPPING =
      "revattr.input.column_mapping {\n"
          // A mapping's target in another letter case is the canonical column, too.
          + "  touchpoints { Id = touch_id, event_time = Occurred_At }\n"
          + "  opportunities { Amount = amount }\n"
          + "}\n";

  /** A touch whose time cannot be parsed: quarantined in both warehouses. */
  private static final String BAD_TOUCH = "TBAD,last tuesday,,C1,,,email,,email,,";

  private static final List<String> RESULT_TABLES =
      List.of(
          AttributionRun.JOURNEY_TOUCHES,
          AttributionRun.ATTRIBUTION_CREDITS,
          AnalystTables.ATTRIBUTION_SUMMARY,
          AnalystTables.MODEL_COMPARISON,
          AnalystTables.OPPORTUNITY_VELOCITY,
          AnalystTables.VELOCITY_BY_CHANNEL,
          AnalystTables.PIPELINE_FORECAST);

  private static Path canonicalOutput;
  private static Path mappedOutput;

  @BeforeAll
  static void runBothWarehouses() {
    Path canonical =
        CsvWarehouse.base().add("touchpoints", BAD_TOUCH).writeTo(dir.resolve("canonical"));
    // Columns in another letter case, as an export may name them: optional ones among them, which
    // would be read as absent (null) if taken for other columns.
    Path mapped =
        CsvWarehouse.base()
            .header(
                "touchpoints",
                "Id,event_time,Lead_ID,CONTACT_ID,anonymous_id,account_id,channel,campaign_id,"
                    + "touch_type,team,content")
            .header(
                "opportunities",
                "OPPORTUNITY_ID,account_id,created_at,Closed_At,stage,Amount,currency")
            .header(
                "leads",
                "lead_id,created_at,email,converted_at,Converted_Contact_ID,converted_account_id")
            .add("touchpoints", BAD_TOUCH)
            .writeTo(dir.resolve("mapped"));
    canonicalOutput = dir.resolve("canonical-out");
    mappedOutput = dir.resolve("mapped-out");
    new AttributionRun(
            SharedSpark.spark(),
            CsvWarehouse.settings(canonical, canonicalOutput, CsvWarehouse.AS_OF))
        .execute();
    RunSettings mappedSettings =
        new RunSettings(
            mapped.toString(),
            null,
            InputFormat.AUTO,
            mappedOutput.toString(),
            null,
            CsvWarehouse.AS_OF,
            ConfigLoader.load(CsvWarehouse.CONFIG + MAPPING, "test", Map.of()));
    new AttributionRun(SharedSpark.spark(), mappedSettings).execute();
  }

  @Test
  void aMappedWarehouseGivesTheResultsOfTheCanonicalOne() {
    for (String table : RESULT_TABLES) {
      List<String> expected = rows(canonicalOutput, table, "*");
      assertThat(rows(mappedOutput, table, "*")).as(table).isEqualTo(expected);
    }
    assertThat(rows(canonicalOutput, AttributionRun.ATTRIBUTION_CREDITS, "*")).isNotEmpty();
  }

  @Test
  void theQuarantineShowsTheRecordUnderTheWarehousesNames() {
    String keyAndReason = "source_table, record_key, reason_code";
    assertThat(rows(mappedOutput, AttributionRun.QUARANTINE, keyAndReason))
        .containsExactly("[touchpoints,TBAD,unparseable_value]")
        .isEqualTo(rows(canonicalOutput, AttributionRun.QUARANTINE, keyAndReason));
    assertThat(rows(mappedOutput, AttributionRun.QUARANTINE, "record"))
        .containsExactly(
            "[{\"Id\":\"TBAD\",\"event_time\":\"last tuesday\",\"Lead_ID\":null,"
                + "\"CONTACT_ID\":\"C1\",\"anonymous_id\":null,\"account_id\":null,"
                + "\"channel\":\"email\",\"campaign_id\":null,\"touch_type\":\"email\","
                + "\"team\":null,\"content\":null}]");
    assertThat(rows(canonicalOutput, AttributionRun.QUARANTINE, "record"))
        .containsExactly(
            "[{\"touch_id\":\"TBAD\",\"occurred_at\":\"last tuesday\",\"lead_id\":null,"
                + "\"contact_id\":\"C1\",\"anonymous_id\":null,\"account_id\":null,"
                + "\"channel\":\"email\",\"campaign_id\":null,\"touch_type\":\"email\","
                + "\"team\":null,\"content\":null}]");
  }

  /** The given columns of a result table's rows, without the run id, as sorted strings. */
  private static List<String> rows(Path output, String table, String columns) {
    return SharedSpark.spark()
        .read()
        .format("delta")
        .load(output.resolve(table).toString())
        .drop(ResultWriter.RUN_ID)
        .selectExpr(columns.split(", "))
        .collectAsList()
        .stream()
        .map(Row::toString)
        .sorted()
        .toList();
  }
}
