package io.revattr.jobs.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The driver JVM's heap during one measured pass (in local mode the driver also runs the tasks):
 * the peak of the used heap, sampled every 50 ms and read from each heap pool's own peak after the
 * pass (whichever is larger: a pool's peak is exact, their sum an upper bound), and the time spent
 * in garbage collection.
 */
final class HeapSampler implements AutoCloseable {
  private final Thread thread;
  private final long gcMillisAtStart;
  private volatile long peakUsed;
  private volatile boolean running = true;

  private HeapSampler() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
    gcMillisAtStart = gcMillis();
    thread = new Thread(this::sample, "revattr-bench-heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts sampling (after a full collection, so that earlier garbage does not count). */
  static HeapSampler start() {
    return new HeapSampler();
  }

  private void sample() {
    while (running) {
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (used > peakUsed) {
        peakUsed = used;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The peak used heap in bytes so far: sampled, or the largest single pool peak if larger. */
  long peakBytes() {
    long largestPool = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        largestPool = Math.max(largestPool, pool.getPeakUsage().getUsed());
      }
    }
    return Math.max(peakUsed, largestPool);
  }

  /** Milliseconds spent in garbage collection since the start. */
  long gcMillisSinceStart() {
    return gcMillis() - gcMillisAtStart;
  }

  /** The heap's maximum (-Xmx) in bytes. */
  static long maxHeapBytes() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
