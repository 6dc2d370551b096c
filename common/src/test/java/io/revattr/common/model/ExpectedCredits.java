package io.revattr.common.model;

import static org.apache.spark.sql.functions.col;

import io.revattr.common.config.ConfigLoader;
import io.revattr.testsupport.DataFrameAssert;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The credits a test expects for opportunity {@code o1}, model by model: every row of {@code
 * attribution_credits} (model, touch_id, channel, credit) and nothing else, so a touch a model must
 * not credit is simply not listed.
 */
final class ExpectedCredits {
  private final List<List<Object>> rows = new ArrayList<>();
  private final Set<String> models = new LinkedHashSet<>();

  /** Expects the model to credit the given touches: pairs of touch id and credit. */
  ExpectedCredits model(String model, Object... touchCredits) {
    models.add(model);
    for (int i = 0; i < touchCredits.length; i += 2) {
      rows.add(List.of(model, touchCredits[i], ((Number) touchCredits[i + 1]).doubleValue()));
    }
    return this;
  }

  /** Expects the opportunity to be {@code (unattributed)} with credit 1 under the model. */
  ExpectedCredits unattributed(String model) {
    models.add(model);
    List<Object> row = new ArrayList<>();
    row.add(model);
    row.add(null);
    row.add(1.0);
    rows.add(row);
    return this;
  }

  /** Allocates with the default config's version of each expected model and compares. */
  void assertMatches(Dataset<Row> journeys) {
    assertMatches(journeys, null);
  }

  /**
   * Allocates with the expected models as configured by the given config file text (HOCON, null for
   * the defaults) and compares.
   */
  void assertMatches(Dataset<Row> journeys, String configText) {
    List<AttributionModel> selected =
        ModelCatalog.select(
            ConfigLoader.load(
                    configText, "test config", Map.of("models.enabled", List.copyOf(models)))
                .models());
    Dataset<Row> actual =
        Credits.allocate(journeys, selected).select(col("model"), col("touch_id"), col("credit"));
    DataFrameAssert.assertRows(actual, rows);
  }
}
