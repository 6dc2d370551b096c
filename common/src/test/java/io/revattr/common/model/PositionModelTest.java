package io.revattr.common.model;

import org.junit.jupiter.api.Test;

/**
 * The built-in position models on journeys where the positions are present, credited by hand from
 * DESIGN.md section 4. Each comment gives the positions and the arithmetic.
 */
class PositionModelTest {
  /**
   * full_path on seven touches holding FT t1, LC t3, OC t5, CW and LT t7: span t1..t7, middle =
   * {t2, t4, t6}, .1 / 3 each; t1, t3, t5, t7 .225 each (4 x .225 + 3 x .1/3 = 1).
   */
  private static final Object[] FULL_PATH_OF_SEVEN_TOUCHES = {
    "t1", 0.225, "t2", 0.1 / 3, "t3", 0.225, "t4", 0.1 / 3, "t5", 0.225, "t6", 0.1 / 3, "t7", 0.225
  };

  @Test
  void oneTouchTakesEverything() {
    // t1 holds every position and there is no middle: every share, the middle's included, is t1's.
    ExpectedCredits expected = new ExpectedCredits();
    for (String model : ModelCatalog.builtInNames()) {
      expected.model(model, "t1", 1.0);
    }
    expected.assertMatches(ModelFixtures.oneTouch());
  }

  @Test
  void twoTouchesSplitTheMiddleShareAmongPositions() {
    // t1 = FT, LC, OC; t2 = CW, LT. No touch lies strictly between two positions: no middle, so the
    // middle share goes in equal parts to the model's present positions.
    new ExpectedCredits()
        .model("first_touch", "t1", 1.0)
        .model("last_touch", "t2", 1.0)
        .model("lead_creation", "t1", 1.0)
        // FT .4 + LC .4 + middle .2 / 2 positions: t1 = .4 + .1 + .4 + .1
        .model("u_shaped", "t1", 1.0)
        // FT, LC, OC .3 each + .1 / 3: all on t1
        .model("w_shaped", "t1", 1.0)
        // .225 + .1 / 4 = .25 per position: t1 holds three, t2 one (CW)
        .model("full_path", "t1", 0.75, "t2", 0.25)
        // FT .4 + .2 / 2; LT .4 + .2 / 2
        .model("position_based", "t1", 0.5, "t2", 0.5)
        // FT .2 + .1; LT .6 + .1
        .model("j_shaped", "t1", 0.3, "t2", 0.7)
        // FT .6 + .1; LT .2 + .1
        .model("inverse_j", "t1", 0.7, "t2", 0.3)
        .assertMatches(ModelFixtures.twoTouches());
  }

  @Test
  void everyPositionPresentWithMiddleTouches() {
    // t1 FT, t3 LC, t5 OC, t7 CW and LT; 7 touches.
    new ExpectedCredits()
        .model("first_touch", "t1", 1.0)
        .model("last_touch", "t7", 1.0)
        .model("lead_creation", "t3", 1.0)
        // span t1..t3: middle = {t2}
        .model("u_shaped", "t1", 0.4, "t2", 0.2, "t3", 0.4)
        // span t1..t5: middle = {t2, t4}, .1 / 2 each; t6 and t7 lie after the last position
        .model("w_shaped", "t1", 0.3, "t2", 0.05, "t3", 0.3, "t4", 0.05, "t5", 0.3)
        .model("full_path", FULL_PATH_OF_SEVEN_TOUCHES)
        // span t1..t7 with only FT and LT as positions: middle = t2..t6, .2 / 5 = .04 each
        .model(
            "position_based",
            "t1",
            0.4,
            "t2",
            .04,
            "t3",
            .04,
            "t4",
            .04,
            "t5",
            .04,
            "t6",
            .04,
            "t7",
            0.4)
        .model(
            "j_shaped", "t1", 0.2, "t2", .04, "t3", .04, "t4", .04, "t5", .04, "t6", .04, "t7", 0.6)
        .model(
            "inverse_j",
            "t1",
            0.6,
            "t2",
            .04,
            "t3",
            .04,
            "t4",
            .04,
            "t5",
            .04,
            "t6",
            .04,
            "t7",
            0.2)
        .assertMatches(ModelFixtures.sevenTouches("won"));
  }

  @Test
  void lostOpportunityKeepsItsClosePosition() {
    // DESIGN.md: CW is the latest journey touch for a won or lost opportunity, so the lost seven
    // touches hold the same positions as the won ones, and full_path gives the same credits.
    new ExpectedCredits()
        .model("full_path", FULL_PATH_OF_SEVEN_TOUCHES)
        .assertMatches(ModelFixtures.sevenTouches("lost"));
  }

  @Test
  void leadCreationAfterOpportunityCreationStillBoundsOneSpan() {
    // t1 FT, t2 OC, t3, t4 LC (c2 created after the opportunity), t5 CW and LT. The middle is one
    // span from the earliest to the latest present position in journey order, whatever the
    // milestones' order.
    new ExpectedCredits()
        // w_shaped: FT t1, OC t2, LC t4; span t1..t4, middle = {t3}: t1, t2, t4 .3 each, t3 .1;
        // t5 lies after the last position: 0, not written
        .model("w_shaped", "t1", 0.3, "t2", 0.3, "t3", 0.1, "t4", 0.3)
        // u_shaped: FT t1, LC t4; middle = {t2, t3}, .2 / 2 each
        .model("u_shaped", "t1", 0.4, "t2", 0.1, "t3", 0.1, "t4", 0.4)
        // full_path: FT t1, OC t2, LC t4, CW t5; span t1..t5, middle = {t3}
        .model("full_path", "t1", 0.225, "t2", 0.225, "t3", 0.1, "t4", 0.225, "t5", 0.225)
        .assertMatches(ModelFixtures.leadCreationAfterOpportunityCreation());
  }

  @Test
  void openOpportunityHasNoClosePosition() {
    // The same seven touches on an open opportunity: no CW. full_path's CW share .225 goes to FT,
    // LC and OC (.075 each, so .3 each), and its middle now ends at OC (t5): {t2, t4}, .05 each.
    // Models without CW are unchanged (LT is still t7).
    new ExpectedCredits()
        .model("full_path", "t1", 0.3, "t2", 0.05, "t3", 0.3, "t4", 0.05, "t5", 0.3)
        .model("first_touch", "t1", 1.0)
        .model("lead_creation", "t3", 1.0)
        .model("u_shaped", "t1", 0.4, "t2", 0.2, "t3", 0.4)
        .model("j_shaped", "t1", 0.2, "t2", .04, "t3", .04, "t4", .04, "t5", .04, "t6", .04)
        .model("j_shaped", "t7", 0.6)
        .model("inverse_j", "t1", 0.6, "t2", .04, "t3", .04, "t4", .04, "t5", .04, "t6", .04)
        .model("inverse_j", "t7", 0.2)
        .model("w_shaped", "t1", 0.3, "t2", 0.05, "t3", 0.3, "t4", 0.05, "t5", 0.3)
        .model("last_touch", "t7", 1.0)
        .model(
            "position_based",
            "t1",
            0.4,
            "t2",
            .04,
            "t3",
            .04,
            "t4",
            .04,
            "t5",
            .04,
            "t6",
            .04,
            "t7",
            0.4)
        .assertMatches(ModelFixtures.sevenTouches("open"));
  }
}
