package io.revattr.jobs.generate;

import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Deterministic pseudo-random numbers as Columns: a hash of the seed, a salt naming the draw and
 * the row's ids. The same seed gives the same rows whatever the partitioning, unlike {@code
 * rand(seed)}.
 */
final class SampleRandom {
  private static final double TWO_POW_63 = 9.223372036854775807E18;

  private final long seed;

  SampleRandom(long seed) {
    this.seed = seed;
  }

  /** A uniform number in [0, 1) for this draw and these ids. */
  Column uniform(String salt, Column... ids) {
    List<Column> parts = new ArrayList<>();
    parts.add(lit(seed));
    parts.add(lit(salt));
    parts.addAll(List.of(ids));
    Column hash = xxhash64(parts.toArray(Column[]::new));
    return hash.bitwiseAND(lit(Long.MAX_VALUE)).divide(TWO_POW_63);
  }

  /** A whole number in [low, high] for this draw and these ids. */
  Column between(long low, long high, String salt, Column... ids) {
    return floor(uniform(salt, ids).multiply(high - low + 1)).plus(low).cast("long");
  }
}
