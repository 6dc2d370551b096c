package io.revattr.common.model;

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
}
