package io.revattr.common.report;

import static io.revattr.common.report.ReportColumns.DIMENSION;
import static io.revattr.common.report.ReportColumns.INFLUENCED_OPPORTUNITIES;
import static io.revattr.common.report.ReportColumns.MODEL;
import static io.revattr.common.report.ReportColumns.TOUCHES;
import static io.revattr.common.report.ReportColumns.VALUE;
import static io.revattr.testsupport.DataFrameAssert.assertRows;
import static io.revattr.testsupport.DataFrameAssert.assertSameRows;
import static org.apache.spark.sql.functions.col;

import io.revattr.common.config.ConfigLoader;
import io.revattr.common.model.AttributionModel;
import io.revattr.common.model.Credits;
import io.revattr.common.model.ModelCatalog;
import io.revattr.common.model.ScoredJourneys;
import io.revattr.common.schema.Stages;
import io.revattr.testsupport.WarehouseFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The run reads which models credit each opportunity and touch from the scored journeys instead of
 * reducing the credits (one row per model) to them: every figure built on them must be the one the
 * credits' own reduction gives.
 */
class ScoredCreditedTouchesTest {
  private static final List<AttributionModel> MODELS =
      ModelCatalog.select(ConfigLoader.defaults().models());

  /**
   * a1's o1 (won) and o2 (open, later) share t1-t3, and t4 came after o1 closed; c1's lead creation
   * is t2. a3's contact was created before its touches, so o3 has no lead creation and the models
   * that need one leave it unattributed. o4's account has no touch at all.
   */
  private static Dataset<Row> journeys() {
    return new WarehouseFixture()
        .contact("c1", "a1", "2024-01-10T00:00:00Z")
        .contactTouch("t1", "2024-01-05T00:00:00Z", "c1", "paid_search", "ad_click")
        .contactTouch("t2", "2024-01-10T00:05:00Z", "c1", "email", "form_fill")
        .contactTouch("t3", "2024-02-01T00:00:00Z", "c1", "webinar", "webinar")
        .contactTouch("t4", "2024-03-10T00:00:00Z", "c1", "events", "meeting")
        .opportunity("o1", "a1", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z", "won", 100)
        .opportunity("o2", "a1", "2024-03-05T00:00:00Z", null, "open", 50)
        .contact("c3", "a3", "2023-12-01T00:00:00Z")
        .contactTouch("t5", "2024-01-05T00:00:00Z", "c3", "paid_social")
        .contactTouch("t6", "2024-02-05T00:00:00Z", "c3", "email")
        .opportunity("o3", "a3", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z", "lost", 70)
        .opportunity("o4", "a4", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z", "won", 30)
        .journeys();
  }

  private final List<Dataset<Row>> kept = new ArrayList<>();

  /**
   * Keeps rows as the run keeps them (cached here, until the test ends): every figure a test
   * compares reads the reduced rows, and Spark would otherwise score the journeys with every model
   * again for each one.
   */
  private final UnaryOperator<Dataset<Row>> keep =
      rows -> {
        kept.add(rows.cache());
        return rows;
      };

  @AfterEach
  void unpersist() {
    kept.forEach(Dataset::unpersist);
  }

  @Test
  void theScoresGiveTheFiguresOfTheCredits() {
    Dataset<Row> journeys = keep.apply(journeys());
    List<String> names = MODELS.stream().map(AttributionModel::name).toList();
    for (ReportingCurrency currency :
        List.of(ReportingCurrency.none(), ReportingCurrency.into("EUR", Map.of("USD", 0.9)))) {
      CreditedTouches fromCredits =
          CreditedTouches.of(
              currency.convertCredits(Credits.allocate(journeys, MODELS)), names, keep);
      ScoredJourneys scored = Credits.score(journeys, MODELS);
      CreditedTouches fromScores = CreditedTouches.of(scored, currency, keep);

      assertSameRows(fromScores.influencedOpportunities(), fromCredits.influencedOpportunities());
      assertSameRows(fromScores.touches(), fromCredits.touches());
      assertSameRows(fromScores.medianDaysToClose(), fromCredits.medianDaysToClose());
      CreditedTouches openFromScores = fromScores.ofStage(Stages.OPEN);
      CreditedTouches openFromCredits = fromCredits.ofStage(Stages.OPEN);
      assertSameRows(
          openFromScores.influencedOpportunities(), openFromCredits.influencedOpportunities());
      assertSameRows(openFromScores.touches(), openFromCredits.touches());
    }
  }

  @Test
  void sharedTouchesCountOnceAndUnattributedOpportunitiesCount() {
    CreditedTouches fromScores =
        CreditedTouches.of(Credits.score(journeys(), MODELS), ReportingCurrency.none(), keep);

    // Email: t2 on o1 and o2, t6 on o3. Three opportunities, two touches.
    assertRows(
        figure(fromScores.influencedOpportunities(), "linear", "email", INFLUENCED_OPPORTUNITIES),
        List.of(List.of(3L)));
    assertRows(figure(fromScores.touches(), "linear", "email", TOUCHES), List.of(List.of(2L)));
    // Lead creation cannot credit o3 (no lead creation) nor o4 (no touch).
    assertRows(
        figure(
            fromScores.influencedOpportunities(),
            "lead_creation",
            Credits.UNATTRIBUTED,
            INFLUENCED_OPPORTUNITIES),
        List.of(List.of(2L)));
    // Its only credited email touch is t2, on o1 and o2.
    assertRows(
        figure(
            fromScores.influencedOpportunities(),
            "lead_creation",
            "email",
            INFLUENCED_OPPORTUNITIES),
        List.of(List.of(2L)));
  }

  private static Dataset<Row> figure(
      Dataset<Row> figures, String model, String channel, String column) {
    return figures
        .filter(
            col(MODEL)
                .equalTo(model)
                .and(col(DIMENSION).equalTo("channel"))
                .and(col(VALUE).equalTo(channel)))
        .select(column);
  }
}
