package io.revattr.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's line of task CPU per run phase. */
class BenchReportTest {
  @Test
  void phasesKeepTheirOrderWithTheirShareOfTheTotal() {
    Map<String, Double> byPhase = new LinkedHashMap<>();
    byPhase.put("validate", 1.0);
    byPhase.put("journeys", 3.0);
    byPhase.put("write attribution_credits", 4.0);
    StageCounter.Counts counts = new StageCounter.Counts(0, 0, 0, 0, 0, 0, 0, byPhase);
    BenchMeasurement full =
        new BenchMeasurement("10m", 10, "full", List.of(), List.of(5.0), 0, 0, 0, counts);

    assertThat(BenchReport.phases(full))
        .isEqualTo(
            "10m full, 8.0 in all: validate 1.0 (13%), journeys 3.0 (38%),"
                + " write attribution_credits 4.0 (50%)");
  }
}
