package io.revattr.jobs.io;

import java.util.ConcurrentModificationException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Retries a Delta write that lost an optimistic-concurrency race.
 *
 * <p>Delta's conflict exceptions ({@code io.delta.exceptions.ConcurrentAppendException}, {@code
 * ConcurrentDeleteReadException}, {@code ConcurrentDeleteDeleteException}, {@code
 * MetadataChangedException}, {@code ProtocolChangedException}, ...) all extend {@link
 * ConcurrentModificationException}. Only writes that can be repeated safely are retried: a retried
 * staging write replaces the run's own rows (its first attempt may have landed, see {@link
 * ResultWriter#stage}), the withdrawal and the retirement of rows touch one as-of and run ids, and
 * the commit's MERGE into {@code runs} inserts a run's row at most once. Two runs conflict when
 * both create a table or add columns to it, when both remove the same files (two retires, or a
 * retire and a withdrawal, of one as-of), and whenever both commit at once (the MERGE reads the
 * whole runs table). A staging append conflicts with no other run's removal: a run that stages
 * after another's retire read the table is refused at its commit and withdraws its rows.
 */
public final class DeltaRetry {
  private static final Logger LOG = LogManager.getLogger(DeltaRetry.class);

  /**
   * Attempts of one write. Every commit into {@code runs} conflicts with every other run's commit
   * at the same moment, so runs of many as-of dates finishing together (a backfill) take turns: 21
   * to 43 s of waits in all.
   */
  static final int ATTEMPTS = 10;

  private static final long FIRST_BACKOFF_MILLIS = 200;
  private static final long MAX_BACKOFF_MILLIS = 10_000;

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

  /** Like {@link #run}, telling the write its attempt: 1 for the first, more for each retry. */
  public static void runAttempt(String what, IntConsumer write) {
    call(
        what,
        attempt -> {
          write.accept(attempt);
          return null;
        });
  }

  /** Like {@link #run}, returning the write's result. */
  public static <T> T call(String what, Supplier<T> write) {
    return call(what, attempt -> write.get());
  }

  private static <T> T call(String what, IntFunction<T> write) {
    return call(what, write, DeltaRetry::sleep);
  }

  static <T> T call(String what, IntFunction<T> write, LongConsumer sleep) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.apply(attempt);
      } catch (ConcurrentModificationException conflict) {
        if (attempt >= ATTEMPTS) {
          throw conflict;
        }
        long backoff = backoffMillis(attempt, ThreadLocalRandom.current().nextDouble());
        LOG.warn(
            "{}: a concurrent commit conflicted ({}); retry {} of {} in {} ms",
            what,
            conflict.getClass().getSimpleName(),
            attempt,
            ATTEMPTS - 1,
            backoff);
        sleep.accept(backoff);
      }
    }
  }

  /**
   * The wait before retry {@code retry} (1 for the first): doubling from 200 ms up to 10 s, each
   * drawn from the upper half of its range by {@code random} (in [0, 1)), so that runs that
   * conflicted at one moment do not all retry at the next.
   */
  static long backoffMillis(int retry, double random) {
    long ceiling = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(retry - 1, 16));
    return ceiling / 2 + (long) (random * (ceiling / 2));
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
