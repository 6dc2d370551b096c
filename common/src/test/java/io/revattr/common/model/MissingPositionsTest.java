package io.revattr.common.model;

import org.junit.jupiter.api.Test;

/**
 * The built-in position models where positions coincide, are missing or tie on occurred_at,
 * credited by hand from DESIGN.md section 4: a touch holding several positions gets the sum of
 * their shares; a missing position's share, and the middle share when there is no middle touch, go
 * in equal parts to the present positions (positions, not touches).
 */
class MissingPositionsTest {
  @Test
  void touchHoldingFirstTouchAndLeadCreationGetsTwoParts() {
    // t1 FT + LC, t2 OC, t3 CW + LT.
    new ExpectedCredits()
        .model("first_touch", "t1", 1.0)
        .model("lead_creation", "t1", 1.0)
        .model("last_touch", "t3", 1.0)
        // span t1..t1: no middle; .2 / 2 positions, both on t1
        .model("u_shaped", "t1", 1.0)
        // span t1..t2 holds no other touch: .1 / 3 positions; t1 = .3 + .3 + 2 x .1/3 = 2/3,
        // t2 = .3 + .1/3 = 1/3 (split by touches it would be .65 / .35)
        .model("w_shaped", "t1", 2.0 / 3, "t2", 1.0 / 3)
        // t2 holds OC, so no middle: .1 / 4 = .025 per position; t1 = 2 x .25, t2 .25, t3 .25
        .model("full_path", "t1", 0.5, "t2", 0.25, "t3", 0.25)
        // middle = {t2}
        .model("position_based", "t1", 0.4, "t2", 0.2, "t3", 0.4)
        .model("j_shaped", "t1", 0.2, "t2", 0.2, "t3", 0.6)
        .model("inverse_j", "t1", 0.6, "t2", 0.2, "t3", 0.2)
        .assertMatches(ModelFixtures.firstTouchIsLeadCreation());
  }

  @Test
  void missingLeadCreationShareGoesToPresentPositions() {
    // t1 FT, t2 OC, t3 CW + LT; no LC.
    new ExpectedCredits()
        // lead_creation has no position present
        .unattributed("lead_creation")
        .model("first_touch", "t1", 1.0)
        // LC .4 to FT, the only present position; span t1..t1: middle .2 to FT too
        .model("u_shaped", "t1", 1.0)
        // LC .3 / 2 = .15 to FT and OC; span t1..t2 empty: .1 / 2 = .05 each; t1 = t2 = .5
        .model("w_shaped", "t1", 0.5, "t2", 0.5)
        // LC .225 / 3 = .075; t2 holds OC so no middle: .1 / 3; each = .225 + .075 + .1/3 = 1/3
        .model("full_path", "t1", 1.0 / 3, "t2", 1.0 / 3, "t3", 1.0 / 3)
        // middle = {t2}
        .model("position_based", "t1", 0.4, "t2", 0.2, "t3", 0.4)
        .model("j_shaped", "t1", 0.2, "t2", 0.2, "t3", 0.6)
        .model("inverse_j", "t1", 0.6, "t2", 0.2, "t3", 0.2)
        .model("last_touch", "t3", 1.0)
        .assertMatches(ModelFixtures.noLeadCreation());
  }

  @Test
  void missingOpportunityCreationShareGoesToPresentPositions() {
    // t1 FT + LC, t3 CW + LT; every touch after the opportunity's creation: no OC.
    new ExpectedCredits()
        .model("lead_creation", "t1", 1.0)
        .model("u_shaped", "t1", 1.0)
        // OC .3 / 2 positions (FT, LC) = .15 each; no middle (span t1..t1): .1 / 2 = .05 each;
        // t1 = 2 x (.3 + .15 + .05) = 1
        .model("w_shaped", "t1", 1.0)
        // OC .225 / 3 = .075 to FT, LC, CW; middle = {t2} .1; t1 = 2 x .3, t3 = .3
        .model("full_path", "t1", 0.6, "t2", 0.1, "t3", 0.3)
        // models without OC are unaffected: middle = {t2}
        .model("position_based", "t1", 0.4, "t2", 0.2, "t3", 0.4)
        .model("j_shaped", "t1", 0.2, "t2", 0.2, "t3", 0.6)
        .model("inverse_j", "t1", 0.6, "t2", 0.2, "t3", 0.2)
        .model("first_touch", "t1", 1.0)
        .model("last_touch", "t3", 1.0)
        .assertMatches(ModelFixtures.noOpportunityCreation());
  }

  @Test
  void tiesOnOccurredAtAreOrderedByTouchId() {
    // Journey order ta, tb (same instant), tc, td (same instant): ta FT, tb LC + OC, td CW + LT.
    new ExpectedCredits()
        .model("first_touch", "ta", 1.0)
        .model("lead_creation", "tb", 1.0)
        .model("last_touch", "td", 1.0)
        // span ta..tb: no middle, .2 / 2
        .model("u_shaped", "ta", 0.5, "tb", 0.5)
        // no middle: .1 / 3; ta = .3 + .1/3 = 1/3, tb = .6 + 2 x .1/3 = 2/3
        .model("w_shaped", "ta", 1.0 / 3, "tb", 2.0 / 3)
        // middle = {tc}
        .model("full_path", "ta", 0.225, "tb", 0.45, "tc", 0.1, "td", 0.225)
        // middle = {tb, tc}, .2 / 2
        .model("position_based", "ta", 0.4, "tb", 0.1, "tc", 0.1, "td", 0.4)
        .model("j_shaped", "ta", 0.2, "tb", 0.1, "tc", 0.1, "td", 0.6)
        .model("inverse_j", "ta", 0.6, "tb", 0.1, "tc", 0.1, "td", 0.2)
        .assertMatches(ModelFixtures.ties());
  }

  @Test
  void noTouchIsUnattributedUnderEveryModel() {
    ExpectedCredits expected = new ExpectedCredits();
    for (String model : ModelCatalog.builtInNames()) {
      expected.unattributed(model);
    }
    expected.assertMatches(ModelFixtures.noTouch());
  }
}
