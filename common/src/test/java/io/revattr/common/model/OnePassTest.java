package io.revattr.common.model;

import static io.revattr.testsupport.PhysicalPlans.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.common.config.ConfigLoader;
import io.revattr.testsupport.PhysicalPlans;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.plans.physical.HashPartitioning;
import org.apache.spark.sql.execution.SortExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.exchange.ShuffleExchangeExec;
import org.apache.spark.sql.execution.window.WindowExec;
import org.junit.jupiter.api.Test;

/**
 * "One pass": every selected model is computed over one shuffle and one sort of the journeys, in
 * the physical plan Spark executes, instead of one per model.
 */
class OnePassTest {
  private static final String SALES_HEAVY =
      "revattr.models.custom = [ { name = sales_heavy, shares { FT = 0.5, OC = 0.5 } } ]";

  @Test
  void allModelsShareOneExchangeAndOneSortOfTheJourneys() {
    Dataset<Row> journeys = ModelFixtures.sevenTouches("won");
    List<String> all = new ArrayList<>(ModelCatalog.builtInNames());
    all.add("sales_heavy");
    List<AttributionModel> models =
        ModelCatalog.select(
            ConfigLoader.load(SALES_HEAVY, "test", Map.of("models.enabled", all)).models());
    assertThat(models).hasSize(ModelCatalog.builtInNames().size() + 1);

    SparkPlan journeysPlan = PhysicalPlans.of(journeys);
    SparkPlan allPlan = PhysicalPlans.of(Credits.allocate(journeys, models));

    Predicate<SparkPlan> journeyExchange =
        p ->
            p instanceof ShuffleExchangeExec e
                && e.outputPartitioning() instanceof HashPartitioning h
                && h.expressions().mkString().startsWith("opportunity_id#");
    Predicate<SparkPlan> journeySort =
        p ->
            p instanceof SortExec s
                && s.sortOrder().head().child().toString().startsWith("opportunity_id#");
    assertThat(count(allPlan, journeyExchange)).isEqualTo(1);
    assertThat(count(allPlan, journeySort)).isEqualTo(1);
    // The models add no exchange at all to the journeys' own plan.
    assertThat(count(allPlan, p -> p instanceof ShuffleExchangeExec))
        .isEqualTo(count(journeysPlan, p -> p instanceof ShuffleExchangeExec));
    // The journeys themselves take two window passes over their rows (the row numbers with every
    // total that needs no position, then the lead creation's position), after the one over the
    // touches that finds each person's lead-creation touch.
    assertThat(count(journeysPlan, p -> p instanceof WindowExec)).isEqualTo(3);
    // The position-based models read their milestones' positions from the journey rows and add
    // no window aggregate; time_decay's sum and last_non_direct's latest position share one
    // Window operator.
    int modelWindows =
        count(allPlan, p -> p instanceof WindowExec)
            - count(journeysPlan, p -> p instanceof WindowExec);
    assertThat(modelWindows).isEqualTo(1);
    SparkPlan positionPlan =
        PhysicalPlans.of(
            Credits.allocate(
                journeys, models.stream().filter(m -> m instanceof PositionModel).toList()));
    assertThat(count(positionPlan, p -> p instanceof WindowExec))
        .isEqualTo(count(journeysPlan, p -> p instanceof WindowExec));
  }
}
