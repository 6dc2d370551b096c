package io.revattr.jobs.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revattr.common.error.ErrorKind;
import io.revattr.common.error.RevattrException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two checks that no record is lost between reading the input and committing: every input
 * table's rows add up (read = used + collapsed + quarantined) before anything is written, and the
 * quarantine table holds as many of the run's rows as validation quarantined before the commit.
 * Either failing stops the run as a failure, naming the numbers.
 */
class RowCountChecksTest {
  private static final TableCounts TOUCHES_ADD_UP =
      new TableCounts("touchpoints", 10, 7, 1, Map.of("missing_required", 1L, "orphan_touch", 1L));

  @Test
  void inputTablesWhoseRowsAddUpPass() {
    assertThat(TOUCHES_ADD_UP.reconciles()).isTrue();
    assertThatCode(() -> InputReconciliation.verify(List.of(TOUCHES_ADD_UP)))
        .doesNotThrowAnyException();
  }

  @Test
  void anInputTableWithRowsLostOrMultipliedStopsTheRunNamingItsCounts() {
    TableCounts lost = new TableCounts("leads", 10, 8, 1, Map.of());
    TableCounts multiplied = new TableCounts("contacts", 4, 4, 0, Map.of("missing_required", 1L));

    assertThatThrownBy(() -> InputReconciliation.verify(List.of(TOUCHES_ADD_UP, lost, multiplied)))
        .isInstanceOf(RevattrException.class)
        .satisfies(e -> assertThat(((RevattrException) e).kind()).isEqualTo(ErrorKind.FAILURE))
        .hasMessageContaining("Input rows do not reconcile")
        .hasMessageContaining("nothing was written")
        .hasMessageContaining("leads: read 10 but used 8 + collapsed 1 + quarantined 0 = 9")
        .hasMessageContaining("contacts: read 4 but used 4 + collapsed 0 + quarantined 1 = 5")
        .hasMessageNotContaining("touchpoints");
  }

  @Test
  void aQuarantineTableHoldingAsManyRowsAsValidationQuarantinedPasses() {
    // 2 touches and 1 contact quarantined.
    RunRecord run = run(new TableCounts("contacts", 5, 4, 0, Map.of("missing_required", 1L)));
    assertThatCode(() -> RunPublication.verifyQuarantine(3, run)).doesNotThrowAnyException();
  }

  @Test
  void aQuarantineTableHoldingOtherThanWhatValidationQuarantinedStopsTheRun() {
    RunRecord run = run(new TableCounts("contacts", 5, 4, 0, Map.of("missing_required", 1L)));

    for (long written : List.of(2L, 4L)) {
      assertThatThrownBy(() -> RunPublication.verifyQuarantine(written, run))
          .as("%d rows written", written)
          .isInstanceOf(RevattrException.class)
          .satisfies(e -> assertThat(((RevattrException) e).kind()).isEqualTo(ErrorKind.FAILURE))
          .hasMessageContaining(
              "The quarantine table holds "
                  + written
                  + " rows of run r1, but validation"
                  + " quarantined 3 records; the run is not committed");
    }
  }

  @Test
  void creditsThatReconcilePass() {
    RunRecord run = run(new TableCounts("contacts", 5, 5, 0, Map.of()));
    List<ModelCheck> checks =
        List.of(new ModelCheck("linear", 40, 0, 0, 0), new ModelCheck("markov", 12, 0, 0, 0));
    assertThatCode(() -> RunPublication.verifyCredits(checks, run)).doesNotThrowAnyException();
  }

  @Test
  void creditsThatDoNotReconcileStopTheRunBeforeItsCommitNamingTheModels() {
    RunRecord run = run(new TableCounts("contacts", 5, 5, 0, Map.of()));
    List<ModelCheck> checks =
        List.of(
            new ModelCheck("linear", 40, 0, 0, 0),
            new ModelCheck("markov", 1200, 3, 0, 0),
            new ModelCheck("shapley", 1200, 0, 2, 1));

    assertThatThrownBy(() -> RunPublication.verifyCredits(checks, run))
        .isInstanceOf(RevattrException.class)
        .satisfies(e -> assertThat(((RevattrException) e).kind()).isEqualTo(ErrorKind.FAILURE))
        .hasMessageContaining("The credits of run r1 do not reconcile; the run is not committed")
        .hasMessageContaining(
            "markov: 3 of 1,200 opportunities with credits not adding up to 1, 0 with revenue")
        .hasMessageContaining(
            "shapley: 0 of 1,200 opportunities with credits not adding up to 1, 2 with revenue"
                + " credits not adding up to the won amount, 1 negative credits")
        .hasMessageNotContaining("linear");
  }

  private static RunRecord run(TableCounts contacts) {
    return RunRecord.started(
        "r1",
        LocalDate.parse("2024-06-30"),
        Instant.parse("2024-07-01T00:00:00Z"),
        "{}",
        List.of("linear"),
        List.of(TOUCHES_ADD_UP, contacts),
        new RunOrigin("0.1-test", "4.x", "/warehouse", null, "csv"));
  }
}
