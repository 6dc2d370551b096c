package io.revattr.jobs.run;

import io.revattr.jobs.spark.SessionSettings;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * The intermediate results a run reads more than once (each validated table, the journeys, the
 * analyst tables others are built from): each is computed once, stored, and continued from a plan
 * that starts at the stored rows. (The credits are not stored here: the run reads them back from
 * the files of {@code attribution_credits} it writes.)
 *
 * <p>Why not {@code persist}: a cached frame keeps its whole plan, and every later plan embeds it.
 * Validation caches each table after checking its references against the tables cached before it,
 * journeys build on those and credits on journeys, so the plans of the analyst tables grew to
 * hundreds of thousands of lines: planning, the status store and the driver's heap then cost more
 * than the data. A checkpoint cuts that lineage.
 *
 * <p>Where: when the Spark application has a checkpoint directory ({@code spark.checkpoint.dir}, a
 * reliable file system on a cluster), the rows are written there and survive the loss of an
 * executor; otherwise they are kept on the executors' local disks through their block managers, and
 * an executor lost on a cluster fails the run (which is safe to rerun: see {@code RunPublication}).
 *
 * <p>Why on disk, not in memory: the stored journeys are the largest frames of a run and do not fit
 * the heap beside the sorts and aggregations that read them; kept in memory they were partly
 * unrolled, dropped to disk and collected again. On disk (1M touches, {@code bin/revattr bench}):
 * 43 s of GC -> 6 s, full run 317 s -> 220 s. Serialized in memory is worse: reading a spilled
 * block back allocates it whole on the heap and ran out of memory at 1M touches.
 */
public final class StoredFrames implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(StoredFrames.class);
  private static final String ADAPTIVE = "spark.sql.adaptive.enabled";

  private final List<RDD<?>> stored = new ArrayList<>();

  /** Computes the frame now and returns it continued from the stored rows. */
  public Dataset<Row> store(Dataset<Row> frame) {
    boolean reliable = frame.sparkSession().sparkContext().getCheckpointDir().isDefined();
    Dataset<Row> kept =
        reliable ? frame.checkpoint(true) : frame.localCheckpoint(true, StorageLevel.DISK_ONLY());
    if (kept.queryExecution().logical() instanceof LogicalRDD rows) {
      stored.add(rows.rdd());
    }
    return kept;
  }

  /**
   * Stores the frame as {@link #store} does, and keeps how its rows are partitioned and sorted, so
   * that a later plan that needs the same layout (the credits' windows over the journeys' windows)
   * reads the stored rows without shuffling and sorting them again.
   *
   * <p>Spark records the layout of a checkpoint only when the frame's plan is not adaptive (an
   * adaptive plan reports an unknown partitioning until it has run), so adaptive execution is off
   * while this frame is planned and computed, then back as the session had it. Its last exchange
   * then has {@code spark.sql.shuffle.partitions} partitions, uncoalesced, which is also what the
   * heavy stages that read it want.
   */
  public Dataset<Row> storeWithLayout(Dataset<Row> frame) {
    return SessionSettings.with(frame.sparkSession().conf(), ADAPTIVE, "false", () -> store(frame));
  }

  /**
   * Frees the stored rows before it returns (files in a checkpoint directory stay until Spark's
   * cleaner runs). Removed in the background, the blocks of a large run were still being deleted
   * while the application's next work ran (the bench's next timed pass, a notebook's next run), and
   * Spark's cleaner, once it collected the same frames, removed them a second time, logging a
   * warning per block it no longer found.
   */
  @Override
  public void close() {
    for (RDD<?> rdd : stored) {
      try {
        rdd.unpersist(true);
      } catch (Exception e) {
        // The run has ended (committed or not) when its frames are freed: a block manager that
        // cannot answer (an executor lost on a cluster) must not turn it into a failure. Spark's
        // cleaner and the end of the application remove what is left.
        LOG.warn("Could not free a stored frame of the run: {}", e.toString());
      }
    }
    stored.clear();
  }
}
