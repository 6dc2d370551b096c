package io.revattr.jobs.run;

import static io.revattr.jobs.run.PublicationRuns.AS_OF;
import static io.revattr.jobs.run.PublicationRuns.baseline;
import static io.revattr.jobs.run.PublicationRuns.copyOf;
import static io.revattr.jobs.run.PublicationRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.common.report.AnalystTables;
import io.revattr.jobs.spark.RunPhase;
import io.revattr.testsupport.SharedSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Spark job of a run names the run phase it belongs to, in the order the run goes, and has it
 * as its call site (the name Spark's UI gives the job and its stages).
 */
class RunPhaseTest {
  @TempDir static Path dir;

  @Test
  void aRunsJobsNameItsPhasesInOrder() throws Exception {
    Path output = copyOf(baseline(), dir, "phases");
    List<String> phases = Collections.synchronizedList(new ArrayList<>());
    List<String> callSites = Collections.synchronizedList(new ArrayList<>());
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart jobStart) {
            phases.add(jobStart.properties().getProperty(RunPhase.PROPERTY, "(none)"));
            callSites.add(jobStart.properties().getProperty(RunPhase.CALL_SITE_SHORT, "(none)"));
          }
        };
    SparkContext context = SharedSpark.spark().sparkContext();
    context.addSparkListener(listener);
    List<String> runPhases;
    List<String> runCallSites;
    try {
      run(output, AS_OF);
      context.listenerBus().waitUntilEmpty();
      runPhases = List.copyOf(phases);
      runCallSites = List.copyOf(callSites);
      SharedSpark.spark().range(1).count();
      context.listenerBus().waitUntilEmpty();
    } finally {
      context.removeSparkListener(listener);
    }

    assertThat(runPhases.stream().distinct().toList())
        .containsSubsequence(
            RunPhase.VALIDATE,
            RunPhase.JOURNEYS,
            RunPhase.write(AttributionRun.JOURNEY_TOUCHES),
            RunPhase.write(AttributionRun.ATTRIBUTION_CREDITS),
            RunPhase.write(AttributionRun.QUARANTINE),
            RunPhase.ANALYST_TABLES,
            RunPhase.write(AnalystTables.ATTRIBUTION_SUMMARY),
            RunPhase.RECONCILE,
            RunPhase.COMMIT);
    assertThat(runPhases).doesNotContain("(none)");
    assertThat(runCallSites)
        .isEqualTo(runPhases.stream().map(phase -> "revattr: " + phase).toList());
    // Once the run is over, jobs get Spark's own call sites again.
    assertThat(callSites.subList(runCallSites.size(), callSites.size()))
        .isNotEmpty()
        .noneMatch(site -> site.startsWith("revattr"));
  }
}
