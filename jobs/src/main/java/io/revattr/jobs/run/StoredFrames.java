package io.revattr.jobs.run;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * The intermediate results a run reads more than once (each validated table, the journeys, the
 * credits): each is computed once, stored, and continued from a plan that starts at the stored
 * rows.
 *
 * <p>Why not {@code persist}: a cached frame keeps its whole plan, and every later plan embeds it.
 * Validation caches each table after checking its references against the tables cached before it,
 * journeys build on those and credits on journeys, so the plans of the analyst tables grew to
 * hundreds of thousands of lines: planning, the status store and the driver's heap then cost more
 * than the data. A checkpoint cuts that lineage.
 *
 * <p>Where: when the Spark application has a checkpoint directory ({@code spark.checkpoint.dir}, a
 * reliable file system on a cluster), the rows are written there and survive the loss of an
 * executor; otherwise they are kept in the executors' block managers (memory, spilling to disk),
 * which is what the embedded local session wants, and an executor lost on a cluster fails the run
 * (which is safe to rerun: see {@code RunPublication}).
 */
public final class StoredFrames implements AutoCloseable {
  private final List<RDD<?>> stored = new ArrayList<>();

  /** Computes the frame now and returns it continued from the stored rows. */
  public Dataset<Row> store(Dataset<Row> frame) {
    boolean reliable = frame.sparkSession().sparkContext().getCheckpointDir().isDefined();
    Dataset<Row> kept =
        reliable
            ? frame.checkpoint(true)
            : frame.localCheckpoint(true, StorageLevel.MEMORY_AND_DISK());
    if (kept.queryExecution().logical() instanceof LogicalRDD rows) {
      stored.add(rows.rdd());
    }
    return kept;
  }

  /** Frees the stored rows (files in a checkpoint directory stay until Spark's cleaner runs). */
  @Override
  public void close() {
    stored.forEach(rdd -> rdd.unpersist(false));
    stored.clear();
  }
}
