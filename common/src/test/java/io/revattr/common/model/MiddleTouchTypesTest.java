package io.revattr.common.model;

import org.junit.jupiter.api.Test;

/**
 * {@code models.middle_touch_types = [form_fill]}: only form fills strictly inside a position
 * model's span take its middle share; with none there, the middle share goes to the present
 * positions. On the seven-touch journey t3 and t4 are the form fills (t3 is also LC).
 */
class MiddleTouchTypesTest {
  private static final String FORM_FILLS_ONLY = "revattr.models.middle_touch_types = [form_fill]";

  @Test
  void onlyFormFillsTakeTheMiddleShare() {
    new ExpectedCredits()
        // span t1..t3 holds only t2, a webinar: no middle, .2 / 2 to FT and LC
        .model("u_shaped", "t1", 0.5, "t3", 0.5)
        // span t1..t5: t2 is not a form fill, t4 is: t4 = .1
        .model("w_shaped", "t1", 0.3, "t3", 0.3, "t4", 0.1, "t5", 0.3)
        // span t1..t7: t4 is the only form fill without a position
        .model("full_path", "t1", 0.225, "t3", 0.225, "t4", 0.1, "t5", 0.225, "t7", 0.225)
        // FT and LT only: t3 holds none of the model's positions, so t3 and t4 share .2
        .model("position_based", "t1", 0.4, "t3", 0.1, "t4", 0.1, "t7", 0.4)
        .model("j_shaped", "t1", 0.2, "t3", 0.1, "t4", 0.1, "t7", 0.6)
        .model("inverse_j", "t1", 0.6, "t3", 0.1, "t4", 0.1, "t7", 0.2)
        // single-position and non-position models ignore the setting
        .model("first_touch", "t1", 1.0)
        .model("last_touch", "t7", 1.0)
        .model("lead_creation", "t3", 1.0)
        .model("last_non_direct", "t6", 1.0)
        .model(
            "linear", "t1", 1.0 / 7, "t2", 1.0 / 7, "t3", 1.0 / 7, "t4", 1.0 / 7, "t5", 1.0 / 7,
            "t6", 1.0 / 7, "t7", 1.0 / 7)
        .assertMatches(ModelFixtures.sevenTouches("won"), FORM_FILLS_ONLY);
  }
}
