package io.revattr.common.schema;

import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;

/** The teams a touch can belong to (DESIGN.md section 2): marketing and sales. */
public final class Teams {
  /** Touches marketing earns: ads, web visits, form fills, content, events, webinars. */
  public static final String MARKETING = "marketing";

  /** Touches sales earns: calls, e-mails, meetings, demos. */
  public static final String SALES = "sales";

  /** Every team. */
  public static final List<String> ALL = List.of(MARKETING, SALES);

  private Teams() {}

  /**
   * A warehouse's team value as a team name, letter case and surrounding spaces aside ({@code
   * "Sales"} is sales); whether the result is a team is for validation to check.
   */
  public static Column normalized(Column team) {
    // Most warehouses hold the names as they are: those need no new string.
    return when(team.isin(MARKETING, SALES), team).otherwise(lower(trim(team)));
  }
}
