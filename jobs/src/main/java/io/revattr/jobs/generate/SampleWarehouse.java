package io.revattr.jobs.generate;

import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sqrt;
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

  /** The largest Pareto shape of {@link #withAccountSkew} (larger shapes are barely skewed). */
  public static final double MAX_SKEW_SHAPE = 10;

  /** Which account skews {@link #withAccountSkew} takes, in words. */
  public static final String ACCOUNT_SKEW_RULE =
      "0 (none) or a Pareto shape above 1 and at most " + (int) MAX_SKEW_SHAPE;

  /**
   * The version of the generator's rows: the same seed and sizes give the same rows within one
   * version. Caches of generated warehouses from another version are stale.
   */
  public static final int GENERATOR_VERSION = 2;

  /** The largest account size factor of a skewed warehouse, in multiples of the mean account. */
  static final double MAX_SIZE_FACTOR = 5_000;

  /** The size factor of each account: its touches in multiples of the mean (1 unless skewed). */
  static final String SIZE_FACTOR = "size_factor";

  /**
   * How many times the usual number of contacts and opportunities an account has: the square root
   * of its size factor, rounded up (1 unless skewed).
   */
  static final String SIZE_SCALE = "size_scale";

  private final SparkSession spark;
  private final long accounts;
  private final int touchesPerAccount;
  private final SampleRandom random;
  private double faultRate;
  private double accountSkew;

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

  /**
   * This warehouse with account sizes drawn from a Pareto distribution of shape {@code shape}
   * (above 1; 0 for none, every account about the mean size), as in real CRMs where a few
   * enterprise accounts hold a large share of the touches. An account's touches are the usual
   * number times its size factor (mean 1, at most {@value #MAX_SIZE_FACTOR}), and its contacts and
   * opportunities the usual numbers times the factor's square root, rounded up. The smaller the
   * shape, the heavier the tail: at 1.5 the top 1% of the accounts hold about a fifth of the
   * touches (0.01^(1/3)), and the largest of 250,000 accounts is typically over a thousand times
   * the mean.
   */
  public SampleWarehouse withAccountSkew(double shape) {
    if (!isAccountSkew(shape)) {
      throw new IllegalArgumentException("account skew must be " + ACCOUNT_SKEW_RULE);
    }
    this.accountSkew = shape;
    return this;
  }

  /** Whether {@link #withAccountSkew} takes {@code shape}. */
  public static boolean isAccountSkew(double shape) {
    return shape == 0 || (shape > 1 && shape <= MAX_SKEW_SHAPE);
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
   * One row per account: its id, size factor and scale, number of contacts, converted-to-account
   * and unconverted leads, anonymous visitors, and the start and length of its activity.
   */
  private Dataset<Row> accountFrame() {
    Column n = col("id");
    Column sizeFactor = sizeFactor(n);
    Column sizeScale = ceil(sqrt(sizeFactor)).cast("long");
    return spark
        .range(accounts)
        .select(
            n.as("account_index"),
            format_string("ACC-%07d", n).as("account_id"),
            sizeFactor.as(SIZE_FACTOR),
            sizeScale.as(SIZE_SCALE),
            random.between(1, 5, "contacts", n).multiply(sizeScale).as("n_contacts"),
            random.between(0, 2, "account_leads", n).as("n_account_leads"),
            random.between(0, 2, "open_leads", n).as("n_unconverted_leads"),
            random.between(0, 3, "visitors", n).as("n_visitors"),
            random.between(0, 400, "start", n).multiply(DAY).plus(START_SECONDS).as("start_s"),
            random.between(30, 240, "span", n).multiply(DAY).as("span_s"));
  }

  /**
   * 1 when not skewed; else a Pareto draw of mean 1: the minimum (shape - 1) / shape times (1 -
   * u)^(-1 / shape), capped at {@value #MAX_SIZE_FACTOR}.
   */
  private Column sizeFactor(Column account) {
    if (accountSkew == 0) {
      return lit(1.0);
    }
    Column tail = pow(lit(1.0).minus(random.uniform("size", account)), -1 / accountSkew);
    return least(tail.multiply((accountSkew - 1) / accountSkew), lit(MAX_SIZE_FACTOR));
  }

  /** Seconds since the epoch to a timestamp column. */
  static Column ts(Column seconds) {
    return timestamp_seconds(seconds);
  }

  /** Explodes {@code 1..count} into an index column: no row when the count is 0. */
  static Column indices(Column count) {
    // sequence(1, 0) counts down to [1, 0]; a null array explodes to no row.
    return explode(when(count.geq(1), sequence(lit(1L), count.cast("long"))));
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
