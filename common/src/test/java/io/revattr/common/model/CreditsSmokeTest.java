package io.revattr.common.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.common.config.ConfigLoader;
import io.revattr.testsupport.WarehouseFixture;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class CreditsSmokeTest {
  @Test
  void allModelsRun() {
    Dataset<Row> journeys =
        new WarehouseFixture()
            .contact("c1", "a1", "2024-01-10T00:00:00Z")
            .contactTouch("t1", "2024-01-05T00:00:00Z", "c1", "paid_search")
            .contactTouch("t2", "2024-01-10T00:05:00Z", "c1", "webinar")
            .contactTouch("t3", "2024-02-01T00:00:00Z", "c1", "email")
            .opportunity("o1", "a1", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z", "won", 100)
            .journeys();
    Dataset<Row> credits =
        Credits.allocate(journeys, ModelCatalog.select(ConfigLoader.defaults().models()));
    credits.show(100, false);
    assertThat(credits.count()).isGreaterThan(0);
  }
}
