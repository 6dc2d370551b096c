package io.revattr.jobs.io;

/**
 * Paths for Spark's file sources (CSV, Parquet), which expand Hadoop glob patterns: a directory
 * named {@code wh[2025]} would be read as the pattern {@code wh2}, {@code wh0}, {@code wh5}. Delta
 * takes its paths literally and needs none of this.
 */
public final class FileSourcePaths {
  private static final String GLOB_CHARACTERS = "\\{}[]*?";

  private FileSourcePaths() {}

  /** {@code path} with each glob character escaped, so that the source reads exactly it. */
  public static String literal(String path) {
    StringBuilder escaped = new StringBuilder(path.length());
    for (char c : path.toCharArray()) {
      if (GLOB_CHARACTERS.indexOf(c) >= 0) {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }
}
