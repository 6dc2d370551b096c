package io.revattr.jobs.io;

import java.util.List;
import java.util.Locale;

/** Storage formats of the input tables. */
public enum InputFormat {
  AUTO,
  CSV,
  PARQUET,
  DELTA;

  /**
   * The escape of a quote inside a quoted CSV value: the quote doubled (RFC 4180), as revattr reads
   * CSV (Spark's default is a backslash).
   */
  public static final String CSV_ESCAPE = "\"";

  /** The name used on the command line. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every command-line name. */
  public static List<String> cliNames() {
    return List.of("auto", "csv", "parquet", "delta");
  }

  /** Parses a command-line name. */
  public static InputFormat fromCli(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
