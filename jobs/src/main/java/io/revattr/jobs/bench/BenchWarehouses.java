package io.revattr.jobs.bench;

import io.revattr.jobs.generate.GenerateCommand;
import io.revattr.jobs.generate.SampleWarehouse;
import io.revattr.jobs.io.InputFormat;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmark's sample warehouses (Parquet, or CSV), generated once and reused: each lives in a
 * directory named by its size, touches per account, account skew, seed and format, and counts as
 * complete only when its marker file, written after every table, exists and names the generator
 * version in use (a warehouse of an older generator is generated again).
 */
final class BenchWarehouses {
  private static final String MARKER = "_bench_warehouse.properties";
  private static final String GENERATOR = "generator";

  private final SparkSession spark;
  private final Path root;
  private final int touchesPerAccount;
  private final long seed;
  private final double accountSkew;
  private final InputFormat format;

  BenchWarehouses(
      SparkSession spark,
      Path root,
      int touchesPerAccount,
      long seed,
      double accountSkew,
      InputFormat format) {
    if (format != InputFormat.PARQUET && format != InputFormat.CSV) {
      throw new IllegalArgumentException("bench warehouses are Parquet or CSV, not " + format);
    }
    this.spark = spark;
    this.root = root;
    this.touchesPerAccount = touchesPerAccount;
    this.seed = seed;
    this.accountSkew = accountSkew;
    this.format = format;
  }

  /** A generated warehouse: its directory, its touches, whether it was cached, its format. */
  record Warehouse(Path dir, long touches, boolean cached, InputFormat format) {}

  /** The warehouse of the given size, generated now unless a complete one is cached. */
  Warehouse ensure(BenchSize size) throws IOException {
    Path dir = root.resolve(directoryName(size));
    Path marker = dir.resolve(MARKER);
    if (Files.isRegularFile(marker)) {
      Properties counts = new Properties();
      try (Reader in = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
        counts.load(in);
      }
      if (String.valueOf(SampleWarehouse.GENERATOR_VERSION).equals(counts.getProperty(GENERATOR))) {
        return new Warehouse(
            dir, Long.parseLong(counts.getProperty("touchpoints", "0")), true, format);
      }
      Files.delete(marker);
    }
    Files.createDirectories(dir);
    Map<String, Long> written =
        GenerateCommand.write(
            spark,
            new SampleWarehouse(spark, size.accounts(touchesPerAccount), touchesPerAccount, seed)
                .withAccountSkew(accountSkew),
            dir.toString(),
            format.cliName());
    Properties counts = new Properties();
    written.forEach((table, rows) -> counts.setProperty(table, Long.toString(rows)));
    counts.setProperty("accounts", Long.toString(size.accounts(touchesPerAccount)));
    counts.setProperty(GENERATOR, String.valueOf(SampleWarehouse.GENERATOR_VERSION));
    try (Writer out = Files.newBufferedWriter(marker, StandardCharsets.UTF_8)) {
      counts.store(out, "revattr bench warehouse: complete");
    }
    return new Warehouse(dir, written.getOrDefault("touchpoints", 0L), false, format);
  }

  /**
   * The directory of a size's warehouse: its size, touches per account, skew and seed, and {@code
   * -csv} for CSV (a Parquet warehouse's name has no format, as before CSV ones existed).
   */
  String directoryName(BenchSize size) {
    return "touches-"
        + size.label()
        + "-per-account-"
        + touchesPerAccount
        + (accountSkew > 0 ? "-skew-" + accountSkew : "")
        + "-seed-"
        + seed
        + (format == InputFormat.CSV ? "-csv" : "");
  }
}
