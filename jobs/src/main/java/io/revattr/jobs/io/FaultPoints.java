package io.revattr.jobs.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ConcurrentModificationException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Test-only failure injection between the steps of a run's writes, so that tests can prove that a
 * run failing (or killed) part-way leaves every table at its previous committed state.
 *
 * <p>Off unless the system property {@value #PROPERTY} is set: to a point name (for example {@code
 * staged:attribution_credits}) the run throws there; to {@code checked:<point>} it throws a checked
 * exception there, undeclared; to {@code halt:<point>} the JVM halts there at once, without
 * shutdown hooks, as a killed process would; to {@code pause:<point>:<file>} it creates the file
 * there and waits until it is deleted; to {@code conflict-once:<point>} it throws, the first time
 * this JVM reaches the point, a {@link ConcurrentModificationException} as Delta's conflict
 * exceptions are (a write whose commit landed and was then reported as a conflict). Several of
 * these, separated by {@code ;}, act each at its point (a run failing at one point, and the record
 * of its failure at another).
 */
public final class FaultPoints {
  /** The system property naming the point to fail at. */
  public static final String PROPERTY = "revattr.test.fail-at";

  /** The exit status of a halted JVM (what a SIGKILL'd process reports). */
  public static final int HALT_STATUS = 137;

  private static final Set<String> CONFLICTS_THROWN = ConcurrentHashMap.newKeySet();

  private FaultPoints() {}

  /** Called by the run at each point; a no-op unless the property names this point. */
  public static void reached(String point) {
    String targets = System.getProperty(PROPERTY);
    if (targets == null) {
      return;
    }
    for (String target : targets.split(";")) {
      reached(point, target);
    }
  }

  private static void reached(String point, String target) {
    if (target.equals("halt:" + point)) {
      Runtime.getRuntime().halt(HALT_STATUS);
    }
    if (target.equals(point)) {
      throw new IllegalStateException("injected failure at " + point + " (" + PROPERTY + ")");
    }
    if (target.equals("conflict-once:" + point) && CONFLICTS_THROWN.add(point)) {
      throw new ConcurrentModificationException(
          "injected conflict at " + point + " (" + PROPERTY + ")");
    }
    String pause = "pause:" + point + ":";
    if (target.startsWith(pause)) {
      awaitRelease(Path.of(target.substring(pause.length())));
    }
    if (target.equals("checked:" + point)) {
      // As Spark and Delta do: their AnalysisException and SparkException are checked exceptions
      // to Java, thrown from methods that do not declare them.
      throw FaultPoints.<RuntimeException>undeclared(
          new IOException("injected failure at " + target + " (" + PROPERTY + ")"));
    }
  }

  /**
   * Creates {@code marker} and waits until it is deleted, so that a test can run something else
   * while this run stands still at a point (at most 20 minutes).
   */
  private static void awaitRelease(Path marker) {
    try {
      Files.createFile(marker);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
      while (Files.exists(marker) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while paused at a fault point", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E undeclared(Throwable failure) throws E {
    throw (E) failure;
  }
}
