package io.revattr.jobs.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One row of the {@code runs} table: what a run read, used, quarantined and wrote, and whether its
 * credits reconcile.
 *
 * @param runId the run's id
 * @param asOf the run's as-of date
 * @param status {@value #SUCCEEDED} (the run's rows are committed) or {@value #FAILED}
 * @param startedAt when the run started
 * @param endedAt when the run committed or failed
 * @param config the effective configuration as JSON
 * @param models the models computed
 * @param inputs per input table, where its rows went
 * @param outputs per result table, the rows the run wrote
 * @param modelChecks per model, whether its credits reconcile
 * @param error the failure's message, or null
 * @param origin the versions the run ran with and the input it read
 */
public record RunRecord(
    String runId,
    LocalDate asOf,
    String status,
    Instant startedAt,
    Instant endedAt,
    String config,
    List<String> models,
    List<TableCounts> inputs,
    Map<String, Long> outputs,
    List<ModelCheck> modelChecks,
    String error,
    RunOrigin origin) {

  /** Status of a committed run. */
  public static final String SUCCEEDED = "succeeded";

  /** Status of a run that failed after it began writing; its rows are never read. */
  public static final String FAILED = "failed";

  /** A run that has started: no outputs, checks, end or status yet. */
  public static RunRecord started(
      String runId,
      LocalDate asOf,
      Instant startedAt,
      String config,
      List<String> models,
      List<TableCounts> inputs,
      RunOrigin origin) {
    return new RunRecord(
        runId, asOf, null, startedAt, null, config, models, inputs, Map.of(), List.of(), null,
        origin);
  }

  /** This run, ended now with the given status, outputs, checks and error. */
  public RunRecord ended(
      String endStatus, Map<String, Long> written, List<ModelCheck> checks, String failure) {
    return new RunRecord(
        runId,
        asOf,
        endStatus,
        startedAt,
        Instant.now(),
        config,
        models,
        inputs,
        written,
        checks,
        failure,
        origin);
  }

  /** Whether every model's credits reconcile (true when no credits were checked). */
  public boolean creditsReconcile() {
    return modelChecks.stream().allMatch(ModelCheck::reconciles);
  }

  /** Whether every input table's rows add up. */
  public boolean inputsReconcile() {
    return inputs.stream().allMatch(TableCounts::reconciles);
  }
}
