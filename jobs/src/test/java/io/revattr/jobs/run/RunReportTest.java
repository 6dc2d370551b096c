package io.revattr.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.jobs.CapturedConsole;
import io.revattr.jobs.ledger.RunOrigin;
import io.revattr.jobs.ledger.RunRecord;
import io.revattr.jobs.ledger.TableCounts;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a run prints of where its input rows went: per table, the counts and each reason's. */
class RunReportTest {
  private static final TableCounts TOUCHPOINTS =
      new TableCounts("touchpoints", 12_345, 12_000, 300, reasons());

  @Test
  void everyTablesCountsAndQuarantineReasonsInOneAlignedLineEach() {
    CapturedConsole console = new CapturedConsole();
    TableCounts leads = new TableCounts("leads", 10, 10, 0, Map.of());

    RunReport.printInputs(run(TOUCHPOINTS, leads), console.console);

    assertThat(console.out().lines().toList())
        .containsExactly(
            "Input rows (read = used + collapsed duplicates + quarantined): every table adds up.",
            "  table                            read       used  collapsed quarantined",
            "  touchpoints                    12,345     12,000        300          45"
                + "  (bad_timestamp 40, unknown_channel 5)",
            "  leads                              10         10          0           0");
  }

  @Test
  void aTableWhoseRowsDoNotAddUpIsSaidSoWhateverTheMachinesLocale() {
    Locale machine = Locale.getDefault();
    Locale machineFormat = Locale.getDefault(Locale.Category.FORMAT);
    Locale.setDefault(Locale.GERMANY);
    CapturedConsole console = new CapturedConsole();
    try {
      RunReport.printInputs(
          run(TOUCHPOINTS, new TableCounts("leads", 10, 9, 0, Map.of())), console.console);
    } finally {
      Locale.setDefault(machine);
      Locale.setDefault(Locale.Category.FORMAT, machineFormat);
    }

    assertThat(console.out().lines().toList())
        .first()
        .isEqualTo(
            "Input rows (read = used + collapsed duplicates + quarantined): SOME TABLES DO NOT"
                + " ADD UP.");
    assertThat(console.out()).contains("    12,345     12,000").doesNotContain("12.345");
  }

  private static Map<String, Long> reasons() {
    Map<String, Long> byReason = new LinkedHashMap<>();
    byReason.put("bad_timestamp", 40L);
    byReason.put("unknown_channel", 5L);
    return byReason;
  }

  private static RunRecord run(TableCounts... inputs) {
    return RunRecord.started(
        "r1",
        LocalDate.parse("2025-12-31"),
        Instant.parse("2026-01-01T00:00:00Z"),
        "{}",
        List.of("linear"),
        List.of(inputs),
        new RunOrigin("0.1-test", "4.x", "/warehouse", null, "csv"));
  }
}
