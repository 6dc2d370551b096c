package io.revattr.jobs.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A deterministic synthetic warehouse in the contract's schema, built in Spark so that it scales to
 * tens of millions of touches: accounts with several contacts, leads converted to contacts, to the
 * account only or never, anonymous visitors identified or not, account-level touches, marketing and
 * sales touches, open, won and lost opportunities in several currencies, contact roles, spend and
 * campaigns. Every timestamp lies in 2024 and 2025, so an as-of of 2025-12-31 sees everything.
 */
public final class SampleWarehouse {
  /** The as-of date under which every generated record is in the past. */
  public static final String LATEST_AS_OF = "2025-12-31";

  static final long START_SECONDS = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
  static final long DAY = 86_400L;

  private final SparkSession spark;
  private final long accounts;
  private final int touchesPerAccount;
  private final SampleRandom random;
  private double faultRate;

  /**
   * @param spark the session
   * @param accounts number of accounts
   * @param touchesPerAccount mean number of touches per account
   * @param seed the seed: the same seed gives the same rows
   */
  public SampleWarehouse(SparkSession spark, long accounts, int touchesPerAccount, long seed) {
    this.spark = spark;
    this.accounts = accounts;
    this.touchesPerAccount = touchesPerAccount;
    this.random = new SampleRandom(seed);
  }

  /**
   * This warehouse with faults injected at {@code rate} (0 for none): every kind of bad record, and
   * exact duplicates, each in a fraction {@code rate} of each table's rows (see {@link
   * FaultInjection}).
   */
  public SampleWarehouse withFaults(double rate) {
    if (!(rate >= 0 && rate <= FaultInjection.MAX_RATE)) {
      throw new IllegalArgumentException(
          "fault rate must be in [0, " + FaultInjection.MAX_RATE + "]");
    }
    this.faultRate = rate;
    return this;
  }

  /** Every table, by its canonical name. */
  public Map<String, Dataset<Row>> tables() {
    Map<String, Dataset<Row>> clean = cleanTables();
    return faultRate > 0 ? new FaultInjection(random, faultRate).inject(clean) : clean;
  }

  private Map<String, Dataset<Row>> cleanTables() {
    Dataset<Row> accountFrame = accountFrame();
    Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
    SamplePeople people = new SamplePeople(random);
    tables.put("contacts", people.contacts(accountFrame));
    tables.put("leads", people.leads(accountFrame));
    tables.put("identities", people.identities(accountFrame));
    SampleDeals deals = new SampleDeals(random);
    Dataset<Row> opportunities = deals.opportunities(accountFrame);
    tables.put("opportunities", opportunities);
    tables.put("opportunity_contact_roles", deals.roles(opportunities, accountFrame));
    tables.put("touchpoints", new SampleTouches(random, touchesPerAccount).touches(accountFrame));
    tables.put("spend", SampleMarketing.spend(spark, accounts, random));
    tables.put("campaigns", SampleMarketing.campaigns(spark));
    return tables;
  }

  /**
   * One row per account: its id, number of contacts, converted-to-account and unconverted leads,
   * anonymous visitors, and the start and length of its activity.
   */
  private Dataset<Row> accountFrame() {
    Column n = col("id");
    return spark
        .range(accounts)
        .select(
            n.as("account_index"),
            format_string("ACC-%07d", n).as("account_id"),
            random.between(1, 5, "contacts", n).as("n_contacts"),
            random.between(0, 2, "account_leads", n).as("n_account_leads"),
            random.between(0, 2, "open_leads", n).as("n_unconverted_leads"),
            random.between(0, 3, "visitors", n).as("n_visitors"),
            random.between(0, 400, "start", n).multiply(DAY).plus(START_SECONDS).as("start_s"),
            random.between(30, 240, "span", n).multiply(DAY).as("span_s"));
  }

  /** Seconds since the epoch to a timestamp column. */
  static Column ts(Column seconds) {
    return timestamp_seconds(seconds);
  }

  /** Explodes {@code 1..count} into an index column. */
  static Column indices(Column count) {
    return explode(sequence(lit(1L), count.cast("long")));
  }

  /** An id {@code prefix-<account>-<index>}. */
  static Column childId(String prefix, Column index) {
    return concat(lit(prefix + "-"), col("account_id"), lit("-"), index.cast("string"));
  }

  /** Null unless {@code condition}. */
  static Column onlyIf(Column condition, Column value) {
    return when(condition, value);
  }
}
