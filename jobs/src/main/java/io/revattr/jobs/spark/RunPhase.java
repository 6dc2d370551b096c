package io.revattr.jobs.spark;

import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Names the part of a run (validation, the journeys, one table's write, the reconciliation) that
 * the Spark jobs started from the calling thread belong to, in the Spark local property {@value
 * #PROPERTY}. Every job carries it among its properties, so that a listener (the benchmark's) can
 * tell where a run's task time went without reading plans or call sites. Each phase is also logged
 * at INFO as it starts, with the wall time of the one before, so that a scheduler's log shows how
 * far a run got.
 *
 * <p>The phase is also the call site of its jobs ({@value #CALL_SITE_SHORT} and {@value
 * #CALL_SITE_LONG}, Spark's own local properties): Spark's UI and event log name every job and
 * stage of a run by its phase, and Spark no longer walks the driver's stack (thousands of frames
 * deep in a planned query) to find a call site for every RDD it creates (sampled: about 0.7 s of
 * the driver's 30 s in a run of the tests' small warehouse).
 */
public final class RunPhase {
  /** The local property that holds the phase. */
  public static final String PROPERTY = "revattr.phase";

  /** Spark's local property for the call site shown as a job's and stage's name. */
  public static final String CALL_SITE_SHORT = "callSite.short";

  /** Spark's local property for the call site shown as a stage's details. */
  static final String CALL_SITE_LONG = "callSite.long";

  /** Reading, conforming, validating and counting the input. */
  public static final String VALIDATE = "validate";

  /** Resolving people and building the journeys with their milestones. */
  public static final String JOURNEYS = "journeys";

  /** Fitting the models on the journeys (the data-driven ones learn their channel weights). */
  public static final String FIT_MODELS = "fit models";

  /** The analyst tables' intermediate results that several tables read, stored once. */
  public static final String ANALYST_TABLES = "analyst tables";

  /** Counting the written rows and reconciling the written credits, before the commit. */
  public static final String RECONCILE = "reconcile";

  /** Committing the run and removing older runs' rows. */
  public static final String COMMIT = "commit";

  private static final Logger LOG = LogManager.getLogger(RunPhase.class);

  /** The phase entered last on this JVM's driver and when (nanoTime); null when none is. */
  private static String current;

  private static long startedAt;

  private RunPhase() {}

  /** The phase of writing {@code table}. */
  public static String write(String table) {
    return "write " + table;
  }

  /**
   * Jobs the calling thread starts from now on belong to {@code phase}. Entering the phase the run
   * is in again keeps it, and its time, as they are.
   */
  public static void enter(String phase) {
    label(phase);
    logTransition(phase, false);
  }

  /**
   * Jobs the calling thread starts from now on belong to no phase.
   *
   * @param completed whether the run got through its last phase (else it stopped in the current)
   */
  public static void leave(boolean completed) {
    label(null);
    logTransition(null, completed);
  }

  /** Sets the calling thread's phase and call site, or clears them (null). */
  private static void label(String phase) {
    SparkContext context = SparkSession.active().sparkContext();
    context.setLocalProperty(PROPERTY, phase);
    context.setLocalProperty(CALL_SITE_SHORT, phase == null ? null : "revattr: " + phase);
    context.setLocalProperty(CALL_SITE_LONG, phase == null ? null : "revattr run, phase: " + phase);
  }

  private static synchronized void logTransition(String next, boolean completed) {
    if (next != null && next.equals(current)) {
      // Entered again (work done ahead of a table's write, then the write): one phase, one line.
      return;
    }
    long now = System.nanoTime();
    if (current != null) {
      String seconds = String.format(Locale.ROOT, "%.1f s", (now - startedAt) / 1e9);
      if (next != null) {
        LOG.info("{} ({} took {})", next, current, seconds);
      } else if (completed) {
        LOG.info("done ({} took {})", current, seconds);
      } else {
        LOG.info("stopped in {} after {}", current, seconds);
      }
    } else if (next != null) {
      LOG.info("{}", next);
    }
    current = next;
    startedAt = now;
  }
}
