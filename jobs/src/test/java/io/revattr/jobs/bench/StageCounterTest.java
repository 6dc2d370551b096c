package io.revattr.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.revattr.jobs.spark.RunPhase;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.JobSucceeded$;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.collection.immutable.Nil$;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The listener's spill (memory and disk bytes together, as before, and disk bytes alone) and its
 * task CPU per run phase.
 */
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

  @Test
  void taskCpuIsSummedUnderThePhaseItsStageWasFirstStartedIn() throws Exception {
    StageCounter counter = new StageCounter();
    counter.onJobStart(job(1, "validate", 1, 2));
    counter.onJobStart(job(2, null, 3));
    // Stage 2 again, reused by a job of a later phase: it stays with validate.
    counter.onJobStart(job(3, "write attribution_credits", 2, 4));
    counter.onTaskEnd(task(4, 5_000_000_000L));
    counter.onTaskEnd(task(1, 1_500_000_000L));
    counter.onTaskEnd(task(2, 250_000_000L));
    counter.onTaskEnd(task(3, 2_000_000_000L));
    counter.onTaskEnd(task(4, 1_000_000_000L));
    for (int job = 1; job <= 3; job++) {
      counter.onJobEnd(new SparkListenerJobEnd(job, 0L, JobSucceeded$.MODULE$));
    }

    assertThat(counter.settle().cpuSecondsByPhase())
        .containsExactly(
            entry("write attribution_credits", 6.0),
            entry("validate", 1.75),
            entry(StageCounter.NO_PHASE, 2.0));

    counter.reset();
    assertThat(counter.settle().cpuSecondsByPhase()).isEmpty();
  }

  private static SparkListenerJobStart job(int id, String phase, int... stageIds) {
    Properties properties = new Properties();
    if (phase != null) {
      properties.setProperty(RunPhase.PROPERTY, phase);
    }
    List<StageInfo> stages = Arrays.stream(stageIds).mapToObj(s -> stage(s, 0, 0)).toList();
    return new SparkListenerJobStart(
        id, 0L, CollectionConverters.asScala(stages).toSeq(), properties);
  }

  private static SparkListenerTaskEnd task(int stageId, long cpuNanos) {
    TaskMetrics metrics = TaskMetrics.empty();
    metrics.setExecutorCpuTime(cpuNanos);
    return new SparkListenerTaskEnd(stageId, 0, "ResultTask", null, null, null, metrics);
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
