package io.revattr.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.collection.immutable.Nil$;
import scala.collection.immutable.Seq;

/** The listener's spill: memory and disk bytes together, as before, and disk bytes alone. */
class StageCounterTest {
  @Test
  void spillAddsMemoryAndDiskBytesAndDiskSpillIsTheDiskBytesAlone() throws Exception {
    StageCounter counter = new StageCounter();
    counter.onStageCompleted(new SparkListenerStageCompleted(stage(1, 3_000, 400)));
    counter.onStageCompleted(new SparkListenerStageCompleted(stage(2, 7_000, 600)));

    StageCounter.Counts counts = counter.settle();
    assertThat(counts.stages()).isEqualTo(2);
    assertThat(counts.spill()).isEqualTo(3_000 + 400 + 7_000 + 600);
    assertThat(counts.diskSpill()).isEqualTo(400 + 600);

    counter.reset();
    assertThat(counter.settle().diskSpill()).isZero();
  }

  private static StageInfo stage(int id, long memoryBytesSpilled, long diskBytesSpilled) {
    TaskMetrics metrics = TaskMetrics.empty();
    metrics.incMemoryBytesSpilled(memoryBytesSpilled);
    metrics.incDiskBytesSpilled(diskBytesSpilled);
    return new StageInfo(
        id, 0, "stage " + id, 1, none(), none(), "", metrics, none(), Option.empty(), 0, false, 0);
  }

  @SuppressWarnings("unchecked")
  private static <T> Seq<T> none() {
    return (Seq<T>) (Seq<?>) Nil$.MODULE$;
  }
}
