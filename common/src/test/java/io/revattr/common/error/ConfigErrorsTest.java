package io.revattr.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a column mapping that names no column tells the user to change. */
class ConfigErrorsTest {
  @Test
  void aMappingKeyInAnotherLetterCaseThanTheColumnIsSaidToBeExact() {
    assertThat(
            ConfigErrors.unmappedColumn(
                    "touchpoints", "Event_Time", "occurred_at", List.of("EVENT_TIME", "channel"))
                .getMessage())
        .endsWith(
            "a mapping is written warehouse_name = canonical_name. The table has 'EVENT_TIME': a"
                + " mapping names the warehouse's column exactly, in its letter case.");
  }

  @Test
  void aMappingWrittenTheOtherWayRoundIsNamedWhateverTheCanonicalNamesCase() {
    assertThat(
            ConfigErrors.unmappedColumn(
                    "touchpoints", "occurred_at", "event_time", List.of("Event_Time", "channel"))
                .getMessage())
        .endsWith(
            "The table has 'Event_Time': written the other way round, the mapping is Event_Time"
                + " = occurred_at.");
  }

  @Test
  void aMappingOfAColumnTheTableLacksHasNoHint() {
    assertThat(
            ConfigErrors.unmappedColumn("touchpoints", "when", "occurred_at", List.of("channel"))
                .getMessage())
        .isEqualTo(
            "Config key 'input.column_mapping.touchpoints.when' names no column of touchpoints"
                + " (its columns: [channel]): a mapping is written warehouse_name ="
                + " canonical_name.");
  }
}
