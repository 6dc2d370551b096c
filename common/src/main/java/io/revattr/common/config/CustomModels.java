package io.revattr.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import io.revattr.common.config.RevattrConfig.CustomModel;
import io.revattr.common.error.ConfigErrors;
import io.revattr.common.model.ModelCatalog;
import io.revattr.common.report.ModelComparison;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses and validates the custom position models of {@code models.custom}: each a lower-case name
 * that no other model has and shares over FT, LC, OC, CW, LT and middle, each between 0 and 1,
 * adding up to 1, with at least one position besides the middle. Errors name the model.
 */
final class CustomModels {
  /** Position names a custom model may give shares to. */
  static final List<String> POSITIONS = List.of("FT", "LC", "OC", "CW", "LT", "middle");

  private static final String KEY = "models.custom";
  private static final double SUM_TOLERANCE = 1e-9;

  private CustomModels() {}

  /** The custom models of the config (below {@code revattr}). */
  static List<CustomModel> parse(Config c) {
    List<? extends Config> entries;
    try {
      entries = c.getConfigList(KEY);
    } catch (ConfigException.WrongType e) {
      throw ConfigValues.bad(
          c,
          KEY,
          "a list of models such as [ { name = my_model, shares { FT = 0.5, LT = 0.5 } } ]");
    }
    List<CustomModel> models = new ArrayList<>();
    Set<String> names = new HashSet<>(ModelCatalog.builtInNames());
    for (int i = 0; i < entries.size(); i++) {
      CustomModel model = parseOne(entries.get(i), KEY + "[" + i + "]");
      if (!names.add(model.name())) {
        throw ConfigErrors.badValue(
            KEY + "[" + i + "].name",
            model.name(),
            "a name that no other model has (built-in or custom)");
      }
      models.add(model);
    }
    return List.copyOf(models);
  }

  private static CustomModel parseOne(Config entry, String where) {
    if (!entry.hasPath("name") || !entry.hasPath("shares")) {
      throw ConfigErrors.badValue(
          where,
          entry.root().render(ConfigRenderOptions.concise()),
          "an object with a name and shares, e.g. { name = m, shares { FT = 1 } }");
    }
    String name = ConfigValues.string(entry, "name", "a lower-case name of letters, digits and _");
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw ConfigErrors.badValue(
          where + ".name", name, "a lower-case name of letters, digits and _");
    }
    if (ModelComparison.clashesWithAggregates(name)) {
      throw ConfigErrors.badValue(
          where + ".name",
          name,
          "a name whose columns revenue_<name> and rank_<name> are not among model_comparison's"
              + " own "
              + ModelComparison.AGGREGATES);
    }
    String model = KEY + "." + name;
    for (String key : entry.root().keySet()) {
      if (!key.equals("name") && !key.equals("shares")) {
        throw ConfigErrors.badValue(model + "." + key, key, "the keys name and shares");
      }
    }
    Config shareConfig;
    try {
      shareConfig = entry.getConfig("shares");
    } catch (ConfigException.WrongType e) {
      throw ConfigValues.bad(entry, "shares", "an object of shares such as { FT = 0.5, LT = 0.5 }");
    }
    Map<String, Double> shares = new LinkedHashMap<>();
    double sum = 0;
    for (String position : new TreeSet<>(shareConfig.root().keySet())) {
      String key = model + ".shares." + position;
      if (!POSITIONS.contains(position)) {
        throw ConfigErrors.badValue(key, position, "positions " + POSITIONS);
      }
      double share;
      try {
        share = shareConfig.getDouble(position);
      } catch (ConfigException.WrongType e) {
        throw ConfigErrors.badValue(
            key, shareConfig.getValue(position).unwrapped(), "a number between 0 and 1");
      }
      if (!(share >= 0 && share <= 1)) {
        throw ConfigErrors.badValue(key, share, "a number between 0 and 1");
      }
      shares.put(position, share);
      sum += share;
    }
    if (shares.keySet().stream().allMatch(p -> p.equals("middle"))) {
      throw ConfigErrors.badValue(
          model + ".shares",
          shareConfig.root().render(ConfigRenderOptions.concise()),
          "shares for at least one of FT, LC, OC, CW and LT (the middle lies between them)");
    }
    if (Math.abs(sum - 1.0) > SUM_TOLERANCE) {
      throw ConfigErrors.badValue(
          model + ".shares", shares, "shares that add up to 1 (they add up to " + sum + ")");
    }
    return new CustomModel(name, Map.copyOf(shares));
  }
}
