package io.revattr.jobs.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revattr.testsupport.SharedSpark;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generator's counts per account: a drawn count of 0 gives no rows, and a skewed warehouse puts
 * a Pareto tail of the touches into few large accounts.
 */
class SampleWarehouseTest {
  private static final long ACCOUNTS = 2_000;
  private static final int TOUCHES_PER_ACCOUNT = 40;

  private static Map<String, Dataset<Row>> uniform;
  private static Map<String, Dataset<Row>> skewed;

  @BeforeAll
  static void generate() {
    uniform = new SampleWarehouse(SharedSpark.spark(), ACCOUNTS, TOUCHES_PER_ACCOUNT, 7).tables();
    skewed =
        new SampleWarehouse(SharedSpark.spark(), ACCOUNTS, TOUCHES_PER_ACCOUNT, 7)
            .withAccountSkew(1.5)
            .tables();
  }

  @Test
  void spendMonthsAreWrittenInAsciiDigitsWhateverTheMachinesLocale() {
    Locale machine = Locale.getDefault();
    Locale machineFormat = Locale.getDefault(Locale.Category.FORMAT);
    // Arabic digits by default: String.format without a locale wrote 2024-03 as \u0662\u0660...
    Locale.setDefault(Locale.forLanguageTag("ar-SA"));
    Dataset<Row> spend;
    try {
      // The rows are made here, on the driver; Spark's own work runs in the machine's locale.
      spend = SampleMarketing.spend(SharedSpark.spark(), 100, new SampleRandom(7));
    } finally {
      Locale.setDefault(machine);
      Locale.setDefault(Locale.Category.FORMAT, machineFormat);
    }
    List<String> months =
        spend.select("month").distinct().orderBy("month").as(Encoders.STRING()).collectAsList();
    assertThat(months).hasSize(24).startsWith("2024-01", "2024-02").endsWith("2025-12");
  }

  @Test
  void aDrawnCountOfZeroGivesNoRows() {
    // Child ids count from 1: a child numbered 0 would be a row of an account that drew none.
    for (String table : List.of("contacts", "leads", "opportunities", "touchpoints")) {
      String id = uniform.get(table).columns()[0];
      assertThat(uniform.get(table).filter(col(id).endsWith("-0")).count())
          .as("%s numbered 0", table)
          .isZero();
    }
    // A quarter of the accounts draw no opportunity, 3% no activity touch.
    long withOpportunities = uniform.get("opportunities").select("account_id").distinct().count();
    assertThat(withOpportunities).isBetween(ACCOUNTS * 65 / 100, ACCOUNTS * 85 / 100);
    long withActivity = touchesPerAccount(uniform).size();
    assertThat(withActivity).isBetween(ACCOUNTS * 94 / 100, ACCOUNTS * 99 / 100);
  }

  @Test
  void uniformAccountsStayNearTheMean() {
    List<Long> sizes = touchesPerAccount(uniform);
    // Activity touches are drawn from [20, 60].
    assertThat(sizes.get(0)).isLessThanOrEqualTo(60);
    assertThat(topShare(sizes, 0.01)).isLessThan(0.03);
  }

  @Test
  void skewedAccountsHaveAParetoTail() {
    List<Long> sizes = touchesPerAccount(skewed);
    double mean = sizes.stream().mapToLong(Long::longValue).sum() / (double) ACCOUNTS;
    // Pareto of shape 1.5 and mean 1: the top 1% of 2,000 accounts hold 0.01^(1/3) = 22% of the
    // mass and the largest is about (2000^(2/3)) / 3 = 53 times the mean; the median is 0.53.
    assertThat(topShare(sizes, 0.01)).isBetween(0.12, 0.45);
    assertThat(sizes.get(0) / mean).isGreaterThan(20);
    assertThat((double) sizes.get(sizes.size() / 2)).isLessThan(0.8 * mean);
    assertThat(mean).isBetween(0.6 * TOUCHES_PER_ACCOUNT, 1.6 * TOUCHES_PER_ACCOUNT);
    // Large accounts have more people and deals than the usual at most 5 and 3.
    assertThat(maxPerAccount(skewed.get("contacts"))).isGreaterThan(5);
    assertThat(maxPerAccount(skewed.get("opportunities"))).isGreaterThan(3);
  }

  @Test
  void skewIsZeroOrAParetoShapeWithAFiniteMean() {
    SampleWarehouse warehouse = new SampleWarehouse(SharedSpark.spark(), 1, 1, 7);
    for (double bad : new double[] {-1, 0.5, 1, 11, Double.NaN}) {
      assertThatThrownBy(() -> warehouse.withAccountSkew(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Pareto shape above 1");
    }
  }

  /** Activity touches (not the form fills at lead creation) per account, largest first. */
  private static List<Long> touchesPerAccount(Map<String, Dataset<Row>> tables) {
    return tables
        .get("touchpoints")
        .filter(col("touch_id").startsWith("T-"))
        .groupBy(regexp_extract(col("touch_id"), "^T-(ACC-[0-9]+)-", 1).as("account"))
        .agg(count("*").as("touches"))
        .collectAsList()
        .stream()
        .map(r -> r.getLong(1))
        .sorted(Comparator.reverseOrder())
        .toList();
  }

  /** The share of all touches that the largest {@code fraction} of the accounts hold. */
  private static double topShare(List<Long> sizesLargestFirst, double fraction) {
    long total = sizesLargestFirst.stream().mapToLong(Long::longValue).sum();
    long top =
        sizesLargestFirst.stream()
            .limit(Math.round(ACCOUNTS * fraction))
            .mapToLong(Long::longValue)
            .sum();
    return top / (double) total;
  }

  private static long maxPerAccount(Dataset<Row> rows) {
    return rows.groupBy("account_id")
        .count()
        .agg(org.apache.spark.sql.functions.max("count"))
        .first()
        .getLong(0);
  }
}
