package io.revattr.common.error;

/** What went wrong, and so which exit code the command line returns. */
public enum ErrorKind {
  /** Bad command-line usage or a bad configuration value. */
  USAGE(2),
  /** The input's structure is wrong: a missing table or column, or a column that cannot be cast. */
  INPUT_STRUCTURE(3),
  /** Anything else: a failed write, a broken invariant. */
  FAILURE(1),
  /**
   * The run is committed (its results are what readers see), but a step after the commit failed:
   * removing older runs' rows, or writing the HTML report. Running it again is not needed.
   */
  AFTER_COMMIT(4);

  private final int exitCode;

  ErrorKind(int exitCode) {
    this.exitCode = exitCode;
  }

  /** The process exit code for this kind of error. */
  public int exitCode() {
    return exitCode;
  }
}
