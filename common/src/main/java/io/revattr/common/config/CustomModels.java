package io.revattr.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.revattr.common.config.RevattrConfig.CustomModel;
import io.revattr.common.error.Errors;
import io.revattr.common.model.ModelCatalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Parses and validates the custom position models of {@code models.custom}. */
final class CustomModels {
  /** Position names a custom model may give shares to. */
  static final List<String> POSITIONS = List.of("FT", "LC", "OC", "CW", "LT", "middle");

  private static final double SUM_TOLERANCE = 1e-9;

  private CustomModels() {}

  static List<CustomModel> parse(List<? extends Config> entries) {
    List<CustomModel> models = new ArrayList<>();
    Set<String> names = new HashSet<>(ModelCatalog.builtInNames());
    for (int i = 0; i < entries.size(); i++) {
      Config entry = entries.get(i);
      String where = "models.custom[" + i + "]";
      for (String key : entry.root().keySet()) {
        if (!key.equals("name") && !key.equals("shares")) {
          throw Errors.badConfig(where + "." + key, key, "the keys name and shares");
        }
      }
      if (!entry.hasPath("name") || !entry.hasPath("shares")) {
        throw Errors.badConfig(where, entry.root().unwrapped(), "an object with a name and shares");
      }
      String name = entry.getString("name");
      if (!name.matches("[a-z][a-z0-9_]*")) {
        throw Errors.badConfig(where + ".name", name, "a lower-case name of letters, digits and _");
      }
      if (!names.add(name)) {
        throw Errors.badConfig(
            where + ".name", name, "a name no other model has (built-in or custom)");
      }
      Config shareConfig = entry.getConfig("shares");
      Map<String, Double> shares = new LinkedHashMap<>();
      double sum = 0;
      for (String position : new TreeSet<>(shareConfig.root().keySet())) {
        if (!POSITIONS.contains(position)) {
          throw Errors.badConfig(
              "models.custom." + name + ".shares." + position, position, "positions " + POSITIONS);
        }
        double share;
        try {
          share = shareConfig.getDouble(position);
        } catch (ConfigException.WrongType e) {
          throw Errors.badConfig(
              "models.custom." + name + ".shares." + position,
              shareConfig.getValue(position).unwrapped(),
              "a number between 0 and 1");
        }
        if (share < 0 || share > 1) {
          throw Errors.badConfig(
              "models.custom." + name + ".shares." + position, share, "a number between 0 and 1");
        }
        shares.put(position, share);
        sum += share;
      }
      if (Math.abs(sum - 1.0) > SUM_TOLERANCE) {
        throw Errors.badConfig(
            "models.custom." + name + ".shares",
            shares,
            "shares that add up to 1 (they add up to " + sum + ")");
      }
      models.add(new CustomModel(name, Map.copyOf(shares)));
    }
    return List.copyOf(models);
  }
}
