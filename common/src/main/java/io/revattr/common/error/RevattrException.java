package io.revattr.common.error;

/**
 * A user-facing error: one message that says what is wrong, why, and how to fix it.
 *
 * <p>Every instance is built by {@link Errors}, {@link InputErrors} or {@link ConfigErrors}, so
 * that messages keep one shape and tests can pin them.
 */
public final class RevattrException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;

  RevattrException(ErrorKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** The kind of error, which decides the exit code. */
  public ErrorKind kind() {
    return kind;
  }
}
