package io.revattr.common.config;

import io.revattr.common.error.ConfigErrors;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The job's typed configuration: built and validated by {@link ConfigLoader} before the
 * SparkSession starts. Every key is documented, with its default, in {@code conf/revattr.conf}.
 *
 * @param journey how journeys are built
 * @param models which models run and their parameters
 * @param input how the warehouse's own values map onto the contract
 * @param reporting the reporting currency and its rates
 * @param json the effective configuration as JSON, recorded in the runs table
 */
public record RevattrConfig(
    JourneyConfig journey,
    ModelsConfig models,
    InputConfig input,
    ReportingConfig reporting,
    String json) {

  /** The journey mapping: which touches count for an opportunity. */
  public enum Mapping {
    ACCOUNT,
    CONTACT_ROLES,
    PRIMARY_CONTACT;

    /** The name used in the config file and on the command line. */
    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * @param mapping which touches count for an opportunity
   * @param lookbackDays when present, touches more than this many days before creation do not count
   * @param leadCreationGrace grace after a person's creation for their lead-creation touch
   */
  public record JourneyConfig(
      Mapping mapping, OptionalInt lookbackDays, Duration leadCreationGrace) {}

  /**
   * @param enabled model names, in the order they are reported
   * @param middleTouchTypes touch types that may take a middle share; empty means all
   * @param directChannels channels that last_non_direct passes over
   * @param timeDecayHalfLife half-life of time_decay
   * @param custom custom position models
   * @param markovOrder order of the Markov chain, 1 to 4
   * @param bootstrap bootstrap settings of the data-driven intervals
   */
  public record ModelsConfig(
      List<String> enabled,
      Set<String> middleTouchTypes,
      Set<String> directChannels,
      Duration timeDecayHalfLife,
      List<CustomModel> custom,
      int markovOrder,
      Bootstrap bootstrap) {}

  /**
   * A custom position model.
   *
   * @param name the model's name, unique among all models
   * @param shares share per position name (FT, LC, OC, CW, LT, middle), adding up to 1
   */
  public record CustomModel(String name, Map<String, Double> shares) {}

  /**
   * @param samples bootstrap resamples; 0 disables intervals
   * @param seed seed of the resampling
   * @param confidence confidence level of the intervals, in (0, 1)
   */
  public record Bootstrap(int samples, long seed, double confidence) {}

  /**
   * @param stageMapping warehouse stage value to open/won/lost
   * @param teamByTouchType team of a touch with no team, by touch type
   * @param defaultTeam team of a touch with no team whose touch type has no entry
   * @param columnMapping per table, warehouse column name to canonical column name
   */
  public record InputConfig(
      Map<String, String> stageMapping,
      Map<String, String> teamByTouchType,
      String defaultTeam,
      Map<String, Map<String, String>> columnMapping) {

    /** This config with another column mapping (the renaming a read applied, say). */
    public InputConfig withColumnMapping(Map<String, Map<String, String>> mapping) {
      return new InputConfig(stageMapping, teamByTouchType, defaultTeam, mapping);
    }
  }

  /**
   * @param currency the reporting currency, if amounts are converted
   * @param rates value of one unit of each currency in the reporting currency
   * @throws io.revattr.common.error.RevattrException when the reporting currency's own rate is not
   *     1: a config error, found when the config is read, before the run reads or writes anything
   */
  public record ReportingConfig(Optional<String> currency, Map<String, Double> rates) {
    public ReportingConfig {
      if (currency.isPresent()) {
        Double own = rates.get(currency.get());
        if (own != null && own != 1.0) {
          throw ConfigErrors.badValue(
              "reporting.rates." + currency.get(),
              own,
              "1 (it is the reporting currency) or no entry");
        }
      }
    }
  }
}
