package io.revattr.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revattr.common.config.RevattrConfig.Mapping;
import io.revattr.common.datadriven.MarkovModel;
import io.revattr.common.error.ErrorKind;
import io.revattr.common.error.RevattrException;
import io.revattr.common.model.ModelCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The journey and model keys of the config: defaults, precedence and pinned error messages. */
class ConfigLoaderTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    RevattrConfig config = ConfigLoader.defaults();
    assertThat(config.journey().mapping()).isEqualTo(Mapping.ACCOUNT);
    assertThat(config.journey().lookbackDays()).isEqualTo(OptionalInt.empty());
    assertThat(config.journey().leadCreationGrace()).isEqualTo(Duration.ofMinutes(10));
    // Every rule-based model; the data-driven ones are opt-in.
    assertThat(config.models().enabled())
        .containsExactly(
            "first_touch",
            "last_touch",
            "lead_creation",
            "u_shaped",
            "w_shaped",
            "full_path",
            "position_based",
            "j_shaped",
            "inverse_j",
            "linear",
            "time_decay",
            "last_non_direct");
    assertThat(config.models().middleTouchTypes()).isEmpty();
    assertThat(config.models().directChannels()).isEqualTo(Set.of("direct"));
    assertThat(config.models().timeDecayHalfLife()).isEqualTo(Duration.ofDays(7));
    assertThat(config.models().custom()).isEmpty();
  }

  @Test
  void fileValuesOverrideDefaultsAndCommandLineOverridesBeatTheFile() {
    String file =
        "revattr { journey { mapping = contact_roles, lookback_days = 10 }\n"
            + "  models { enabled = [linear], middle_touch_types = [form_fill] } }";
    RevattrConfig fromFile = ConfigLoader.load(file, "my.conf", Map.of());
    assertThat(fromFile.journey().mapping()).isEqualTo(Mapping.CONTACT_ROLES);
    assertThat(fromFile.journey().lookbackDays()).isEqualTo(OptionalInt.of(10));
    assertThat(fromFile.models().enabled()).containsExactly("linear");

    RevattrConfig overridden =
        ConfigLoader.load(
            file,
            "my.conf",
            Map.of(
                "journey.mapping",
                "primary_contact",
                "journey.lookback_days",
                30,
                "models.enabled",
                List.of("first_touch", "u_shaped")));
    assertThat(overridden.journey().mapping()).isEqualTo(Mapping.PRIMARY_CONTACT);
    assertThat(overridden.journey().lookbackDays()).isEqualTo(OptionalInt.of(30));
    assertThat(overridden.models().enabled()).containsExactly("first_touch", "u_shaped");
    assertThat(overridden.models().middleTouchTypes()).containsExactly("form_fill");
  }

  @Test
  void unknownKeyIsRejectedByName() {
    assertThatThrownBy(() -> load("revattr.journey.lookbak_days = 30"))
        .isInstanceOf(RevattrException.class)
        .hasMessageStartingWith(
            "Config key 'revattr.journey.lookbak_days' is not known."
                + " Did you mean 'revattr.journey.lookback_days'? Known keys: [");
    assertThatThrownBy(() -> load("revattr.models.customs = []"))
        .hasMessageStartingWith(
            "Config key 'revattr.models.customs' is not known."
                + " Did you mean 'revattr.models.custom'?");
    assertThatThrownBy(() -> load("revattr.models.time_decay.halflife = 3 days"))
        .hasMessageStartingWith(
            "Config key 'revattr.models.time_decay.halflife' is not known."
                + " Did you mean 'revattr.models.time_decay.half_life'?");
    // An open map's entry is compared by the map's name: its keys are the warehouse's values.
    assertThatThrownBy(() -> load("revattr.input.stage_maping { \"Closed Won\" = won }"))
        .hasMessageStartingWith(
            "Config key 'revattr.input.stage_maping.\"Closed Won\"' is not known."
                + " Did you mean 'revattr.input.stage_mapping'?");
    // Nothing near: no suggestion.
    assertThatThrownBy(() -> load("revattr.colour = blue"))
        .hasMessageStartingWith("Config key 'revattr.colour' is not known. Known keys: [");
  }

  @Test
  void badJourneyValuesNameKeyValueAndWhatIsAllowed() {
    assertBad(
        "revattr.journey.mapping = everyone",
        "Config key 'journey.mapping' has the bad value 'everyone'; "
            + "allowed: account, contact_roles, primary_contact.");
    assertBad(
        "revattr.journey.lookback_days = -1",
        "Config key 'journey.lookback_days' has the bad value -1; "
            + "allowed: a whole number of days from 0 to 36500, or null (no limit).");
    // Meant as "no limit", a lookback this long would overflow the journey window's arithmetic.
    assertBad(
        "revattr.journey.lookback_days = 1000000000",
        "Config key 'journey.lookback_days' has the bad value 1000000000; "
            + "allowed: a whole number of days from 0 to 36500, or null (no limit).");
    assertBad(
        "revattr.journey.lookback_days = 36501",
        "Config key 'journey.lookback_days' has the bad value 36501; "
            + "allowed: a whole number of days from 0 to 36500, or null (no limit).");
    assertBad(
        "revattr.journey.lookback_days = 1.5",
        "Config key 'journey.lookback_days' has the bad value 1.5; "
            + "allowed: a whole number of days from 0 to 36500, or null (no limit).");
    assertBad(
        "revattr.journey.lookback_days = thirty",
        "Config key 'journey.lookback_days' has the bad value 'thirty'; "
            + "allowed: a whole number of days from 0 to 36500, or null (no limit).");
    assertBad(
        "revattr.journey.lead_creation_grace = \"ten minutes\"",
        "Config key 'journey.lead_creation_grace' has the bad value 'ten minutes'; "
            + "allowed: a duration >= 0 such as '10 minutes' or '7 days'.");
  }

  @Test
  void badModelValuesNameKeyValueAndWhatIsAllowed() {
    assertBad(
        "revattr.models.time_decay.half_life = 0 days",
        "Config key 'models.time_decay.half_life' has the bad value '0 days'; "
            + "allowed: a duration > 0 such as '10 minutes' or '7 days'.");
    assertThatThrownBy(() -> load("revattr.models.enabled = [first_touch, markov_chain]"))
        .hasMessageStartingWith(
            "Config key 'models.enabled' has the bad value 'markov_chain'; allowed: model names [")
        .hasMessageContaining("last_non_direct");
    assertThatThrownBy(() -> load("revattr.models.enabled = first_touch"))
        .hasMessageStartingWith(
            "Config key 'models.enabled' has the bad value 'first_touch'; "
                + "allowed: a list of model names");
    assertThatThrownBy(() -> load("revattr.models.enabled = []"))
        .hasMessageStartingWith(
            "Config key 'models.enabled' has the bad value '[]'; allowed: at least one of [");
    assertBad(
        "revattr.models.direct_channels = direct",
        "Config key 'models.direct_channels' has the bad value 'direct'; "
            + "allowed: a list of channels, or [].");
    assertBad(
        "revattr.models.middle_touch_types = form_fill",
        "Config key 'models.middle_touch_types' has the bad value 'form_fill'; "
            + "allowed: a list of touch types, [] for every type.");
  }

  @Test
  void theLeadCreationGraceAndTheMarkovOrderAreTheConfigsAndTheMarkovModelUsesIt() {
    RevattrConfig config =
        load(
            "revattr { journey.lead_creation_grace = 1 hour\n"
                + "  models { enabled = [markov], markov.order = 3 } }");
    assertThat(config.journey().leadCreationGrace()).isEqualTo(Duration.ofHours(1));
    assertThat(config.models().markovOrder()).isEqualTo(3);
    assertThat(ModelCatalog.select(config.models()))
        .singleElement()
        .isInstanceOfSatisfying(MarkovModel.class, m -> assertThat(m.order()).isEqualTo(3));
    for (int order : new int[] {0, 5}) {
      assertBad(
          "revattr.models.markov.order = " + order,
          "Config key 'models.markov.order' has the bad value "
              + order
              + "; allowed: 1, 2, 3 or 4.");
    }
  }

  @Test
  void aWrongTypeElsewhereStillNamesTheKey() {
    assertBad(
        "revattr.models.bootstrap.samples = many",
        "Config key 'models.bootstrap.samples' has the bad value 'many'; "
            + "allowed: a value of type number.");
  }

  @Test
  void teamsAreMarketingOrSalesInAnyLetterCase() {
    RevattrConfig config =
        load(
            "revattr.input { default_team = \" Sales\", team_by_touch_type { webinar = MARKETING }"
                + " }");
    assertThat(config.input().defaultTeam()).isEqualTo("sales");
    assertThat(config.input().teamByTouchType()).containsEntry("webinar", "marketing");
    assertBad(
        "revattr.input.default_team = partners",
        "Config key 'input.default_team' has the bad value 'partners'; "
            + "allowed: marketing or sales.");
    assertBad(
        "revattr.input.team_by_touch_type.partner_call = partners",
        "Config key 'input.team_by_touch_type.partner_call' has the bad value 'partners'; "
            + "allowed: marketing or sales.");
  }

  @Test
  void theReportingCurrencysOwnRateIsOneWhenTheConfigIsRead() {
    assertBad(
        "revattr.reporting { currency = USD, rates { USD = 2 } }",
        "Config key 'reporting.rates.USD' has the bad value 2.0; "
            + "allowed: 1 (it is the reporting currency) or no entry.");
  }

  @Test
  void aSubstitutionOfAnUnsetVariableIsAConfigErrorAndAnOptionalOneKeepsTheDefault() {
    assertThatThrownBy(() -> load("revattr.journey.lookback_days = ${REVATTR_UNSET_IN_TESTS}"))
        .isInstanceOfSatisfying(
            RevattrException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.USAGE))
        .hasMessageStartingWith("Config file test.conf has a substitution with no value: ")
        .hasMessageContaining("${REVATTR_UNSET_IN_TESTS}")
        .hasMessageEndingWith(
            "Export the environment variable before the run, or write ${?NAME} where it may be"
                + " unset (the key then keeps its default).");
    assertThat(
            load("revattr.journey.lookback_days = ${?REVATTR_UNSET_IN_TESTS}")
                .journey()
                .lookbackDays())
        .isEqualTo(OptionalInt.empty());
  }

  @Test
  void aCycleOfSubstitutionsIsAConfigErrorThatSaysSo() {
    assertThatThrownBy(
            () ->
                load(
                    "revattr.input.stage_mapping.a = ${revattr.input.stage_mapping.b}\n"
                        + "revattr.input.stage_mapping.b = ${revattr.input.stage_mapping.a}"))
        .isInstanceOfSatisfying(
            RevattrException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.USAGE))
        .hasMessageContaining("cycle")
        .hasMessageEndingWith("Break the cycle: a key cannot be defined by itself.");
  }

  private static RevattrConfig load(String text) {
    return ConfigLoader.load(text, "test.conf", Map.of());
  }

  private static void assertBad(String text, String message) {
    assertThatThrownBy(() -> load(text))
        .isInstanceOfSatisfying(
            RevattrException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.USAGE))
        .hasMessage(message);
  }
}
