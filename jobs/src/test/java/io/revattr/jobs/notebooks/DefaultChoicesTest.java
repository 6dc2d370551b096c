package io.revattr.jobs.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the notebooks show when no currency or opportunity is asked for, on a run without a
 * reporting currency whose deals are in yen and dollars: amounts in different currencies are never
 * compared, so one large yen deal does not outweigh many dollar deals.
 */
class DefaultChoicesTest {
  private static final String FRAMES =
      "import pandas as pd\n"
          + "import revattr_nb as nb\n"
          + "def journey(opportunity, touches, stage, amount, currency):\n"
          + "    return pd.DataFrame({'opportunity_id': opportunity,\n"
          + "        'touch_id': [f'{opportunity}-{i}' for i in range(touches)],\n"
          + "        'stage': stage, 'amount': amount, 'currency': currency})\n"
          // One yen deal of 5,000,000 (about 33,000 dollars); two readable dollar deals; a larger
          // dollar deal too short to read (3 touches); a lost one.
          + "journeys = pd.concat([journey('jpy', 8, 'won', 5_000_000.0, 'JPY'),\n"
          + "    journey('usd_small', 8, 'won', 900.0, 'USD'),\n"
          + "    journey('usd_large', 7, 'won', 1_200.0, 'USD'),\n"
          + "    journey('usd_short', 3, 'won', 50_000.0, 'USD'),\n"
          + "    journey('usd_lost', 9, 'lost', 90_000.0, 'USD')])\n";

  @Test
  void theDefaultCurrencyIsTheOneOfTheMostDealsNotOfTheLargestSum() {
    List<String> printed =
        printed(
            FRAMES
                + "velocity = journeys.groupby('opportunity_id', as_index=False).first()\n"
                + "print('velocity', nb.currency_with_most(velocity))\n"
                + "summary = pd.DataFrame({'dimension': 'channel', 'currency': ['JPY', 'USD', 'USD'],\n"
                + "    'attributed_pipeline': [5e6, 900.0, 1200.0],\n"
                + "    'attributed_opportunities': [1.0, 1.5, 1.5]})\n"
                + "print('summary', nb.report_currency(summary))\n"
                + "print('asked', nb.report_currency(summary, 'JPY'))\n"
                + "tied = pd.DataFrame({'currency': ['USD', 'EUR']})\n"
                + "print('tied', nb.currency_with_most(tied))\n");
    assertThat(printed).containsExactly("velocity USD", "summary USD", "asked JPY", "tied EUR");
  }

  @Test
  void theShownJourneyIsTheLargestReadableWonDealOfThatCurrency() {
    List<String> printed =
        printed(
            FRAMES
                + "print('own currencies', nb.showcase_opportunity(journeys))\n"
                // With a reporting currency the run converted every amount: the yen deal is the
                // largest of one currency.
                + "converted = journeys.groupby('opportunity_id', as_index=False).first()\n"
                + "converted['amount'] = converted['amount'].where(converted['currency'] != 'JPY',"
                + " 33_000.0)\n"
                + "converted['currency'] = 'USD'\n"
                + "print('reporting currency', nb.showcase_opportunity(journeys, converted))\n"
                + "lost = journeys[journeys['stage'] == 'lost']\n"
                + "print('no readable won deal', nb.showcase_opportunity(lost))\n");
    assertThat(printed)
        .containsExactly(
            "own currencies usd_large", "reporting currency jpy", "no readable won deal usd_lost");
  }

  /** The lines the snippet printed (a library's warning on stderr may come between). */
  private static List<String> printed(String code) {
    PythonEnvironment.Result result =
        PythonEnvironment.run(
            List.of(PythonEnvironment.python().toString(), "-c", code),
            PythonEnvironment.NOTEBOOKS,
            Map.of(),
            5);
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result
        .output()
        .lines()
        .filter(
            l ->
                l.matches(
                    "(velocity|summary|asked|tied|own currencies|reporting currency|no readable won deal) .*"))
        .toList();
  }
}
