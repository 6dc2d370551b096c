package io.revattr.common.schema;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;

/** The config's value mappings (stages, teams) as Column expressions. */
public final class ValueMappings {
  private ValueMappings() {}

  /**
   * The stage after the config's stage mapping: the mapped value on an exact match, else the stage
   * as it is. Whether the result is open, won or lost is for validation to check.
   */
  public static Column mappedStage(Map<String, String> stageMapping) {
    return lookup(col("stage"), stageMapping, col("stage"));
  }

  /**
   * The touch's team: its own when present ({@link Teams#normalized}), else by touch type, else the
   * default team.
   */
  public static Column derivedTeam(Map<String, String> teamByTouchType, String defaultTeam) {
    Column byType = lookup(col("touch_type"), teamByTouchType, lit(defaultTeam));
    Column own = Teams.normalized(col("team"));
    return when(own.isNull(), byType).otherwise(own);
  }

  private static Column lookup(Column key, Map<String, String> mapping, Column fallback) {
    if (mapping.isEmpty()) {
      return fallback;
    }
    Column result = null;
    for (Map.Entry<String, String> e : new TreeMap<>(mapping).entrySet()) {
      Column condition = key.equalTo(e.getKey());
      result =
          result == null ? when(condition, e.getValue()) : result.when(condition, e.getValue());
    }
    return result.otherwise(fallback);
  }
}
