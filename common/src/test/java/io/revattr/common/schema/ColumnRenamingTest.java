package io.revattr.common.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which columns as read get which canonical names: by the mapping, and by letter case. */
class ColumnRenamingTest {
  @Test
  void aCanonicalNameInAnotherLetterCaseIsTheCanonicalColumn() {
    Map<String, String> renaming =
        ColumnRenaming.of(
            InputTable.TOUCHPOINTS,
            List.of("Id", "event_time", "Lead_ID", "CONTACT_ID", "channel", "Notes"),
            Map.of("Id", "touch_id", "event_time", "Occurred_At"));

    // The mapping's own target in another case too; a column no canonical name matches stays.
    assertThat(renaming)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "Id", "touch_id",
                "event_time", "occurred_at",
                "Lead_ID", "lead_id",
                "CONTACT_ID", "contact_id"));
  }

  @Test
  void twoColumnsOfOneNameIgnoringCaseAreNotRenamed() {
    // As read, and once mapped: which one is the canonical column is not for the run to guess.
    assertThat(
            ColumnRenaming.of(
                InputTable.OPPORTUNITIES, List.of("closed_at", "CLOSED_AT", "Stage"), Map.of()))
        .containsExactlyInAnyOrderEntriesOf(Map.of("Stage", "stage"));
    assertThat(
            ColumnRenaming.of(
                InputTable.OPPORTUNITIES,
                List.of("deal_close", "CLOSED_AT"),
                Map.of("deal_close", "Closed_At")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("deal_close", "Closed_At"));
  }
}
