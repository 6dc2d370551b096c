package io.revattr.jobs;

import io.revattr.testsupport.SharedSpark;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Creates the shared test session before any test runs. Commands create their session with {@code
 * getOrCreate}, so without this the first test to start a command would give the whole test JVM the
 * embedded production settings (more shuffle partitions, a larger status store) instead of the test
 * settings, depending on the order the tests run in.
 */
public final class SharedSparkFirst implements TestExecutionListener {
  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    SharedSpark.spark();
  }
}
