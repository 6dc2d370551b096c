package io.revattr.jobs.notebooks;

import static io.revattr.jobs.notebooks.ExecutedNotebooks.CHOSEN_MODEL;
import static io.revattr.jobs.notebooks.ExecutedNotebooks.committed;
import static io.revattr.jobs.notebooks.ExecutedNotebooks.credits;
import static io.revattr.jobs.notebooks.ExecutedNotebooks.executed;
import static io.revattr.jobs.notebooks.NotebookFigures.assertClose;
import static io.revattr.jobs.notebooks.NotebookFigures.json;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.quarter;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.year;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Notebook 05's figures (the chosen model's won revenue by quarter of close, won deals per quarter,
 * pipeline by quarter of creation, per channel) equal the same sums computed by Spark from the
 * credit and velocity rows, and its quarters add up to the summary's totals.
 */
class TrendsNotebookTest {
  @Test
  void revenueAndPipelinePerQuarterEqualSparksSums() {
    JsonNode figures = json(executed().resolve("05_trends_figures.json"));
    String asOf = figures.get("as_of").asText();
    assertThat(figures.get("model").asText()).isEqualTo(CHOSEN_MODEL);
    assertThat(figures.get("period").asText()).isEqualTo("Q");
    Dataset<Row> deals = deals(asOf, figures.get("currency").asText());
    Dataset<Row> rows =
        credits(asOf)
            .filter(col("model").equalTo(CHOSEN_MODEL))
            .select("opportunity_id", "channel", "credit")
            .join(deals, "opportunity_id");
    Column won = col("stage").equalTo("won");

    List<Row> revenue =
        rows.filter(won)
            .groupBy(quarterOf("closed_at"), col("channel"))
            .agg(sum(col("credit").multiply(col("amount"))))
            .collectAsList(); // quarters x channels: small
    assertEveryFigure(figures.get("won_revenue"), revenue);
    List<Row> pipeline =
        rows.groupBy(quarterOf("opportunity_created_at"), col("channel"))
            .agg(sum(col("credit").multiply(col("amount"))))
            .collectAsList(); // quarters x channels: small
    assertEveryFigure(figures.get("pipeline"), pipeline);

    List<Row> wonDeals =
        deals
            .filter(won)
            .groupBy(quarterOf("closed_at"))
            .agg(countDistinct("opportunity_id"))
            .collectAsList(); // quarters: small
    TreeMap<String, Long> expected = new TreeMap<>();
    wonDeals.forEach(q -> expected.put(q.getString(0), q.getLong(1)));
    List<String> quarters = new ArrayList<>();
    figures.get("won_deals").fieldNames().forEachRemaining(quarters::add);
    // Every quarter from the first to the last, those without a won deal at 0.
    assertThat(quarters).first().isEqualTo(expected.firstKey());
    for (int i = 1; i < quarters.size(); i++) {
      assertThat(quarterNumber(quarters.get(i)))
          .as("the quarter after %s", quarters.get(i - 1))
          .isEqualTo(quarterNumber(quarters.get(i - 1)) + 1);
    }
    for (String quarter : quarters) {
      assertThat(figures.get("won_deals").get(quarter).asLong())
          .as(quarter)
          .isEqualTo(expected.getOrDefault(quarter, 0L));
    }
    assertThat(quarters).containsAll(expected.keySet());
  }

  /** Split by the deals' own dates, one as-of's revenue still adds up to its summary's. */
  @Test
  void theQuartersAddUpToTheSummarysRevenuePerChannel() {
    JsonNode figures = json(executed().resolve("05_trends_figures.json"));
    List<Row> summary =
        committed("attribution_summary", figures.get("as_of").asText())
            .filter(col("model").equalTo(CHOSEN_MODEL).and(col("dimension").equalTo("channel")))
            .filter(col("currency").equalTo(figures.get("currency").asText()))
            .select("value", "attributed_revenue")
            .collectAsList(); // channels: small
    assertThat(summary).isNotEmpty();
    for (Row channel : summary) {
      double quarters = 0;
      for (JsonNode quarter : figures.get("won_revenue")) {
        quarters += quarter.path(channel.getString(0)).asDouble(0);
      }
      assertClose(
          DoubleNode.valueOf(quarters), channel.getDouble(1), "all quarters", channel.getString(0));
    }
  }

  /** 2025Q3 as a count of quarters, so that consecutive quarters differ by 1. */
  private static int quarterNumber(String quarter) {
    return Integer.parseInt(quarter.substring(0, 4)) * 4
        + Integer.parseInt(quarter.substring(5))
        - 1;
  }

  /** The deals in the notebook's currency (velocity's amounts are in the reporting currency). */
  private static Dataset<Row> deals(String asOf, String currency) {
    return committed("opportunity_velocity", asOf)
        .filter(col("currency").equalTo(currency))
        .select("opportunity_id", "stage", "amount", "closed_at", "opportunity_created_at");
  }

  /** The quarter of a UTC timestamp as the notebook labels it: 2025Q3. */
  private static Column quarterOf(String column) {
    return concat(year(col(column)).cast("string"), lit("Q"), quarter(col(column)).cast("string"));
  }

  /**
   * Every Spark sum (quarter, channel, amount) is the notebook's figure, and every non-zero figure
   * is one of them.
   */
  private static void assertEveryFigure(JsonNode byQuarter, List<Row> sums) {
    assertThat(sums).isNotEmpty();
    for (Row s : sums) {
      assertClose(
          byQuarter.path(s.getString(0)).path(s.getString(1)),
          s.getDouble(2),
          s.getString(0),
          s.getString(1));
    }
    long nonZero = 0;
    for (JsonNode quarter : byQuarter) {
      for (JsonNode value : quarter) {
        nonZero += value.asDouble() != 0 ? 1 : 0;
      }
    }
    assertThat(nonZero).isLessThanOrEqualTo(sums.size());
  }
}
