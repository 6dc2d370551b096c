package io.revattr.jobs.notebooks;

import static io.revattr.jobs.notebooks.ExecutedNotebooks.committed;
import static io.revattr.jobs.notebooks.ExecutedNotebooks.executed;
import static io.revattr.jobs.notebooks.NotebookFigures.json;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Notebook 03's count of the channel sets the Shapley values rest on (the exact channel sets of the
 * closed journeys with a touch, and those held by one journey only) equals Spark's count of the
 * journey rows.
 */
class ChannelSetsNotebookTest {
  @Test
  void channelSetsAndThoseOfOneJourneyEqualSparksCount() {
    JsonNode figures = json(executed().resolve("03_data_driven_figures.json"));
    Dataset<Row> journeySets =
        committed("journey_touches", figures.get("as_of").asText())
            .filter(col("stage").isin("won", "lost").and(col("touch_id").isNotNull()))
            .groupBy("opportunity_id")
            .agg(array_sort(array_distinct(collect_list("channel"))).as("channel_set"));
    Row counts =
        journeySets
            .groupBy("channel_set")
            .agg(count(lit(1)).as("journeys"))
            .agg(
                sum("journeys"),
                count(lit(1)),
                sum(when(col("journeys").equalTo(1), 1).otherwise(0)))
            .first();

    JsonNode sets = figures.get("channel_sets");
    assertThat(sets.get("closed_journeys").asLong()).isEqualTo(counts.getLong(0)).isPositive();
    assertThat(sets.get("sets").asLong()).isEqualTo(counts.getLong(1));
    assertThat(sets.get("single_journey_sets").asLong()).isEqualTo(counts.getLong(2));
  }
}
