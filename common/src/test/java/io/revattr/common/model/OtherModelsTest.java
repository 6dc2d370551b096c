package io.revattr.common.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.testsupport.WarehouseFixture;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * linear, time_decay and last_non_direct on the shapes of {@link ModelFixtures}. time_decay's
 * expected credits are computed here literally as DESIGN.md states them, from the journey's end
 * (closed_at, or the as-of end when open), which the model never uses: it anchors on the last
 * touch.
 */
class OtherModelsTest {
  private static final Duration WEEK = Duration.ofDays(7);

  @Test
  void oneTouch() {
    new ExpectedCredits()
        .model("linear", "t1", 1.0)
        .model("time_decay", "t1", 1.0)
        .model("last_non_direct", "t1", 1.0)
        .assertMatches(ModelFixtures.oneTouch());
  }

  @Test
  void twoTouches() {
    double[] decay = decayFromEnd(ModelFixtures.CLOSED, WEEK, "2024-01-05T00:00:00Z", "2024-02-10");
    new ExpectedCredits()
        .model("linear", "t1", 0.5, "t2", 0.5)
        .model("time_decay", "t1", decay[0], "t2", decay[1])
        .model("last_non_direct", "t2", 1.0)
        .assertMatches(ModelFixtures.twoTouches());
  }

  @Test
  void sevenTouchesClosedAndOpen() {
    String[] at = {
      "2024-01-02",
      "2024-01-05",
      "2024-01-10T00:05:00Z",
      "2024-01-20",
      "2024-02-01",
      "2024-02-15",
      "2024-02-20"
    };
    double[] closed = decayFromEnd(ModelFixtures.CLOSED, WEEK, at);
    double[] open = decayFromEnd(WarehouseFixture.AS_OF_END.toString(), WEEK, at);
    ExpectedCredits won = new ExpectedCredits();
    ExpectedCredits stillOpen = new ExpectedCredits();
    for (int i = 0; i < at.length; i++) {
      won.model("linear", "t" + (i + 1), 1.0 / 7).model("time_decay", "t" + (i + 1), closed[i]);
      stillOpen.model("time_decay", "t" + (i + 1), open[i]);
    }
    // t7 is on the direct channel: the latest non-direct touch is t6.
    won.model("last_non_direct", "t6", 1.0).assertMatches(ModelFixtures.sevenTouches("won"));
    stillOpen.assertMatches(ModelFixtures.sevenTouches("open"));
  }

  @Test
  void tiesShareTheirWeightAndTheLastTieIsLast() {
    double[] decay =
        decayFromEnd(
            ModelFixtures.CLOSED, WEEK, "2024-01-05", "2024-01-05", "2024-02-10", "2024-02-10");
    new ExpectedCredits()
        .model("linear", "ta", 0.25, "tb", 0.25, "tc", 0.25, "td", 0.25)
        .model("time_decay", "ta", decay[0], "tb", decay[1], "tc", decay[2], "td", decay[3])
        .model("last_non_direct", "td", 1.0)
        .assertMatches(ModelFixtures.ties());
  }

  @Test
  void missingPositionsChangeNothingForTheseModels() {
    // Three touches each; none is direct, so last_non_direct is the last touch t3.
    double[] ftIsLc =
        decayFromEnd(
            ModelFixtures.CLOSED, WEEK, "2024-01-10T00:05:00Z", "2024-02-01", "2024-02-20");
    double[] noLc =
        decayFromEnd(ModelFixtures.CLOSED, WEEK, "2024-01-05", "2024-01-20", "2024-02-10");
    double[] noOc =
        decayFromEnd(
            "2024-04-01T00:00:00Z", WEEK, "2024-03-01T00:05:00Z", "2024-03-10", "2024-03-20");
    threeTouches(ftIsLc).assertMatches(ModelFixtures.firstTouchIsLeadCreation());
    threeTouches(noLc).assertMatches(ModelFixtures.noLeadCreation());
    threeTouches(noOc).assertMatches(ModelFixtures.noOpportunityCreation());
  }

  private static ExpectedCredits threeTouches(double[] decay) {
    return new ExpectedCredits()
        .model("linear", "t1", 1.0 / 3, "t2", 1.0 / 3, "t3", 1.0 / 3)
        .model("time_decay", "t1", decay[0], "t2", decay[1], "t3", decay[2])
        .model("last_non_direct", "t3", 1.0);
  }

  @Test
  void halfLifeComesFromTheConfig() {
    double[] decay =
        decayFromEnd(ModelFixtures.CLOSED, Duration.ofDays(1), "2024-01-05", "2024-02-10");
    new ExpectedCredits()
        .model("time_decay", "t1", decay[0], "t2", decay[1])
        .assertMatches(ModelFixtures.twoTouches(), "revattr.models.time_decay.half_life = 1 day");
  }

  @Test
  void decayLongAfterTheLastTouchStaysFinite() {
    // Half-life 1 hour; t1 at 0 h, t2 at 1 h, closed 50 days (1,200 h) after t2. Weights from the
    // end: 2^-1201 and 2^-1200, both below the smallest double (2^-1074), so read literally they
    // are 0 / 0. Normalised: t1 = 2^-1201 / (2^-1201 + 2^-1200) = 1 / (1 + 2) = 1/3, t2 = 2/3.
    String t1 = "2024-01-10T00:00:00Z";
    String t2 = "2024-01-10T01:00:00Z";
    String closed = "2024-02-29T01:00:00Z"; // 2024-01-10 + 21 days + 29 days (leap February)
    assertThat(decayFromEnd(closed, Duration.ofHours(1), t1, t2)[0]).isNaN();
    new ExpectedCredits()
        .model("time_decay", "t1", 1.0 / 3, "t2", 2.0 / 3)
        .assertMatches(
            new WarehouseFixture()
                .contact("c1", "a1", "2024-01-01T00:00:00Z")
                .contactTouch("t1", t1, "c1", "paid_search")
                .contactTouch("t2", t2, "c1", "email")
                .opportunity("o1", "a1", "2024-01-05T00:00:00Z", closed, "won", 1)
                .journeys(),
            "revattr.models.time_decay.half_life = 1 hour");
  }

  @Test
  void lastNonDirectFallsBackToTheLastTouchWhenEveryTouchIsDirect() {
    new ExpectedCredits()
        .model("last_non_direct", "t2", 1.0)
        .assertMatches(
            new WarehouseFixture()
                .contact("c1", "a1", "2024-01-10T00:00:00Z")
                .contactTouch("t1", "2024-01-05T00:00:00Z", "c1", "direct")
                .contactTouch("t2", "2024-02-10T00:00:00Z", "c1", "direct")
                .opportunity(
                    "o1", "a1", ModelFixtures.OPPORTUNITY_CREATED, ModelFixtures.CLOSED, "won", 1)
                .journeys());
  }

  @Test
  void directChannelsComeFromTheConfig() {
    // With t6 (sales_outreach) direct too, the latest non-direct touch is t5; with no direct
    // channel at all it is the last touch, t7.
    new ExpectedCredits()
        .model("last_non_direct", "t5", 1.0)
        .assertMatches(
            ModelFixtures.sevenTouches("won"),
            "revattr.models.direct_channels = [direct, sales_outreach]");
    new ExpectedCredits()
        .model("last_non_direct", "t7", 1.0)
        .assertMatches(ModelFixtures.sevenTouches("won"), "revattr.models.direct_channels = []");
  }

  /**
   * Normalised {@code 2^(-(end - occurred_at) / half_life)} for the given instants (a bare date is
   * midnight UTC).
   */
  static double[] decayFromEnd(String end, Duration halfLife, String... occurredAt) {
    double[] weights = new double[occurredAt.length];
    double total = 0;
    for (int i = 0; i < occurredAt.length; i++) {
      double age = Duration.between(instant(occurredAt[i]), instant(end)).toMillis();
      weights[i] = Math.pow(2, -age / halfLife.toMillis());
      total += weights[i];
    }
    for (int i = 0; i < weights.length; i++) {
      weights[i] /= total;
    }
    return weights;
  }

  private static Instant instant(String text) {
    return Instant.parse(text.length() == 10 ? text + "T00:00:00Z" : text);
  }
}
