package io.revattr.jobs.bench;

import io.revattr.jobs.spark.RunPhase;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Counts what Spark ran between two {@link #reset()}s: jobs, completed stages, the stages that
 * wrote shuffle output (one per exchange), tasks, shuffle bytes and spilled bytes.
 *
 * <p>Spark counts a spill twice over: the bytes it took in memory ({@code memoryBytesSpilled}, the
 * deserialized size) and the bytes it wrote to disk ({@code diskBytesSpilled}, serialized and
 * compressed, often ten times less). {@code spill} is their sum, as every earlier result of the
 * benchmark reported it; {@code diskSpill} is what reached the disk.
 *
 * <p>The tasks' CPU time is also summed per run phase ({@link RunPhase}): the phase a job's stages
 * were started under, {@value #NO_PHASE} for jobs outside a run (the floor's).
 */
final class StageCounter extends SparkListener {
  static final String NO_PHASE = "(no phase)";

  private final AtomicLong jobsStarted = new AtomicLong();
  private final AtomicLong jobsEnded = new AtomicLong();
  private final AtomicLong stages = new AtomicLong();
  private final AtomicLong shuffleStages = new AtomicLong();
  private final AtomicLong tasks = new AtomicLong();
  private final AtomicLong shuffleWriteBytes = new AtomicLong();
  private final AtomicLong spillBytes = new AtomicLong();
  private final AtomicLong diskSpillBytes = new AtomicLong();
  private final Map<Integer, String> phaseOfStage = new HashMap<>();
  private final Map<String, Long> cpuNanosByPhase = new LinkedHashMap<>();
  private volatile long lastEventNanos = System.nanoTime();

  /**
   * What was counted.
   *
   * @param cpuSecondsByPhase the tasks' CPU seconds per run phase, in the order the phases started
   */
  record Counts(
      long jobs,
      long stages,
      long shuffles,
      long tasks,
      long shuffleBytes,
      long spill,
      long diskSpill,
      Map<String, Double> cpuSecondsByPhase) {}

  void reset() {
    jobsStarted.set(0);
    jobsEnded.set(0);
    stages.set(0);
    shuffleStages.set(0);
    tasks.set(0);
    shuffleWriteBytes.set(0);
    spillBytes.set(0);
    diskSpillBytes.set(0);
    synchronized (this) {
      phaseOfStage.clear();
      cpuNanosByPhase.clear();
    }
  }

  /**
   * The counts once the listener bus has delivered the events of every job that started (events
   * arrive asynchronously): waits until every started job has ended and no event came for half a
   * second, at most 30 seconds.
   */
  Counts settle() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline
        && (jobsEnded.get() < jobsStarted.get()
            || System.nanoTime() - lastEventNanos < TimeUnit.MILLISECONDS.toNanos(500))) {
      Thread.sleep(100);
    }
    return new Counts(
        jobsStarted.get(),
        stages.get(),
        shuffleStages.get(),
        tasks.get(),
        shuffleWriteBytes.get(),
        spillBytes.get(),
        diskSpillBytes.get(),
        cpuSecondsByPhase());
  }

  private synchronized Map<String, Double> cpuSecondsByPhase() {
    Map<String, Double> seconds = new LinkedHashMap<>();
    cpuNanosByPhase.forEach((phase, nanos) -> seconds.put(phase, nanos / 1e9));
    return seconds;
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    jobsStarted.incrementAndGet();
    Properties properties = jobStart.properties();
    String phase = properties == null ? null : properties.getProperty(RunPhase.PROPERTY);
    synchronized (this) {
      for (Object stageId : CollectionConverters.asJava(jobStart.stageIds())) {
        phaseOfStage.putIfAbsent((Integer) stageId, phase == null ? NO_PHASE : phase);
      }
    }
    lastEventNanos = System.nanoTime();
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    TaskMetrics metrics = taskEnd.taskMetrics();
    if (metrics != null) {
      synchronized (this) {
        String phase = phaseOfStage.getOrDefault(taskEnd.stageId(), NO_PHASE);
        cpuNanosByPhase.merge(phase, metrics.executorCpuTime(), Long::sum);
      }
    }
    lastEventNanos = System.nanoTime();
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd jobEnd) {
    jobsEnded.incrementAndGet();
    lastEventNanos = System.nanoTime();
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted stageCompleted) {
    StageInfo info = stageCompleted.stageInfo();
    TaskMetrics metrics = info.taskMetrics();
    stages.incrementAndGet();
    tasks.addAndGet(info.numTasks());
    if (metrics != null) {
      long written = metrics.shuffleWriteMetrics().bytesWritten();
      if (written > 0) {
        shuffleStages.incrementAndGet();
        shuffleWriteBytes.addAndGet(written);
      }
      spillBytes.addAndGet(metrics.memoryBytesSpilled() + metrics.diskBytesSpilled());
      diskSpillBytes.addAndGet(metrics.diskBytesSpilled());
    }
    lastEventNanos = System.nanoTime();
  }
}
