package io.revattr.common.report;

import static io.revattr.testsupport.DataFrameAssert.assertRows;
import static io.revattr.testsupport.PhysicalPlans.count;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.testsupport.Frames;
import io.revattr.testsupport.PhysicalPlans;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

class PipelineForecastTest {
  @Test
  void openPipelineTimesTheHistoricalWinRatePerModel() {
    // Closed: o1 won, o2 lost, o4 won -> win rate 2/3. Open: o3, 400, on t4 (email, marketing)
    // and t5 (sales, sales): ft credits t4 whole, lin halves.
    Dataset<Row> forecast =
        PipelineForecast.of(
            ReportFixtures.credits(),
            ReportFixtures.opportunities(),
            List.of("ft", "lin"),
            ReportingCurrency.none());
    double rate = 2 / 3.0;
    assertRows(
        forecast
            .filter(col("dimension").isin("channel", "team"))
            .select(
                "model",
                "dimension",
                "value",
                "open_opportunities",
                "attributed_open_opportunities",
                "open_pipeline",
                "historical_won_opportunities",
                "historical_closed_opportunities",
                "win_rate",
                "expected_revenue"),
        List.of(
            List.of("ft", "channel", "email", 1L, 1.0, 400.0, 2L, 3L, rate, 400 * rate),
            List.of("ft", "team", "marketing", 1L, 1.0, 400.0, 2L, 3L, rate, 400 * rate),
            List.of("lin", "channel", "email", 1L, 0.5, 200.0, 2L, 3L, rate, 200 * rate),
            List.of("lin", "channel", "sales", 1L, 0.5, 200.0, 2L, 3L, rate, 200 * rate),
            List.of("lin", "team", "marketing", 1L, 0.5, 200.0, 2L, 3L, rate, 200 * rate),
            List.of("lin", "team", "sales", 1L, 0.5, 200.0, 2L, 3L, rate, 200 * rate)));
  }

  @Test
  void readsTheStoredReductionsOfTheSummaryNotTheCreditsAgain() {
    // Stored as the run stores them: the forecast is then the open part of the summary's own
    // reductions, and no leaf of its plan reads the credit rows (only they have pipeline_credit).
    Dataset<Row> credits = ReportFixtures.credits();
    List<String> models = List.of("ft", "lin");
    Predicate<SparkPlan> readsCredits =
        p ->
            p.children().isEmpty()
                && CollectionConverters.asJava(p.output()).stream()
                    .anyMatch(a -> a.name().equals("pipeline_credit"));
    CreditReductions stored =
        CreditReductions.of(
            credits, models, ReportingCurrency.none(), frame -> frame.localCheckpoint(true));
    Dataset<Row> fromStored = PipelineForecast.of(stored, ReportFixtures.opportunities());
    Dataset<Row> fromCredits =
        PipelineForecast.of(
            credits, ReportFixtures.opportunities(), models, ReportingCurrency.none());

    assertThat(count(PhysicalPlans.of(fromStored), readsCredits)).isZero();
    assertThat(count(PhysicalPlans.of(fromCredits), readsCredits)).isPositive();
    assertThat(fromStored.exceptAll(fromCredits).count()).isZero();
    assertThat(fromCredits.exceptAll(fromStored).count()).isZero();
  }

  @Test
  void noClosedOpportunityMeansNoRate() {
    Dataset<Row> onlyOpen =
        Frames.of(
            ReportFixtures.OPPORTUNITIES,
            new Object[] {"o3", "a2", "open", 400, "USD", "2024-03-01T00:00:00Z", null, null});
    assertRows(PipelineForecast.winRate(onlyOpen), Arrays.asList(Arrays.asList(0L, 0L, null)));
  }
}
