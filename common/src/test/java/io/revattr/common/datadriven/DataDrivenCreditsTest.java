package io.revattr.common.datadriven;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.common.model.Credits;
import io.revattr.testsupport.DataFrameAssert;
import io.revattr.testsupport.WarehouseFixture;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * markov and shapley credits on journeys: the closed journeys are the paths of {@link
 * MarkovChainTest#mixed()} (removal effects a 1/2, b 1, c 1/6; Shapley values a 0, b 1/2, c -1/2 by
 * {@link ShapleyValuesTest#handComputedThreeChannels()}).
 */
class DataDrivenCreditsTest {
  private static Dataset<Row> journeys;

  @BeforeAll
  static void build() {
    journeys();
  }

  /** The fixture's journeys, built once. */
  static synchronized Dataset<Row> journeys() {
    if (journeys != null) {
      return journeys;
    }
    WarehouseFixture w = new WarehouseFixture();
    String[][] journeyChannels = {
      {"a", "a", "b"}, {"a"}, {"b"}, {"c", "a"}, {"a", "b", "c"}, {"d"}, {}
    };
    String[] stages = {"won", "lost", "won", "lost", "open", "open", "open"};
    for (int o = 0; o < journeyChannels.length; o++) {
      String n = String.valueOf(o + 1);
      w.contact("c" + n, "acct" + n, "2024-01-01T00:00:00Z");
      for (int t = 0; t < journeyChannels[o].length; t++) {
        w.contactTouch("t" + n + t, "2024-01-1" + t + "T00:00:00Z", "c" + n, journeyChannels[o][t]);
      }
      boolean open = stages[o].equals("open");
      w.opportunity(
          "o" + n,
          "acct" + n,
          "2024-02-01T00:00:00Z",
          open ? null : "2024-03-01T00:00:00Z",
          stages[o],
          100);
    }
    journeys = w.journeys().cache();
    return journeys;
  }

  @Test
  void modelsFittedOnStoredPathsCreditAsModelsFittedOnTheJourneys() {
    Dataset<Row> paths = PathFrame.fromJourneys(journeys).localCheckpoint(true);
    Dataset<Row> fromPaths =
        Credits.allocateFitted(
            journeys,
            List.of(new MarkovModel(1).fitPaths(paths), new ShapleyModel().fitPaths(paths)));
    Dataset<Row> fromJourneys =
        Credits.allocate(journeys, List.of(new MarkovModel(1), new ShapleyModel()));
    assertThat(fromPaths.count()).isPositive();
    assertThat(fromPaths.exceptAll(fromJourneys).count()).isZero();
    assertThat(fromJourneys.exceptAll(fromPaths).count()).isZero();
  }

  @Test
  void allocateFittedCreditsWithTheModelAsGivenNotFittedAgain() {
    // Fitted without o4 (lost; c > a), channel c is in no closed path: it weighs 0, so the open
    // o5 (a, b, c) credits c nothing. Fitted again on all journeys, c would weigh 1/6.
    Dataset<Row> withoutO4 =
        PathFrame.fromJourneys(journeys.filter(col("opportunity_id").notEqual("o4")));
    Dataset<Row> credits =
        Credits.allocateFitted(journeys, List.of(new MarkovModel(1).fitPaths(withoutO4)));
    assertThat(
            credits
                .filter(col("opportunity_id").equalTo("o5").and(col("channel").equalTo("c")))
                .count())
        .isZero();
  }

  @Test
  void markovSplitsEachJourneyByRemovalEffects() {
    Dataset<Row> credits = Credits.allocate(journeys, List.of(new MarkovModel(1)));
    DataFrameAssert.assertRows(
        credits.select("opportunity_id", "touch_id", "channel", "credit"),
        rows(
            row("o1", "t10", "a", 0.25),
            row("o1", "t11", "a", 0.25),
            row("o1", "t12", "b", 0.5),
            row("o2", "t20", "a", 1.0),
            row("o3", "t30", "b", 1.0),
            // c 1/6 and a 1/2 out of 2/3.
            row("o4", "t40", "c", 0.25),
            row("o4", "t41", "a", 0.75),
            // Open: learned from the closed journeys, 1/2 : 1 : 1/6.
            row("o5", "t50", "a", 0.3),
            row("o5", "t51", "b", 0.6),
            row("o5", "t52", "c", 0.1),
            // d was never seen in a closed journey: weight 0 everywhere, so linear.
            row("o6", "t60", "d", 1.0),
            row("o7", null, Credits.UNATTRIBUTED, 1.0)));
  }

  @Test
  void shapleyClipsNegativeValuesAndFallsBackToLinear() {
    Dataset<Row> credits = Credits.allocate(journeys, List.of(new ShapleyModel()));
    DataFrameAssert.assertRows(
        credits.select("opportunity_id", "touch_id", "channel", "credit"),
        rows(
            // a is worth 0, so b (1/2) takes everything; zero credits are not written.
            row("o1", "t12", "b", 1.0),
            // a alone: every channel at 0, linear.
            row("o2", "t20", "a", 1.0),
            row("o3", "t30", "b", 1.0),
            // c is negative, clipped to 0, and a is 0: linear.
            row("o4", "t40", "c", 0.5),
            row("o4", "t41", "a", 0.5),
            row("o5", "t51", "b", 1.0),
            row("o6", "t60", "d", 1.0),
            row("o7", null, Credits.UNATTRIBUTED, 1.0)));
  }

  @Test
  void secondOrderCreditsAddUpToOnePerOpportunity() {
    Dataset<Row> credits = Credits.allocate(journeys, List.of(new MarkovModel(2)));
    List<Row> sums =
        credits.groupBy("opportunity_id").agg(sum(col("credit")).as("total")).collectAsList();
    assertThat(sums).hasSize(7);
    sums.forEach(r -> assertThat(r.getDouble(1)).as(r.getString(0)).isCloseTo(1.0, within()));
    // Order 2: c has removal effect 0, so o4 (c, a) gives everything to a.
    assertThat(
            credits
                .filter(col("opportunity_id").equalTo("o4").and(col("channel").equalTo("a")))
                .first()
                .getDouble(credits.schema().fieldIndex("credit")))
        .isCloseTo(1.0, within());
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.api.Assertions.within(1e-12);
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  @SafeVarargs
  private static List<List<Object>> rows(List<Object>... rows) {
    return Arrays.asList(rows);
  }
}
