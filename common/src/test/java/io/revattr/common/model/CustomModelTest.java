package io.revattr.common.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.revattr.common.config.ConfigLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A custom position model declared in the config file is credited by the same rules. */
class CustomModelTest {
  private static final String SALES_HEAVY =
      "revattr.models.custom = [ { name = sales_heavy, "
          + "shares { FT = 0.1, OC = 0.5, LT = 0.3, middle = 0.1 } } ]";

  @Test
  void customSharesOverTheSevenTouchJourney() {
    // Positions FT t1, OC t5, LT t7; middle = t2, t3, t4, t6 (t3 is LC, not one of the model's
    // positions): .1 / 4 = .025 each.
    new ExpectedCredits()
        .model(
            "sales_heavy",
            "t1",
            0.1,
            "t2",
            0.025,
            "t3",
            0.025,
            "t4",
            0.025,
            "t5",
            0.5,
            "t6",
            0.025,
            "t7",
            0.3)
        .assertMatches(ModelFixtures.sevenTouches("won"), SALES_HEAVY);
  }

  @Test
  void customModelRedistributesAMissingPosition() {
    // No OC: its .5 goes to FT (t1) and LT (t3), .25 each; middle = {t2}.
    // t1 = .1 + .25, t2 = .1, t3 = .3 + .25.
    new ExpectedCredits()
        .model("sales_heavy", "t1", 0.35, "t2", 0.1, "t3", 0.55)
        .assertMatches(ModelFixtures.noOpportunityCreation(), SALES_HEAVY);
  }

  @Test
  void zeroShareStillBoundsTheMiddle() {
    // FT = .5, LT = 0, middle = .5 on t1 FT, t2 (OC, not one of the model's positions), t3 LT. LT
    // is present with share 0 and is still a position: the span is t1..t3, middle = {t2}.
    // t1 = .5, t2 = .5 / 1 = .5, t3 = 0 + 0 (no missing share, no unplaced middle) = 0, a credit
    // of 0, which is not written. Were LT not a position, the span would be t1..t1 and t1 would
    // take 1.
    new ExpectedCredits()
        .model("zero_last", "t1", 0.5, "t2", 0.5)
        .assertMatches(
            ModelFixtures.noLeadCreation(),
            "revattr.models.custom = [ { name = zero_last, "
                + "shares { FT = 0.5, LT = 0, middle = 0.5 } } ]");
  }

  @Test
  void zeroShareStillTakesRedistributedParts() {
    // FT = .4, LC = .2, LT = 0, middle = .4 on t1 FT, t2 (OC), t3 LT; no LC. LC's .2 goes in equal
    // parts to the present positions FT and LT, .1 each; middle = {t2}.
    // t1 = .4 + .1 = .5, t2 = .4, t3 = 0 + .1 = .1 (sum 1). Were LT not a position, t1 would
    // take .4 + .2 + .4 (no middle in the span t1..t1) = 1.
    new ExpectedCredits()
        .model("zero_last", "t1", 0.5, "t2", 0.4, "t3", 0.1)
        .assertMatches(
            ModelFixtures.noLeadCreation(),
            "revattr.models.custom = [ { name = zero_last, "
                + "shares { FT = 0.4, LC = 0.2, LT = 0, middle = 0.4 } } ]");
  }

  @Test
  void sharesWithinTheToleranceOfOneAreScaledToAddUpToOne() {
    // Thirds written to nine places add up to 0.999999999, which the config accepts (within 1e-9
    // of 1). Scaled by that total: FT t1 and LT t7 a third each, the middle t2..t6 a fifteenth
    // each, adding up to 1 where the shares as written would give 0.999999999.
    String thirds =
        "revattr.models.custom = [ { name = thirds, "
            + "shares { FT = 0.333333333, LT = 0.333333333, middle = 0.333333333 } } ]";
    List<AttributionModel> models =
        ModelCatalog.select(
            ConfigLoader.load(thirds, "test config", Map.of("models.enabled", List.of("thirds")))
                .models());
    double total =
        Credits.allocate(ModelFixtures.sevenTouches("won"), models)
            .agg(sum(col("credit")))
            .first()
            .getDouble(0);
    assertThat(total).isCloseTo(1.0, within(1e-12));
    new ExpectedCredits()
        .model(
            "thirds", "t1", 1.0 / 3, "t2", 1.0 / 15, "t3", 1.0 / 15, "t4", 1.0 / 15, "t5", 1.0 / 15,
            "t6", 1.0 / 15, "t7", 1.0 / 3)
        .assertMatches(ModelFixtures.sevenTouches("won"), thirds);
  }
}
