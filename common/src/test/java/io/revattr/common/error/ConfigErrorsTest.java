package io.revattr.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a column mapping that names no column tells the user to change. */
class ConfigErrorsTest {
  private static final List<String> TOUCHPOINTS =
      List.of("touch_id", "occurred_at", "channel", "touch_type");

  @Test
  void aMappingKeyInAnotherLetterCaseThanTheColumnIsSaidToBeExact() {
    assertThat(message("Event_Time", "occurred_at", List.of("EVENT_TIME", "channel")))
        .endsWith(
            "a mapping is written warehouse_name = canonical_name. The table has 'EVENT_TIME': a"
                + " mapping names the warehouse's column exactly, in its letter case (EVENT_TIME ="
                + " occurred_at).");
  }

  @Test
  void aMappingWrittenTheOtherWayRoundIsNamedWhateverTheCanonicalNamesCase() {
    assertThat(message("occurred_at", "event_time", List.of("Event_Time", "channel")))
        .endsWith(
            "The table has 'Event_Time': written the other way round, the mapping is Event_Time"
                + " = occurred_at.");
  }

  @Test
  void aMappingOntoACanonicalColumnTheTableHasIsNotNeeded() {
    // Not "the other way round": that would map the canonical column away.
    assertThat(message("event_time", "occurred_at", List.of("OCCURRED_AT", "channel")))
        .endsWith(
            "The table has 'OCCURRED_AT', which is occurred_at in any letter case: remove the"
                + " mapping.");
    assertThat(message("Occurred_At", "occurred_at", List.of("OCCURRED_AT", "channel")))
        .endsWith(
            "The table has 'OCCURRED_AT', which is occurred_at in any letter case: remove the"
                + " mapping.");
  }

  @Test
  void aMappingOfAColumnTheTableLacksHasNoHint() {
    assertThat(message("when", "occurred_at", List.of("channel")))
        .isEqualTo(
            "Config key 'input.column_mapping.touchpoints.when' names no column of touchpoints"
                + " (its columns: [channel]): a mapping is written warehouse_name ="
                + " canonical_name.");
  }

  private static String message(String column, String canonical, List<String> present) {
    return ConfigErrors.unmappedColumn("touchpoints", column, canonical, present, TOUCHPOINTS)
        .getMessage();
  }
}
