package io.revattr.common.report;

import static io.revattr.testsupport.DataFrameAssert.assertRows;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revattr.common.config.RevattrConfig.ReportingConfig;
import io.revattr.common.error.RevattrException;
import io.revattr.testsupport.Frames;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class ReportingCurrencyTest {
  private static final List<String> MODELS = List.of("ft");
  private static final LocalDate AS_OF = LocalDate.parse("2024-12-31");

  /**
   * o1 won 100 USD on paid_search, o2 won 200 EUR on paid_search, o3 won 50 GBP on email; every
   * touch on 2024-02-01, every close on 2024-03-01.
   */
  private static Dataset<Row> credits() {
    return Frames.of(
        ReportFixtures.CREDITS,
        credit("o1", "t1", "paid_search", "USD", 100),
        credit("o2", "t2", "paid_search", "EUR", 200),
        credit("o3", "t3", "email", "GBP", 50));
  }

  @Test
  void convertsEveryAmountIntoTheReportingCurrency() {
    ReportingCurrency usd = ReportingCurrency.into("USD", Map.of("EUR", 1.1, "GBP", 1.25));
    Dataset<Row> summary =
        AttributionSummary.of(credits(), ReportFixtures.spend(), MODELS, AS_OF, usd);
    // paid_search: 100 + 200 x 1.1 = 320; email: 50 x 1.25 = 62.5. Spend (taken as USD) joins
    // over 2024-02 (every touch is in February) .. 2024-12: paid_search only CMP-B's 20.
    assertRows(
        summary
            .filter(col("dimension").equalTo("channel"))
            .filter(col("value").isin("paid_search", "email"))
            .select("value", "currency", "attributed_revenue", "revenue_share", "spend", "roas"),
        Arrays.asList(
            Arrays.asList("paid_search", "USD", 320.0, 320 / 382.5, 20.0, 320 / 20.0),
            Arrays.asList("email", "USD", 62.5, 62.5 / 382.5, 0.0, null)));
  }

  @Test
  void withoutAReportingCurrencyEachCurrencyIsItsOwnGrainAndSpendIsLeftOut() {
    Dataset<Row> summary =
        AttributionSummary.of(
            credits(), ReportFixtures.spend(), MODELS, AS_OF, ReportingCurrency.none());
    // Never summed across currencies: shares are within each currency. Spend has no currency,
    // so with several currencies it is not compared with revenue.
    assertRows(
        summary
            .filter(col("dimension").equalTo("channel"))
            .filter(col("attributed_revenue").gt(0))
            .select("value", "currency", "attributed_revenue", "revenue_share", "spend"),
        Arrays.asList(
            Arrays.asList("paid_search", "USD", 100.0, 1.0, null),
            Arrays.asList("paid_search", "EUR", 200.0, 1.0, null),
            Arrays.asList("email", "GBP", 50.0, 1.0, null)));
  }

  @Test
  void anAmountInACurrencyWithoutRateIsNeverSummed() {
    ReportingCurrency usdEurOnly = ReportingCurrency.into("USD", Map.of("EUR", 1.1));
    Dataset<Row> summary =
        AttributionSummary.of(credits(), ReportFixtures.noSpend(), MODELS, AS_OF, usdEurOnly);
    assertThatThrownBy(summary::collectAsList)
        .hasMessageContaining(
            "Amounts in currency 'GBP' cannot be converted into USD: add reporting.rates.GBP");
  }

  @Test
  void anAmountWithNoCurrencyIsNeverSummedEither() {
    // Validation quarantines such an opportunity (unknown_currency); were one to reach the
    // summary, it would not be counted as if it were in the reporting currency.
    Dataset<Row> credits =
        Frames.of(
            ReportFixtures.CREDITS,
            credit("o1", "t1", "email", "USD", 100),
            credit("o2", "t2", "email", null, 50));
    Dataset<Row> summary =
        AttributionSummary.of(
            credits,
            ReportFixtures.noSpend(),
            MODELS,
            AS_OF,
            ReportingCurrency.into("USD", Map.of("EUR", 1.1)));
    assertThatThrownBy(summary::collectAsList)
        .hasMessageContaining("Amounts with no currency cannot be converted into USD");
  }

  @Test
  void aRateOtherThanOneForTheReportingCurrencyIsAConfigError() {
    assertThatThrownBy(
            () -> new ReportingConfig(Optional.of("USD"), Map.of("USD", 0.9, "EUR", 1.1)))
        .isInstanceOf(RevattrException.class)
        .hasMessage(
            "Config key 'reporting.rates.USD' has the bad value 0.9; allowed: 1 (it is the"
                + " reporting currency) or no entry.");
  }

  private static Object[] credit(
      String opportunity, String touch, String channel, String currency, double amount) {
    // Every touch on 2024-02-01, 29 days before the close on 2024-03-01.
    return ReportFixtures.credit(
        "ft",
        opportunity,
        touch,
        "2024-02-01T00:00:00Z",
        channel,
        null,
        "ad_click",
        "marketing",
        "won",
        currency,
        1.0,
        amount,
        29.0);
  }
}
