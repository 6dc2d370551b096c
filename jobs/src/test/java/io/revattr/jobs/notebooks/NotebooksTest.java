package io.revattr.jobs.notebooks;

import static io.revattr.jobs.notebooks.ExecutedNotebooks.CHOSEN_MODEL;
import static io.revattr.jobs.notebooks.ExecutedNotebooks.REPORTING;
import static io.revattr.jobs.notebooks.ExecutedNotebooks.committed;
import static io.revattr.jobs.notebooks.ExecutedNotebooks.credits;
import static io.revattr.jobs.notebooks.ExecutedNotebooks.executed;
import static io.revattr.jobs.notebooks.ExecutedNotebooks.inReportingCurrency;
import static io.revattr.jobs.notebooks.NotebookFigures.assertClose;
import static io.revattr.jobs.notebooks.NotebookFigures.assertCloseOrNull;
import static io.revattr.jobs.notebooks.NotebookFigures.cellText;
import static io.revattr.jobs.notebooks.NotebookFigures.json;
import static io.revattr.jobs.notebooks.NotebookFigures.names;
import static io.revattr.jobs.notebooks.NotebookFigures.size;
import static io.revattr.jobs.notebooks.NotebookFigures.strings;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Every notebook runs headless ({@code bin/notebooks run}) on the job's output and saves its
 * charts, and the key figures the notebooks compute equal the same figures computed by Spark from
 * the Delta tables.
 */
class NotebooksTest {
  private static final String UNATTRIBUTED = "(unattributed)";

  /** How many campaigns notebook 01 shows. */
  private static final int TOP_CAMPAIGNS = 12;

  @Test
  void everyNotebookRunsHeadlessAndSavesItsChartsBesideItsExecutedCopy() {
    Path dir = executed();
    List<String> notebooks = names(PythonEnvironment.NOTEBOOKS, "\\d\\d_.*\\.ipynb");
    assertThat(notebooks)
        .contains(
            "01_model_comparison.ipynb",
            "02_journey.ipynb",
            "03_data_driven.ipynb",
            "04_money.ipynb",
            "05_trends.ipynb");
    for (String notebook : notebooks) {
      assertThat(dir.resolve(notebook)).as("executed copy of %s", notebook).isRegularFile();
      String prefix = notebook.substring(0, 3);
      List<String> charts = names(dir, prefix.replace("_", "\\_") + ".*\\.png");
      assertThat(charts).as("charts of %s", notebook).isNotEmpty();
      for (String chart : charts) {
        assertThat(size(dir.resolve(chart))).as(chart).isGreaterThan(10_000);
      }
    }
  }

  @Test
  void modelComparisonFiguresEqualSparksSums() {
    JsonNode figures = json(executed().resolve("01_model_comparison_figures.json"));
    Dataset<Row> credits = inReportingCurrency(credits(figures.get("as_of").asText()));
    assertThat(figures.get("currency").asText()).isEqualTo(REPORTING.currency().orElseThrow());
    assertThat(credits.select("currency").distinct().count())
        .as("deal currencies: the amounts shown are converted")
        .isGreaterThan(1);

    List<Row> sums =
        credits
            .groupBy("model", "channel")
            .agg(sum("revenue_credit").as("revenue"), sum("pipeline_credit").as("pipeline"))
            .collectAsList(); // models x channels: small
    assertThat(sums).isNotEmpty();
    for (Row r : sums) {
      String model = r.getString(0);
      String channel = r.getString(1);
      assertClose(figures.at("/revenue/" + model + "/" + channel), r.getDouble(2), model, channel);
      assertClose(figures.at("/pipeline/" + model + "/" + channel), r.getDouble(3), model, channel);
    }
    assertThat(figures.get("revenue").size()).isEqualTo(credits.select("model").distinct().count());

    Dataset<Row> byTeam =
        credits
            .withColumn("team", coalesce(col("team"), lit("(unattributed)")))
            .groupBy("model", "team")
            .agg(sum("revenue_credit").as("revenue"));
    Map<String, Double> modelTotals = new HashMap<>();
    for (Row r : credits.groupBy("model").agg(sum("revenue_credit")).collectAsList()) {
      modelTotals.put(r.getString(0), r.getDouble(1));
    }
    for (Row r : byTeam.collectAsList()) {
      double share = r.getDouble(2) / modelTotals.get(r.getString(0));
      assertClose(
          figures.at("/revenue_team_share/" + r.getString(0) + "/" + r.getString(1)),
          share,
          r.getString(0),
          r.getString(1));
    }
  }

  @Test
  void campaignFiguresAreTheChosenModelsTopCampaignsWithSparksSums() {
    JsonNode figures = json(executed().resolve("01_model_comparison_figures.json"));
    Map<String, Map<String, Double>> revenue =
        revenuePerModel(
            inReportingCurrency(credits(figures.get("as_of").asText()))
                .filter(col("campaign_id").isNotNull()),
            "campaign_id");
    Map<String, Double> chosen = revenue.get(CHOSEN_MODEL);
    JsonNode shown = figures.get("campaign_revenue");
    List<String> campaigns = new ArrayList<>();
    shown.get(CHOSEN_MODEL).fieldNames().forEachRemaining(campaigns::add);

    assertThat(chosen.size()).as("campaigns credited").isGreaterThan(TOP_CAMPAIGNS);
    assertThat(campaigns).hasSize(TOP_CAMPAIGNS);
    double smallestShown = campaigns.stream().mapToDouble(chosen::get).min().orElseThrow();
    chosen.forEach(
        (campaign, amount) -> {
          if (!campaigns.contains(campaign)) {
            assertThat(amount).as("%s, not shown", campaign).isLessThanOrEqualTo(smallestShown);
          }
        });
    assertThat(shown.size()).isEqualTo(revenue.size());
    for (Map.Entry<String, Map<String, Double>> model : revenue.entrySet()) {
      for (String campaign : campaigns) {
        assertClose(
            figures.at("/campaign_revenue/" + model.getKey() + "/" + campaign),
            model.getValue().getOrDefault(campaign, 0.0),
            model.getKey(),
            campaign);
      }
    }
  }

  @Test
  void modelAgreementIsTheRankCorrelationOfTheChannelsRevenue() {
    JsonNode figures = json(executed().resolve("01_model_comparison_figures.json"));
    String asOf = figures.get("as_of").asText();
    // The channels are the summary's (it is dense: a channel with no credit under a model has 0);
    // the revenue is summed from the credit rows.
    List<String> channels = new ArrayList<>();
    for (Row r :
        committed("attribution_summary", asOf)
            .filter(col("dimension").equalTo("channel").and(col("value").notEqual(UNATTRIBUTED)))
            .select("value")
            .distinct()
            .collectAsList()) { // channels: small
      channels.add(r.getString(0));
    }
    Map<String, Map<String, Double>> revenue =
        revenuePerModel(inReportingCurrency(credits(asOf)), "channel");
    assertThat(figures.get("model_agreement").size()).isEqualTo(revenue.size());
    for (String first : revenue.keySet()) {
      for (String second : revenue.keySet()) {
        double expected =
            RankCorrelation.spearman(
                channels.stream()
                    .mapToDouble(c -> toTenThousandths(revenue.get(first).getOrDefault(c, 0.0)))
                    .toArray(),
                channels.stream()
                    .mapToDouble(c -> toTenThousandths(revenue.get(second).getOrDefault(c, 0.0)))
                    .toArray());
        JsonNode noted = figures.at("/model_agreement/" + first + "/" + second);
        if (Double.isNaN(expected)) {
          // A model that gives every channel the same revenue has no rank order: no figure.
          assertThat(noted.isMissingNode()).as("%s / %s", first, second).isTrue();
        } else {
          assertClose(noted, expected, first, second);
        }
      }
    }
  }

  @Test
  void journeyFiguresEqualTheCreditsAndMilestonesSparkReads() {
    JsonNode figures = json(executed().resolve("02_journey_figures.json"));
    String asOf = figures.get("as_of").asText();
    String opportunity = figures.get("opportunity_id").asText();
    Dataset<Row> touches =
        committed("journey_touches", asOf)
            .filter(col("opportunity_id").equalTo(lit(opportunity)))
            .orderBy("position");
    List<String> touchIds = new ArrayList<>();
    for (Row t : touches.collectAsList()) { // one journey: small
      touchIds.add(t.getAs("touch_id"));
      StringBuilder milestones = new StringBuilder();
      String[][] flags = {
        {"is_first_touch", "FT"},
        {"is_lead_creation", "LC"},
        {"is_opportunity_creation", "OC"},
        {"is_opportunity_close", "CW"},
        {"is_last_touch", "LT"}
      };
      for (String[] flag : flags) {
        if (Boolean.TRUE.equals(t.getAs(flag[0]))) {
          milestones.append(milestones.length() == 0 ? "" : "+").append(flag[1]);
        }
      }
      JsonNode noted = figures.at("/milestones/" + t.getAs("touch_id"));
      assertThat(noted.isMissingNode() ? "" : noted.asText())
          .as("milestones of %s", (Object) t.getAs("touch_id"))
          .isEqualTo(milestones.toString());
    }
    List<String> noted = new ArrayList<>();
    figures.get("touches").forEach(n -> noted.add(n.asText()));
    assertThat(noted).isEqualTo(touchIds);

    List<Row> credits =
        credits(asOf)
            .filter(col("opportunity_id").equalTo(lit(opportunity)))
            .select(col("model"), coalesce(col("touch_id"), lit("(unattributed)")), col("credit"))
            .collectAsList();
    assertThat(credits).isNotEmpty();
    for (Row r : credits) {
      assertClose(
          figures.at("/credit/" + r.getString(0) + "/" + r.getString(1)),
          r.getDouble(2),
          r.getString(0),
          r.getString(1));
    }
    long cells = 0;
    for (JsonNode model : figures.get("credit")) {
      for (JsonNode credit : model) {
        cells += credit.asDouble() > 0 ? 1 : 0;
      }
    }
    assertThat(cells).as("credited touches in the notebook").isEqualTo(credits.size());
  }

  @Test
  void dataDrivenFiguresEqualTheIntervalsAndSharesSparkReads() {
    JsonNode figures = json(executed().resolve("03_data_driven_figures.json"));
    String asOf = figures.get("as_of").asText();
    List<Row> intervals =
        committed("data_driven_intervals", asOf)
            .select(
                "model", "channel", "value", "lower", "upper", "rank", "best_rank", "worst_rank")
            .collectAsList(); // models x channels: small
    assertThat(intervals).extracting(r -> r.getString(0)).contains("markov", "shapley");
    for (Row r : intervals) {
      String at = "/intervals/" + r.getString(0) + "/" + r.getString(1) + "/";
      assertClose(figures.at(at + "value"), r.getDouble(2), r.getString(0), r.getString(1));
      assertClose(figures.at(at + "lower"), r.getDouble(3), r.getString(0), r.getString(1));
      assertClose(figures.at(at + "upper"), r.getDouble(4), r.getString(0), r.getString(1));
      for (int i = 5; i <= 7; i++) {
        assertThat(figures.at(at + r.schema().fieldNames()[i]).asInt())
            .as(at + r.schema().fieldNames()[i])
            .isEqualTo(r.getInt(i));
      }
    }
    Dataset<Row> credits = inReportingCurrency(credits(asOf));
    Map<String, Double> totals = new HashMap<>();
    for (Row r : credits.groupBy("model").agg(sum("revenue_credit")).collectAsList()) {
      totals.put(r.getString(0), r.getDouble(1));
    }
    List<Row> byChannel =
        credits.groupBy("model", "channel").agg(sum("revenue_credit")).collectAsList();
    for (Row r : byChannel) {
      assertClose(
          figures.at("/revenue_share/" + r.getString(0) + "/" + r.getString(1)),
          r.getDouble(2) / totals.get(r.getString(0)),
          r.getString(0),
          r.getString(1));
    }
  }

  /**
   * The channels whose point value lies outside its own interval, and those other than the top
   * channel whose rank interval reaches rank 1, computed here from the interval rows the job wrote.
   */
  @Test
  void dataDrivenCautionsFollowFromTheIntervalsSparkReads() {
    JsonNode figures = json(executed().resolve("03_data_driven_figures.json"));
    List<Row> intervals =
        committed("data_driven_intervals", figures.get("as_of").asText())
            .select("model", "channel", "value", "lower", "upper", "samples", "best_rank")
            .collectAsList(); // models x channels: small
    assertThat(intervals).isNotEmpty().allMatch(r -> !r.isNullAt(3) && !r.isNullAt(4));
    assertThat(figures.get("samples").asInt()).isEqualTo(intervals.get(0).getInt(5)).isPositive();
    Map<String, List<String>> outside = new TreeMap<>();
    Map<String, List<String>> tied = new TreeMap<>();
    for (String model : List.of("markov", "shapley")) {
      List<Row> rows = intervals.stream().filter(r -> r.getString(0).equals(model)).toList();
      // The top channel: the largest value, the first channel name among equal ones.
      Row top =
          rows.stream()
              .max(
                  Comparator.<Row>comparingDouble(r -> r.getDouble(2))
                      .thenComparing(r -> r.getString(1), Comparator.reverseOrder()))
              .get();
      outside.put(
          model,
          rows.stream()
              .filter(r -> r.getDouble(2) < r.getDouble(3) || r.getDouble(2) > r.getDouble(4))
              .map(r -> r.getString(1))
              .sorted()
              .toList());
      tied.put(
          model,
          rows.stream()
              .filter(r -> r != top && r.getInt(6) == 1)
              .map(r -> r.getString(1))
              .sorted()
              .toList());
    }
    assertThat(strings(figures.get("outside_interval"))).isEqualTo(outside);
    assertThat(strings(figures.get("tied_with_top"))).isEqualTo(tied);
    assertThat(tied.values()).anySatisfy(channels -> assertThat(channels).isNotEmpty());
    int samples = figures.get("samples").asInt();
    assertThat(samples).isLessThan(1000);
    assertThat(cellText(executed().resolve("03_data_driven.ipynb"), "cell-04-trust-code"))
        .contains("Caution: the intervals rest on " + samples + " resamples");
  }

  @Test
  void moneyFiguresEqualTheSummaryVelocityAndForecastSparkReads() {
    JsonNode figures = json(executed().resolve("04_money_figures.json"));
    Column sameRun =
        col("as_of")
            .equalTo(lit(java.sql.Date.valueOf(figures.get("as_of").asText())))
            .and(col("currency").equalTo(lit(figures.get("currency").asText())));
    Column chosen =
        sameRun
            .and(col("model").equalTo(lit(figures.get("model").asText())))
            .and(col("dimension").equalTo(lit("channel")));
    List<Row> paid =
        committed("attribution_summary")
            .filter(chosen.and(col("spend").gt(0)))
            .select("value", "roas", "cost_per_won_opportunity")
            .collectAsList();
    assertThat(paid).as("paid channels").isNotEmpty();
    assertThat(figures.get("roas").size()).isEqualTo(paid.size());
    for (Row r : paid) {
      assertCloseOrNull(figures.at("/roas/" + r.getString(0)), r, 1);
      assertCloseOrNull(figures.at("/cost_per_won_opportunity/" + r.getString(0)), r, 2);
    }
    List<Row> medians =
        committed("opportunity_velocity")
            .filter(sameRun.and(col("is_closed")).and(col("days_from_first_touch").isNotNull()))
            .groupBy("stage")
            .agg(percentile(col("days_from_first_touch"), lit(0.5)))
            .collectAsList();
    assertThat(medians).isNotEmpty();
    for (Row r : medians) {
      assertCloseOrNull(figures.at("/median_days_to_close/" + r.getString(0)), r, 1);
    }
    List<Row> forecast =
        committed("pipeline_forecast")
            .filter(chosen)
            .select("value", "expected_revenue")
            .collectAsList();
    assertThat(forecast).isNotEmpty();
    assertThat(figures.get("expected_revenue").size()).isEqualTo(forecast.size());
    for (Row r : forecast) {
      assertCloseOrNull(figures.at("/expected_revenue/" + r.getString(0)), r, 1);
    }
  }

  /**
   * The credits' revenue per model and value of {@code column}, by model then value: models x
   * channels or campaigns, small enough to collect.
   */
  private static Map<String, Map<String, Double>> revenuePerModel(
      Dataset<Row> credits, String column) {
    Map<String, Map<String, Double>> revenue = new TreeMap<>();
    for (Row r : credits.groupBy("model", column).agg(sum("revenue_credit")).collectAsList()) {
      revenue
          .computeIfAbsent(r.getString(0), m -> new TreeMap<>())
          .put(r.getString(1), r.getDouble(2));
    }
    return revenue;
  }

  /** Amounts ranked as the notebook ranks them: equal but for floating-point rounding ties. */
  private static double toTenThousandths(double amount) {
    return Math.round(amount * 1e4) / 1e4;
  }
}
