package io.revattr.jobs.run;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.common.config.ConfigLoader;
import io.revattr.common.config.RevattrConfig;
import io.revattr.common.journey.Journeys;
import io.revattr.common.journey.People;
import io.revattr.common.model.Credits;
import io.revattr.common.model.ModelCatalog;
import io.revattr.common.schema.InputConformance;
import io.revattr.common.schema.InputTable;
import io.revattr.common.validate.ValidatedWarehouse;
import io.revattr.common.validate.WarehouseValidation;
import io.revattr.jobs.generate.SampleWarehouse;
import io.revattr.testsupport.SharedSpark;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The models' invariants on a generated warehouse of 300 accounts, checked with Spark aggregations
 * that share nothing with the model code: under every model each opportunity's credits are {@code
 * >= 0} and add up to 1, and the revenue (pipeline) credit of each model adds up to the won (every)
 * opportunity's amount, as summed straight from the opportunities table.
 */
class ModelInvariantsTest {
  private static final double EPSILON = 1e-9;
  private static final String CUSTOM =
      "revattr.models.custom = [ { name = sales_heavy, "
          + "shares { FT = 0.1, OC = 0.5, LT = 0.3, middle = 0.1 } } ]\n"
          + "revattr.models.middle_touch_types = [form_fill, webinar]";

  private static Dataset<Row> opportunities;
  private static Dataset<Row> roles;
  private static Dataset<Row> touches;
  private static Instant asOfEnd;

  @BeforeAll
  static void generate() {
    Map<InputTable, Dataset<Row>> conformed = new EnumMap<>(InputTable.class);
    new SampleWarehouse(SharedSpark.spark(), 300, 30, 11)
        .tables()
        .forEach(
            (name, frame) ->
                conformed.put(
                    InputTable.byName(name),
                    InputConformance.conform(InputTable.byName(name), frame, Map.of())));
    asOfEnd =
        LocalDate.parse(SampleWarehouse.LATEST_AS_OF)
            .plusDays(1)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant()
            .minusNanos(1_000);
    RevattrConfig defaults = ConfigLoader.defaults();
    // Cached: the generated tables are lazy, and each mapping's journeys read them again.
    ValidatedWarehouse warehouse =
        WarehouseValidation.validate(conformed, asOfEnd, defaults.input());
    opportunities = warehouse.table(InputTable.OPPORTUNITIES).cache();
    roles = warehouse.table(InputTable.OPPORTUNITY_CONTACT_ROLES).cache();
    touches =
        People.resolveTouches(
                warehouse.table(InputTable.TOUCHPOINTS),
                warehouse.table(InputTable.LEADS),
                warehouse.table(InputTable.CONTACTS),
                warehouse.table(InputTable.IDENTITIES),
                defaults.journey().leadCreationGrace())
            .cache();
  }

  @Test
  void accountMappingCreditsAddUp() {
    assertInvariants("account");
  }

  @Test
  void contactRolesMappingCreditsAddUp() {
    assertInvariants("contact_roles");
  }

  private static void assertInvariants(String mapping) {
    List<String> all = new ArrayList<>(ModelCatalog.builtInNames());
    all.add("sales_heavy");
    RevattrConfig config =
        ConfigLoader.load(
            CUSTOM, "test", Map.of("models.enabled", all, "journey.mapping", mapping));
    Dataset<Row> journeys =
        Journeys.build(touches, opportunities, roles, config.journey(), asOfEnd);
    Dataset<Row> credits = Credits.allocate(journeys, ModelCatalog.select(config.models())).cache();

    Row amounts =
        opportunities
            .agg(
                count(lit(1)),
                sum(when(col("stage").equalTo("won"), col("amount")).otherwise(0.0)),
                sum(col("amount")))
            .first();
    long opportunityCount = amounts.getLong(0);
    assertThat(opportunityCount).as("opportunities").isGreaterThan(100);

    Dataset<Row> perOpportunity =
        credits
            .groupBy("model", "opportunity_id")
            .agg(sum("credit").as("total"), min("credit").as("lowest"));
    // One row per model: a few dozen values at most, so collecting them is fine.
    List<Row> perModel =
        perOpportunity
            .groupBy("model")
            .agg(
                count(lit(1)).as("opportunities"),
                max(abs(col("total").minus(1.0))).as("worst_total_error"),
                min("lowest").as("lowest_credit"))
            .join(
                credits
                    .groupBy("model")
                    .agg(
                        sum("revenue_credit").as("revenue"),
                        sum("pipeline_credit").as("pipeline"),
                        countDistinct("opportunity_id").as("distinct_opportunities")),
                "model")
            .collectAsList();

    assertThat(perModel)
        .extracting(r -> r.<String>getAs("model"))
        .containsExactlyInAnyOrderElementsOf(all);
    double wonAmount = amounts.getDouble(1);
    double totalAmount = amounts.getDouble(2);
    for (Row r : perModel) {
      String model = r.getAs("model");
      assertThat(r.<Long>getAs("opportunities")).as(model).isEqualTo(opportunityCount);
      assertThat(r.<Double>getAs("worst_total_error")).as(model).isLessThanOrEqualTo(EPSILON);
      assertThat(r.<Double>getAs("lowest_credit")).as(model).isGreaterThanOrEqualTo(0.0);
      assertThat(r.<Double>getAs("revenue")).as(model).isCloseTo(wonAmount, within(wonAmount));
      assertThat(r.<Double>getAs("pipeline")).as(model).isCloseTo(totalAmount, within(totalAmount));
    }
    credits.unpersist();
  }

  /** A tolerance relative to the magnitude summed: float sums over thousands of rows. */
  private static org.assertj.core.data.Offset<Double> within(double magnitude) {
    return org.assertj.core.data.Offset.offset(Math.max(1e-6, magnitude * 1e-12));
  }
}
