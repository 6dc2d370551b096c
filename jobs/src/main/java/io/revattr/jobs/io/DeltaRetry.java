package io.revattr.jobs.io;

import java.util.ConcurrentModificationException;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Retries a Delta write that lost an optimistic-concurrency race.
 *
 * <p>Delta's conflict exceptions ({@code io.delta.exceptions.ConcurrentAppendException}, {@code
 * ConcurrentDeleteReadException}, {@code ConcurrentDeleteDeleteException}, {@code
 * MetadataChangedException}, {@code ProtocolChangedException}, ...) all extend {@link
 * ConcurrentModificationException}. Only idempotent writes are retried: the staging write, the
 * withdrawal and the retirement of rows touch one as-of and run ids and can be repeated safely, and
 * the commit's MERGE into {@code runs} inserts a run's row at most once. Two runs conflict when
 * both create a table, when one's retire removes the partitions of a run that is staging (or, in a
 * table of an earlier version partitioned by as_of alone, when one's staging or retire meets the
 * other's in the same as-of), and whenever both commit at once (the MERGE reads the whole runs
 * table).
 */
public final class DeltaRetry {
  private static final Logger LOG = LogManager.getLogger(DeltaRetry.class);
  private static final int ATTEMPTS = 6;
  private static final long FIRST_BACKOFF_MILLIS = 200;

  private DeltaRetry() {}

  /** Runs {@code write}, retrying it with backoff when a concurrent commit conflicts with it. */
  public static void run(String what, Runnable write) {
    call(
        what,
        () -> {
          write.run();
          return null;
        });
  }

  /** Like {@link #run}, returning the write's result. */
  public static <T> T call(String what, Supplier<T> write) {
    long backoff = FIRST_BACKOFF_MILLIS;
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (ConcurrentModificationException conflict) {
        if (attempt >= ATTEMPTS) {
          throw conflict;
        }
        LOG.warn(
            "{}: a concurrent commit conflicted ({}); retry {} of {} in {} ms",
            what,
            conflict.getClass().getSimpleName(),
            attempt,
            ATTEMPTS - 1,
            backoff);
        sleep(backoff);
        backoff *= 2;
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry a Delta commit", e);
    }
  }
}
