package io.revattr.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import io.revattr.common.config.RevattrConfig.Bootstrap;
import io.revattr.common.config.RevattrConfig.CustomModel;
import io.revattr.common.config.RevattrConfig.InputConfig;
import io.revattr.common.config.RevattrConfig.JourneyConfig;
import io.revattr.common.config.RevattrConfig.Mapping;
import io.revattr.common.config.RevattrConfig.ModelsConfig;
import io.revattr.common.config.RevattrConfig.ReportingConfig;
import io.revattr.common.error.ConfigErrors;
import io.revattr.common.error.Errors;
import io.revattr.common.model.ModelCatalog;
import io.revattr.common.schema.InputTable;
import io.revattr.common.schema.Stages;
import io.revattr.common.schema.Teams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds the one typed {@link RevattrConfig} from the shipped defaults ({@code conf/revattr.conf},
 * inside the jar as {@value #DEFAULTS_RESOURCE}), an optional user file and command-line overrides,
 * in that order of precedence from lowest to highest. Unknown keys and bad values are errors that
 * name the key, the value and what is allowed.
 */
public final class ConfigLoader {
  /** Classpath resource holding the defaults. */
  public static final String DEFAULTS_RESOURCE = "revattr.conf";

  private static final String ROOT = "revattr";

  /**
   * The longest lookback: a century, more than any CRM's history. The journey window compares
   * microseconds, which a lookback of some hundred million days would overflow; null is no limit.
   */
  public static final int MAX_LOOKBACK_DAYS = 36_500;

  private static final Pattern TYPE_ERROR =
      Pattern.compile("([A-Za-z0-9_.\\[\\]-]+) has type ([A-Z]+) rather than ([A-Z ]+)");

  /** Keys whose values are maps with keys of the user's choosing. */
  private static final Set<String> OPEN_MAPS =
      Set.of(
          "revattr.input.stage_mapping",
          "revattr.input.team_by_touch_type",
          "revattr.input.column_mapping",
          "revattr.reporting.rates");

  private ConfigLoader() {}

  /** The defaults alone. */
  public static RevattrConfig defaults() {
    return load(null, "defaults", Map.of());
  }

  /**
   * Loads and validates the configuration.
   *
   * @param userText the user's HOCON file content, or null for none
   * @param origin where the user's text came from, for error messages
   * @param overrides dotted keys below {@code revattr.} (e.g. {@code journey.mapping}) with values
   *     from the command line
   */
  public static RevattrConfig load(String userText, String origin, Map<String, Object> overrides) {
    Config defaults = ConfigFactory.parseResources(ConfigLoader.class, "/" + DEFAULTS_RESOURCE);
    if (defaults.isEmpty()) {
      throw Errors.failure(
          "The shipped defaults " + DEFAULTS_RESOURCE + " are not on the classpath", null);
    }
    Config user = ConfigFactory.empty();
    if (userText != null) {
      try {
        user =
            ConfigFactory.parseString(
                userText,
                ConfigParseOptions.defaults()
                    .setSyntax(ConfigSyntax.CONF)
                    .setOriginDescription(origin));
      } catch (ConfigException e) {
        throw ConfigErrors.unreadableFile(origin, e.getMessage(), e);
      }
    }
    Config cli = ConfigFactory.empty();
    for (Map.Entry<String, Object> o : overrides.entrySet()) {
      cli = cli.withValue(ROOT + "." + o.getKey(), ConfigValueFactory.fromAnyRef(o.getValue()));
    }
    Config given = cli.withFallback(user);
    rejectUnknownKeys(given, defaults);
    Config merged;
    try {
      merged = given.withFallback(defaults).resolve();
    } catch (ConfigException.UnresolvedSubstitution e) {
      throw ConfigErrors.unresolvedSubstitution(origin, e.getMessage(), e);
    }
    try {
      return build(
          merged.getConfig(ROOT), merged.root().get(ROOT).render(ConfigRenderOptions.concise()));
    } catch (ConfigException.WrongType | ConfigException.BadValue e) {
      throw wrongType(merged.getConfig(ROOT), e);
    }
  }

  private static void rejectUnknownKeys(Config given, Config defaults) {
    Set<String> known = new TreeSet<>();
    for (Map.Entry<String, ConfigValue> e : defaults.entrySet()) {
      known.add(e.getKey());
    }
    addNullableAndOpenKeys(known);
    for (Map.Entry<String, ConfigValue> e : given.entrySet()) {
      String key = e.getKey();
      boolean inOpenMap = OPEN_MAPS.stream().anyMatch(m -> key.startsWith(m + "."));
      boolean isCustomModel =
          key.equals(ROOT + ".models.custom") || key.startsWith(ROOT + ".models.custom.");
      if (!known.contains(key) && !inOpenMap && !isCustomModel) {
        List<String> maps = new ArrayList<>(OPEN_MAPS);
        maps.add(ROOT + ".models.custom");
        throw ConfigErrors.unknownKey(key, KeySuggestion.closest(key, known, maps), known);
      }
    }
  }

  private static void addNullableAndOpenKeys(Set<String> known) {
    for (String path : List.of("journey.lookback_days", "reporting.currency")) {
      known.add(ROOT + "." + path);
    }
    known.add(ROOT + ".models.custom");
    known.add(ROOT + ".models.middle_touch_types");
    known.addAll(OPEN_MAPS);
  }

  private static RevattrConfig build(Config c, String json) {
    JourneyConfig journey =
        new JourneyConfig(
            parseMapping(ConfigValues.string(c, "journey.mapping", mappingNames())),
            ConfigValues.nullableWholeNumber(
                c,
                "journey.lookback_days",
                0,
                MAX_LOOKBACK_DAYS,
                "a whole number of days from 0 to " + MAX_LOOKBACK_DAYS + ", or null (no limit)"),
            ConfigValues.duration(c, "journey.lead_creation_grace", true));

    List<CustomModel> custom = CustomModels.parse(c);
    Set<String> allNames = new LinkedHashSet<>(ModelCatalog.builtInNames());
    custom.forEach(m -> allNames.add(m.name()));
    List<String> enabled =
        ConfigValues.strings(c, "models.enabled", "a list of model names from " + allNames);
    for (String name : enabled) {
      if (!allNames.contains(name)) {
        throw ConfigErrors.badValue("models.enabled", name, "model names " + allNames);
      }
    }
    if (enabled.isEmpty()) {
      throw ConfigErrors.badValue("models.enabled", "[]", "at least one of " + allNames);
    }
    int order = c.getInt("models.markov.order");
    if (order < 1 || order > 4) {
      throw ConfigErrors.badValue("models.markov.order", order, "1, 2, 3 or 4");
    }
    Bootstrap bootstrap = bootstrap(c);
    ModelsConfig models =
        new ModelsConfig(
            List.copyOf(new LinkedHashSet<>(enabled)),
            Set.copyOf(
                ConfigValues.strings(
                    c, "models.middle_touch_types", "a list of touch types, [] for every type")),
            Set.copyOf(
                ConfigValues.strings(c, "models.direct_channels", "a list of channels, or []")),
            ConfigValues.duration(c, "models.time_decay.half_life", false),
            custom,
            order,
            bootstrap);

    InputConfig input =
        new InputConfig(
            stageMapping(c),
            teamByTouchType(c),
            team(c.getString("input.default_team"), "input.default_team"),
            columnMapping(c.getConfig("input.column_mapping")));
    Map<String, Double> rates = new LinkedHashMap<>();
    Config rateConfig = c.getConfig("reporting.rates");
    for (String currency : new TreeSet<>(rateConfig.root().keySet())) {
      double rate = rateConfig.getDouble(quoted(currency));
      if (!(rate > 0)) {
        throw ConfigErrors.badValue("reporting.rates." + currency, rate, "a rate > 0");
      }
      rates.put(currency, rate);
    }
    Optional<String> currency =
        c.getIsNull("reporting.currency")
            ? Optional.empty()
            : Optional.of(c.getString("reporting.currency"));
    return new RevattrConfig(journey, models, input, new ReportingConfig(currency, rates), json);
  }

  private static Mapping parseMapping(String value) {
    return Arrays.stream(Mapping.values())
        .filter(m -> m.configName().equals(value))
        .findFirst()
        .orElseThrow(() -> ConfigErrors.badValue("journey.mapping", value, mappingNames()));
  }

  private static String mappingNames() {
    return Arrays.stream(Mapping.values())
        .map(Mapping::configName)
        .collect(Collectors.joining(", "));
  }

  /**
   * The config library's type error for a key read without {@link ConfigValues}, turned into one
   * that names the key (the library's message has it as "PATH has type X rather than Y").
   */
  private static RuntimeException wrongType(Config c, ConfigException e) {
    Matcher m = TYPE_ERROR.matcher(String.valueOf(e.getMessage()));
    if (m.find() && c.hasPathOrNull(m.group(1))) {
      return ConfigValues.bad(
          c, m.group(1), "a value of type " + m.group(3).toLowerCase(Locale.ROOT));
    }
    return ConfigErrors.badValue("?", e.getMessage(), "see conf/revattr.conf for each key's type");
  }

  private static Bootstrap bootstrap(Config c) {
    int samples = c.getInt("models.bootstrap.samples");
    if (samples < 0 || samples > 10_000) {
      throw ConfigErrors.badValue("models.bootstrap.samples", samples, "0 (off) to 10000");
    }
    double confidence = c.getDouble("models.bootstrap.confidence");
    if (!(confidence > 0 && confidence < 1)) {
      throw ConfigErrors.badValue(
          "models.bootstrap.confidence", confidence, "a number strictly between 0 and 1");
    }
    return new Bootstrap(samples, c.getLong("models.bootstrap.seed"), confidence);
  }

  private static Map<String, String> stageMapping(Config c) {
    Map<String, String> mapping = stringMap(c.getConfig("input.stage_mapping"));
    mapping.replaceAll(
        (stage, target) ->
            oneOf(target, target, "input.stage_mapping." + stage, Stages.ALL, "open, won or lost"));
    return mapping;
  }

  private static Map<String, String> teamByTouchType(Config c) {
    Map<String, String> mapping = stringMap(c.getConfig("input.team_by_touch_type"));
    mapping.replaceAll((touchType, team) -> team(team, "input.team_by_touch_type." + touchType));
    return mapping;
  }

  /** A team name of the config, in lower case; anything but marketing or sales is an error. */
  private static String team(String value, String key) {
    return oneOf(value.trim(), value, key, Teams.ALL, "marketing or sales");
  }

  /**
   * {@code name} in lower case when that is one of {@code allowed}; else a config error showing
   * {@code value}, the value as written.
   */
  private static String oneOf(
      String name, String value, String key, List<String> allowed, String allowedText) {
    String lowerCase = name.toLowerCase(Locale.ROOT);
    if (!allowed.contains(lowerCase)) {
      throw ConfigErrors.badValue(key, value, allowedText);
    }
    return lowerCase;
  }

  private static Map<String, Map<String, String>> columnMapping(Config c) {
    Map<String, Map<String, String>> result = new LinkedHashMap<>();
    for (String table : new TreeSet<>(c.root().keySet())) {
      if (!InputTable.names().contains(table)) {
        throw ConfigErrors.badValue(
            "input.column_mapping." + table, table, "input tables " + InputTable.names());
      }
      result.put(table, stringMap(c.getConfig(quoted(table))));
    }
    return result;
  }

  private static Map<String, String> stringMap(Config c) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String key : new TreeSet<>(c.root().keySet())) {
      ConfigValue value = c.root().get(key);
      result.put(key, String.valueOf(value.unwrapped()));
    }
    return result;
  }

  private static String quoted(String key) {
    return ConfigUtil.joinPath(key);
  }
}
