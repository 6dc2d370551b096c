package org.apache.hadoop.fs;

/**
 * Makes the {@link FSError} that Hadoop's local file system throws when a write fails (a full
 * disk): its constructor is package-private, so tests that simulate the failure make it here.
 */
public final class FsErrors {
  private FsErrors() {}

  /** The error a failed local write raises, wrapping {@code cause}. */
  public static FSError writeFailed(Throwable cause) {
    return new FSError(cause);
  }
}
