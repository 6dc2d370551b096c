package io.revattr.jobs.run;

import io.revattr.common.config.RevattrConfig;
import io.revattr.jobs.io.InputFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Everything one attribution run needs, validated before the SparkSession starts.
 *
 * @param input the input directory, or null when reading a catalog
 * @param inputCatalog the catalog database to read the input tables from, or null
 * @param inputFormat the format of the input tables
 * @param output the output directory of the Delta tables
 * @param catalog the catalog database to register the result tables in, or null for the session's
 * @param asOf the run's as-of date
 * @param config the typed configuration
 */
public record RunSettings(
    String input,
    String inputCatalog,
    InputFormat inputFormat,
    String output,
    String catalog,
    LocalDate asOf,
    RevattrConfig config) {

  /** The end of the as-of day in UTC: the window end of open opportunities. */
  public Instant asOfEnd() {
    return asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1_000);
  }
}
