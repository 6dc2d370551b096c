package io.revattr.common.report;

import io.revattr.common.model.ScoredJourneys;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The tables analysts read (DESIGN.md section 5), as one ordered map from table name to rows, built
 * from the journeys, the credits and the spend of one run. Pure: nothing is read or written.
 */
public final class AnalystTables {
  public static final String ATTRIBUTION_SUMMARY = "attribution_summary";
  public static final String MODEL_COMPARISON = "model_comparison";
  public static final String OPPORTUNITY_VELOCITY = "opportunity_velocity";
  public static final String VELOCITY_BY_CHANNEL = "velocity_by_channel";
  public static final String PIPELINE_FORECAST = "pipeline_forecast";

  /** Every table name, in the order {@link #build} returns them. */
  public static final List<String> NAMES =
      List.of(
          ATTRIBUTION_SUMMARY,
          MODEL_COMPARISON,
          OPPORTUNITY_VELOCITY,
          VELOCITY_BY_CHANNEL,
          PIPELINE_FORECAST);

  private AnalystTables() {}

  /**
   * Builds every analyst table.
   *
   * @param journeys the output of {@link io.revattr.common.journey.Journeys#build}
   * @param credits rows of {@code attribution_credits}
   * @param scored the journeys scored by the run's models (in report order), which the credits are
   *     unpivoted from
   * @param spend validated spend rows (possibly empty)
   * @param asOf the run's as-of date
   * @param currency the reporting currency
   * @param keep applied to the two tables others are built from (attribution_summary,
   *     opportunity_velocity) and to the credits' reductions that the summary and the forecast
   *     read, so that the caller can store them and compute each once
   */
  public static Map<String, Dataset<Row>> build(
      Dataset<Row> journeys,
      Dataset<Row> credits,
      ScoredJourneys scored,
      Dataset<Row> spend,
      LocalDate asOf,
      ReportingCurrency currency,
      UnaryOperator<Dataset<Row>> keep) {
    Dataset<Row> opportunities = ReportFacts.opportunities(journeys);
    List<String> models = scored.models();
    CreditReductions reductions = CreditReductions.of(credits, scored, currency, keep);
    Dataset<Row> summary = keep.apply(AttributionSummary.of(reductions, spend, asOf));
    Dataset<Row> velocity = keep.apply(OpportunityVelocity.perOpportunity(journeys, currency));
    Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
    tables.put(ATTRIBUTION_SUMMARY, summary);
    tables.put(MODEL_COMPARISON, ModelComparison.of(summary, models));
    tables.put(OPPORTUNITY_VELOCITY, velocity);
    tables.put(VELOCITY_BY_CHANNEL, OpportunityVelocity.byFirstTouchChannel(velocity));
    tables.put(PIPELINE_FORECAST, PipelineForecast.of(reductions, opportunities));
    return tables;
  }
}
