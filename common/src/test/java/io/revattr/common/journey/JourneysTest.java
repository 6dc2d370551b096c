package io.revattr.common.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.testsupport.WarehouseFixture;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class JourneysTest {
  @Test
  void ordersTouchesAndMarksMilestones() {
    Dataset<Row> journeys =
        new WarehouseFixture()
            .contact("c1", "a1", "2024-01-10T00:00:00Z")
            .contactTouch("t1", "2024-01-05T00:00:00Z", "c1", "paid_search")
            .contactTouch("t2", "2024-01-10T00:05:00Z", "c1", "webinar")
            .contactTouch("t3", "2024-02-01T00:00:00Z", "c1", "email")
            .opportunity("o1", "a1", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z", "won", 100)
            .journeys();
    List<Row> rows = journeys.orderBy("position").collectAsList();
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).<String>getAs("touch_id")).isEqualTo("t1");
  }
}
