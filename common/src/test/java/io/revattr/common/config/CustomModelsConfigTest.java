package io.revattr.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revattr.common.config.RevattrConfig.CustomModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Custom position models in the config file: parsed, or an error naming the model. */
class CustomModelsConfigTest {
  @Test
  void customModelIsParsedAndCanBeEnabled() {
    RevattrConfig config =
        load(
            "revattr.models { enabled = [sales_heavy, linear]\n"
                + "  custom = [ { name = sales_heavy, "
                + "shares { FT = 0.1, OC = 0.5, LT = 0.3, middle = 0.1 } } ] }");
    assertThat(config.models().custom())
        .containsExactly(
            new CustomModel("sales_heavy", Map.of("FT", 0.1, "OC", 0.5, "LT", 0.3, "middle", 0.1)));
    assertThat(config.models().enabled()).containsExactly("sales_heavy", "linear");
  }

  @Test
  void sharesMustAddUpToOne() {
    assertThatThrownBy(() -> custom("{ name = m1, shares { FT = 0.5, LT = 0.4 } }"))
        .hasMessageStartingWith("Config key 'models.custom.m1.shares' has the bad value ")
        .hasMessageContaining("allowed: shares that add up to 1 (they add up to 0.9");
  }

  @Test
  void unknownPositionIsNamed() {
    assertThatThrownBy(() -> custom("{ name = m1, shares { FT = 0.5, XT = 0.5 } }"))
        .hasMessage(
            "Config key 'models.custom.m1.shares.XT' has the bad value 'XT'; "
                + "allowed: positions [FT, LC, OC, CW, LT, middle].");
  }

  @Test
  void duplicateNamesAreRejected() {
    assertThatThrownBy(
            () -> custom("{ name = m1, shares { FT = 1 } }, { name = m1, shares { LT = 1 } }"))
        .hasMessage(
            "Config key 'models.custom[1].name' has the bad value 'm1'; "
                + "allowed: a name that no other model has (built-in or custom).");
    assertThatThrownBy(() -> custom("{ name = linear, shares { FT = 1 } }"))
        .hasMessageStartingWith("Config key 'models.custom[0].name' has the bad value 'linear';");
  }

  @Test
  void aNameWhoseComparisonColumnsAreTakenIsRejected() {
    // model_comparison has revenue_spread and rank_spread of its own.
    assertThatThrownBy(() -> custom("{ name = spread, shares { FT = 0.5, LT = 0.5 } }"))
        .hasMessageStartingWith("Config key 'models.custom[0].name' has the bad value 'spread';")
        .hasMessageContaining("revenue_spread");
    custom("{ name = spread_2, shares { FT = 0.5, LT = 0.5 } }");
  }

  @Test
  void otherMistakesNameTheModel() {
    assertThatThrownBy(() -> custom("{ name = m1, shares { FT = -0.5, LT = 1.5 } }"))
        .hasMessage(
            "Config key 'models.custom.m1.shares.FT' has the bad value -0.5; "
                + "allowed: a number between 0 and 1.");
    assertThatThrownBy(() -> custom("{ name = m1, shares { middle = 1 } }"))
        .hasMessageStartingWith("Config key 'models.custom.m1.shares' has the bad value ")
        .hasMessageContaining("allowed: shares for at least one of FT, LC, OC, CW and LT");
    assertThatThrownBy(() -> custom("{ name = m1, weight = 2, shares { FT = 1 } }"))
        .hasMessage(
            "Config key 'models.custom.m1.weight' has the bad value 'weight'; "
                + "allowed: the keys name and shares.");
    assertThatThrownBy(() -> custom("{ name = M-1, shares { FT = 1 } }"))
        .hasMessage(
            "Config key 'models.custom[0].name' has the bad value 'M-1'; "
                + "allowed: a lower-case name of letters, digits and _.");
  }

  private static RevattrConfig custom(String models) {
    return load("revattr.models.custom = [ " + models + " ]");
  }

  private static RevattrConfig load(String text) {
    return ConfigLoader.load(text, "test.conf", Map.of());
  }
}
