package io.revattr.common.model;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Every milestone's journey position, on every row of the journey, as the fixtures pin it by hand
 * (null where no touch holds it), and exactly the touch whose flag is set holds it: the models rely
 * on both to find their milestones without aggregating the journey.
 */
class PositionTest {
  @Test
  void sevenTouchesWonHaveEveryMilestone() {
    assertPositions(ModelFixtures.sevenTouches("won"), 1L, 3L, 5L, 7L, 7L);
  }

  @Test
  void openOpportunityHasNoClosedTouch() {
    assertPositions(ModelFixtures.sevenTouches("open"), 1L, 3L, 5L, null, 7L);
  }

  @Test
  void missingLeadAndOpportunityCreationAreNull() {
    assertPositions(ModelFixtures.noLeadCreation(), 1L, null, 2L, 3L, 3L);
    assertPositions(ModelFixtures.noOpportunityCreation(), 1L, 1L, null, 3L, 3L);
  }

  @Test
  void oneTouchHoldsEveryMilestone() {
    assertPositions(ModelFixtures.oneTouch(), 1L, 1L, 1L, 1L, 1L);
  }

  @Test
  void emptyJourneyHasNoMilestone() {
    assertPositions(ModelFixtures.noTouch(), null, null, null, null, null);
  }

  /** Expected positions in the order FT, LC, OC, CW, LT. */
  private static void assertPositions(Dataset<Row> journeys, Long... expected) {
    Position[] positions = Position.values();
    Column[] columns = new Column[positions.length * 2 + 1];
    columns[0] = col("position");
    for (int i = 0; i < positions.length; i++) {
      columns[1 + 2 * i] = positions[i].journeyPosition().as("at_" + positions[i]);
      columns[2 + 2 * i] = col(positions[i].flagColumn()).as("flag_" + positions[i]);
    }
    List<Row> rows = journeys.select(columns).collectAsList();
    assertThat(rows).isNotEmpty();
    for (Row row : rows) {
      Map<Position, Long> actual = new HashMap<>();
      for (int i = 0; i < positions.length; i++) {
        Long at = row.isNullAt(1 + 2 * i) ? null : ((Number) row.get(1 + 2 * i)).longValue();
        actual.put(positions[i], at);
        Integer own = row.isNullAt(0) ? null : row.getInt(0);
        boolean holds = own != null && at != null && own.longValue() == at;
        assertThat(row.getBoolean(2 + 2 * i))
            .as("%s flag of the touch at position %s", positions[i], own)
            .isEqualTo(holds);
      }
      Map<Position, Long> wanted = new HashMap<>();
      for (int i = 0; i < positions.length; i++) {
        wanted.put(positions[i], expected[i]);
      }
      assertThat(actual).as("positions on row %s", row).isEqualTo(wanted);
    }
  }
}
