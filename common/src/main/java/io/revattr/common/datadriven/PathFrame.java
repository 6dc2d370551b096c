package io.revattr.common.datadriven;

import static io.revattr.common.journey.JourneyColumns.OPPORTUNITY_ACCOUNT_ID;
import static io.revattr.common.journey.JourneyColumns.POSITION;
import static io.revattr.common.journey.JourneyColumns.STAGE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.shiftrightunsigned;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.revattr.common.schema.Stages;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The one input of the data-driven models: channel paths with how often each ended in a conversion
 * and in none. Journeys and aggregated path files are both turned into this frame, and everything
 * after it (transition counts, coalition counts, the solvers) is shared.
 *
 * <p>Columns: {@value #PATH_ID} (what identifies a path), {@value #RESAMPLE_UNIT} (what the
 * bootstrap draws as one), {@value #CHANNELS} (array of channel names in journey order, repeats not
 * yet collapsed), {@value #CONVERSIONS} and {@value #NULLS} (weights, doubles), and after {@link
 * #resample} or {@link #single} the {@value #SAMPLE} index.
 */
public final class PathFrame {
  /** What identifies a path: the opportunity id of a journey, the path text of a path file. */
  public static final String PATH_ID = "path_id";

  /**
   * What the bootstrap draws as one: a journey's account, whose opportunities share its touches
   * (under the account mapping) and so are not independent evidence; a path file's path.
   */
  public static final String RESAMPLE_UNIT = "resample_unit";

  /** The path's channels, in order, consecutive repeats kept. */
  public static final String CHANNELS = "channels";

  /** How many times (or with what weight) the path ended in a conversion. */
  public static final String CONVERSIONS = "conversions";

  /** How many times (or with what weight) the path ended without a conversion. */
  public static final String NULLS = "nulls";

  /** The sample index: 0 is the data as it is, 1..B the bootstrap resamples. */
  public static final String SAMPLE = "sample";

  private static final String TOUCHES = "_touches";
  private static final String WEIGHT = "_bootstrap_weight";

  /**
   * Cumulative distribution of Poisson(1) at 0, 1, 2, ...: {@code e^-1 * sum_{i<=k} 1/i!}. Its
   * inverse turns a uniform number into a Poisson(1) weight; the tail past 12 has probability below
   * 1e-10 and is cut there.
   */
  private static final double[] POISSON_ONE_CDF = poissonOneCdf(12);

  private PathFrame() {}

  /**
   * The closed journeys (won or lost) that have at least one touch, one row per opportunity: its
   * channels in journey order, conversions 1 for won (else 0), nulls 1 for lost (else 0). Open
   * opportunities are left out (they have no outcome yet), and so are closed ones without a touch
   * (they say nothing about channels; the credits mark them unattributed). The bootstrap draws the
   * opportunities of one account together.
   *
   * @param journeys the frame of {@link io.revattr.common.journey.Journeys#build}
   */
  public static Dataset<Row> fromJourneys(Dataset<Row> journeys) {
    return journeys
        .filter(Stages.isClosed(col(STAGE)).and(col("touch_id").isNotNull()))
        .groupBy(col("opportunity_id"), col(STAGE), col(OPPORTUNITY_ACCOUNT_ID))
        .agg(sort_array(collect_list(struct(col(POSITION), col("channel")))).as(TOUCHES))
        .select(
            col("opportunity_id").as(PATH_ID),
            col(OPPORTUNITY_ACCOUNT_ID).as(RESAMPLE_UNIT),
            transform(col(TOUCHES), t -> t.getField("channel")).as(CHANNELS),
            when(col(STAGE).equalTo(Stages.WON), 1.0).otherwise(0.0).as(CONVERSIONS),
            when(col(STAGE).equalTo(Stages.LOST), 1.0).otherwise(0.0).as(NULLS));
  }

  /**
   * Aggregated paths, the format of the open-source attribution packages: {@code path} as "a > b >
   * c", {@code total_conversions}, {@code total_null}. Channel names are trimmed. The caller checks
   * that every row has a path and non-negative counts.
   */
  public static Dataset<Row> fromAggregatedPaths(Dataset<Row> paths) {
    return paths.select(
        col("path").as(PATH_ID),
        col("path").as(RESAMPLE_UNIT),
        transform(split(col("path"), ">"), c -> trim(c)).as(CHANNELS),
        col("total_conversions").cast("double").as(CONVERSIONS),
        col("total_null").cast("double").as(NULLS));
  }

  /** The frame as one sample (index 0), unweighted. */
  public static Dataset<Row> single(Dataset<Row> paths) {
    return paths.withColumn(SAMPLE, lit(0));
  }

  /**
   * Sample 0 (the data as it is) and {@code samples} bootstrap resamples in one frame. Resample b
   * weights each {@value #RESAMPLE_UNIT} by an independent Poisson(1) draw (the Poisson bootstrap:
   * in the limit the same as drawing the units with replacement), every path of the unit by the
   * same draw, derived from a hash of the seed, b and the unit, so that it is the same on every run
   * and every partitioning. Paths drawn 0 times are dropped from that resample.
   */
  public static Dataset<Row> resample(Dataset<Row> paths, int samples, long seed) {
    Column uniform =
        shiftrightunsigned(xxhash64(lit(seed), col(SAMPLE), col(RESAMPLE_UNIT)), 11)
            .cast("double")
            .divide((double) (1L << 53));
    return paths
        .withColumn(SAMPLE, explode(sequence(lit(0), lit(samples))))
        .withColumn(WEIGHT, when(col(SAMPLE).equalTo(0), 1.0).otherwise(poissonOne(uniform)))
        .filter(col(WEIGHT).gt(0))
        .withColumn(CONVERSIONS, col(CONVERSIONS).multiply(col(WEIGHT)))
        .withColumn(NULLS, col(NULLS).multiply(col(WEIGHT)))
        .drop(WEIGHT);
  }

  /** The Poisson(1) draw whose inverse distribution function maps {@code uniform} in [0, 1). */
  static Column poissonOne(Column uniform) {
    Column draw = when(uniform.lt(POISSON_ONE_CDF[0]), 0.0);
    for (int k = 1; k < POISSON_ONE_CDF.length; k++) {
      draw = draw.when(uniform.lt(POISSON_ONE_CDF[k]), (double) k);
    }
    return draw.otherwise((double) POISSON_ONE_CDF.length);
  }

  static double[] poissonOneCdf(int maxK) {
    double[] cdf = new double[maxK + 1];
    double term = Math.exp(-1);
    double total = 0;
    for (int k = 0; k <= maxK; k++) {
      if (k > 0) {
        term /= k;
      }
      total += term;
      cdf[k] = total;
    }
    return cdf;
  }
}
