package io.revattr.jobs.run;

import static io.revattr.jobs.run.PublicationRuns.AS_OF;
import static io.revattr.jobs.run.PublicationRuns.OTHER_AS_OF;
import static io.revattr.jobs.run.PublicationRuns.TABLES;
import static io.revattr.jobs.run.PublicationRuns.baseline;
import static io.revattr.jobs.run.PublicationRuns.baselineRunId;
import static io.revattr.jobs.run.PublicationRuns.committedRunIds;
import static io.revattr.jobs.run.PublicationRuns.copyOf;
import static io.revattr.jobs.run.PublicationRuns.rows;
import static io.revattr.jobs.run.PublicationRuns.rowsOf;
import static io.revattr.jobs.run.PublicationRuns.run;
import static io.revattr.jobs.run.PublicationRuns.runIds;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs are idempotent per as-of and leave other as-of dates alone: a rerun gives the same rows,
 * another as-of leaves the first alone, and runs of two as-of dates at once both commit. Failing
 * and killed runs: {@link PublicationFailureTest}.
 *
 * <p>Each test works on its own copy of the baseline output ({@link PublicationRuns}).
 */
class PublicationTest {
  @TempDir static Path dir;

  @Test
  void rerunOfTheSameAsOfGivesTheSameRowsUnderTheNewRunId() {
    Path output = copyOf(baseline(), dir, "rerun");
    Map<String, List<String>> before = rows(output, false);
    RunResult rerun = run(output, AS_OF);

    assertThat(rows(output, false)).isEqualTo(before);
    for (String table : TABLES) {
      assertThat(runIds(output, table)).as(table).containsExactly(rerun.runId());
    }
    assertThat(committedRunIds(output)).containsExactly(AS_OF + "=" + rerun.runId());
    assertThat(rerun.run().inputsReconcile()).isTrue();
    assertThat(rerun.run().creditsReconcile()).isTrue();
  }

  @Test
  void anotherAsOfLeavesTheFirstAsOfsRowsAlone() {
    Path output = copyOf(baseline(), dir, "other");
    Map<String, List<String>> before = rows(output, true);
    RunResult other = run(output, OTHER_AS_OF);

    assertThat(rowsOf(output, AS_OF, true)).isEqualTo(before);
    assertThat(rowsOf(output, OTHER_AS_OF, true).get(AttributionRun.JOURNEY_TOUCHES)).isNotEmpty();
    assertThat(committedRunIds(output))
        .containsExactlyInAnyOrder(
            AS_OF + "=" + baselineRunId(), OTHER_AS_OF + "=" + other.runId());
  }

  @Test
  void runsOfTwoAsOfDatesAtOnceBothCommit() {
    Path output = dir.resolve("concurrent");
    CompletableFuture<RunResult> first = CompletableFuture.supplyAsync(() -> run(output, AS_OF));
    CompletableFuture<RunResult> second =
        CompletableFuture.supplyAsync(() -> run(output, OTHER_AS_OF));
    RunResult a = first.join();
    RunResult b = second.join();

    assertThat(committedRunIds(output))
        .containsExactlyInAnyOrder(AS_OF + "=" + a.runId(), OTHER_AS_OF + "=" + b.runId());
    assertThat(rowsOf(output, AS_OF, false)).isEqualTo(rows(baseline(), false));
    for (String table : TABLES) {
      assertThat(runIds(output, table)).as(table).containsExactlyInAnyOrder(a.runId(), b.runId());
    }
  }
}
