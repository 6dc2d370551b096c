package io.revattr.jobs.run;

import io.revattr.common.datadriven.DataDrivenIntervals;
import io.revattr.common.datadriven.PathFrame;
import io.revattr.common.datadriven.PathModel;
import io.revattr.common.journey.JourneyTouches;
import io.revattr.common.journey.Journeys;
import io.revattr.common.journey.People;
import io.revattr.common.model.AttributionModel;
import io.revattr.common.model.Credits;
import io.revattr.common.model.ModelCatalog;
import io.revattr.common.model.ScoredJourneys;
import io.revattr.common.report.AnalystTables;
import io.revattr.common.report.ReportingCurrency;
import io.revattr.common.schema.InputTable;
import io.revattr.common.validate.ValidatedWarehouse;
import io.revattr.common.validate.WarehouseValidation;
import io.revattr.jobs.RevattrVersion;
import io.revattr.jobs.io.ResultWriter;
import io.revattr.jobs.io.TableRegistry;
import io.revattr.jobs.io.WarehouseReader;
import io.revattr.jobs.ledger.InputReconciliation;
import io.revattr.jobs.ledger.RunLedger;
import io.revattr.jobs.ledger.RunOrigin;
import io.revattr.jobs.ledger.RunPublication;
import io.revattr.jobs.ledger.RunRecord;
import io.revattr.jobs.ledger.TableCounts;
import io.revattr.jobs.spark.RunPhase;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One attribution run: read and check the warehouse, validate it, count where every input row went,
 * build the journeys, apply every selected model and publish the result tables (staged, then
 * committed by the run's row in {@code runs}: see {@link RunPublication}). Structural problems and
 * input rows that do not add up stop the run before anything is written.
 */
public final class AttributionRun {
  /** Names of the result tables this run writes. */
  public static final String JOURNEY_TOUCHES = "journey_touches";

  public static final String ATTRIBUTION_CREDITS = "attribution_credits";
  public static final String DATA_DRIVEN_INTERVALS = "data_driven_intervals";
  public static final String QUARANTINE = "quarantine";

  /** Every table a run may write and register, the runs table among them. */
  public static final List<String> RESULT_TABLES =
      List.of(
          JOURNEY_TOUCHES,
          ATTRIBUTION_CREDITS,
          DATA_DRIVEN_INTERVALS,
          QUARANTINE,
          AnalystTables.ATTRIBUTION_SUMMARY,
          AnalystTables.MODEL_COMPARISON,
          AnalystTables.OPPORTUNITY_VELOCITY,
          AnalystTables.VELOCITY_BY_CHANNEL,
          AnalystTables.PIPELINE_FORECAST,
          RunLedger.RUNS);

  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final SparkSession spark;
  private final RunSettings settings;

  public AttributionRun(SparkSession spark, RunSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  /** Runs the job and returns what it wrote. */
  public RunResult execute() {
    String runId = newRunId();
    spark
        .sparkContext()
        .setJobGroup("revattr-" + runId, "revattr run as of " + settings.asOf(), false);
    boolean completed = false;
    try {
      RunResult result = execute(runId);
      completed = true;
      return result;
    } finally {
      RunPhase.leave(completed);
      spark.sparkContext().clearJobGroup();
    }
  }

  /**
   * A new run id: the start time (UTC, to the second) and 8 random hex digits, so that ids sort by
   * start and never repeat.
   */
  static String newRunId() {
    return RUN_ID_TIME.format(Instant.now())
        + "-"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  }

  private RunResult execute(String runId) {
    Instant startedAt = Instant.now();
    ResultWriter.checkWritable(spark, settings.output());
    new TableRegistry(spark, settings.catalog()).checkNamesFree(RESULT_TABLES);
    try (StoredFrames stored = new StoredFrames()) {
      RunPhase.enter(RunPhase.VALIDATE);
      CheckedInput input = checkInput(stored);
      InputReconciliation.verify(input.counts());
      return attributeAndPublish(runId, startedAt, input.warehouse(), input.counts(), stored);
    }
  }

  /**
   * The input as read, validated and counted.
   *
   * @param warehouse the validated tables
   * @param counts where every input row went, per table
   */
  record CheckedInput(ValidatedWarehouse warehouse, List<TableCounts> counts) {}

  /**
   * Reads, validates and counts the input (the run's first half; nothing is written). The frames it
   * reads again are kept in {@code stored}, for the caller to free.
   */
  CheckedInput checkInput(StoredFrames stored) {
    WarehouseReader reader =
        new WarehouseReader(
            spark, settings.inputFormat(), settings.config().input().columnMapping());
    Map<InputTable, Dataset<Row>> conformed =
        settings.inputCatalog() != null
            ? reader.readCatalog(settings.inputCatalog())
            : reader.readDirectory(settings.input());
    // The quarantine names a record's fields as the warehouse does: back through the renaming the
    // read applied, which also holds the columns named in another letter case.
    ValidatedWarehouse warehouse =
        WarehouseValidation.validate(
            conformed,
            settings.asOfEnd(),
            settings.config().input().withColumnMapping(reader.columnRenamings()),
            settings.config().reporting(),
            stored::store);
    return new CheckedInput(warehouse, InputReconciliation.countTables(conformed, warehouse));
  }

  private RunResult attributeAndPublish(
      String runId,
      Instant startedAt,
      ValidatedWarehouse warehouse,
      List<TableCounts> inputs,
      StoredFrames stored) {
    Dataset<Row> touches =
        People.resolveTouches(
            warehouse.table(InputTable.TOUCHPOINTS),
            warehouse.table(InputTable.LEADS),
            warehouse.table(InputTable.CONTACTS),
            warehouse.table(InputTable.IDENTITIES),
            settings.config().journey().leadCreationGrace());
    RunPhase.enter(RunPhase.JOURNEYS);
    Dataset<Row> journeys =
        stored.storeWithLayout(
            Journeys.build(
                touches,
                warehouse.table(InputTable.OPPORTUNITIES),
                warehouse.table(InputTable.OPPORTUNITY_CONTACT_ROLES),
                settings.config().journey(),
                settings.asOfEnd()));
    List<AttributionModel> models = ModelCatalog.select(settings.config().models());
    List<String> modelNames = models.stream().map(AttributionModel::name).toList();

    RunLedger ledger = new RunLedger(spark, settings.output());
    ResultWriter writer =
        new ResultWriter(spark, settings.output(), settings.catalog(), settings.asOf(), runId);
    RunRecord started =
        RunRecord.started(
            runId,
            settings.asOf(),
            startedAt,
            settings.config().json(),
            modelNames,
            inputs,
            new RunOrigin(
                RevattrVersion.revattr(),
                RevattrVersion.spark(),
                settings.input(),
                settings.inputCatalog(),
                settings.inputFormat().cliName()));
    RunRecord committed =
        new RunPublication(writer, ledger, settings.asOf())
            .publish(
                stage -> stageResults(stage, journeys, models, warehouse, stored),
                started,
                QUARANTINE,
                ATTRIBUTION_CREDITS,
                warehouse.table(InputTable.OPPORTUNITIES));
    return RunResult.of(writer, writer.stagedTables(), committed);
  }

  /**
   * Stages every result table, in write order. The credits are computed while they are written; the
   * analyst tables then read them back from the written files (only the columns each needs) instead
   * of from a second, row-wise copy on local disk, except for which models credit each opportunity
   * and touch: that is read from the journeys' scores, one row per journey row, instead of from the
   * credits' one row per model.
   */
  private void stageResults(
      RunPublication.Stage stage,
      Dataset<Row> journeys,
      List<AttributionModel> models,
      ValidatedWarehouse warehouse,
      StoredFrames stored) {
    RunPhase.enter(RunPhase.FIT_MODELS);
    // The data-driven models and their intervals all learn from the closed journeys' paths: built
    // and stored once, not read from the journeys again by every fit and every interval.
    boolean learnsPaths = models.stream().anyMatch(m -> m instanceof PathModel);
    Dataset<Row> paths =
        learnsPaths
            ? stored.store(PathFrame.fromJourneys(journeys))
            : PathFrame.fromJourneys(journeys);
    // Fitted before the first table is staged: a fit that cannot be done (more channels than the
    // shapley model supports, more states than the Markov chain's limit) fails the run with
    // nothing staged.
    List<AttributionModel> fitted =
        models.stream()
            .map(m -> m instanceof PathModel learned ? learned.fitPaths(paths) : m.fit(journeys))
            .toList();
    stage.table(JOURNEY_TOUCHES, JourneyTouches.of(journeys));
    ScoredJourneys scored = Credits.score(journeys, fitted);
    Dataset<Row> credits = stage.table(ATTRIBUTION_CREDITS, scored.credits());
    // The intervals' fits (one per resample) run here, before their table is staged: under its
    // phase, not the credits' write.
    RunPhase.enter(RunPhase.write(DATA_DRIVEN_INTERVALS));
    Dataset<Row> intervals = DataDrivenIntervals.ofPaths(paths, settings.config().models());
    stage.table(DATA_DRIVEN_INTERVALS, intervals);
    stage.table(QUARANTINE, warehouse.quarantine());
    RunPhase.enter(RunPhase.ANALYST_TABLES);
    AnalystTables.build(
            journeys,
            credits,
            scored,
            warehouse.table(InputTable.SPEND),
            settings.asOf(),
            ReportingCurrency.of(settings.config().reporting()),
            // Stored: model_comparison is built from attribution_summary and velocity_by_channel
            // from opportunity_velocity; both are small (a row per dimension value, per
            // opportunity), and otherwise each would be computed again from the credits.
            stored::store)
        .forEach(stage::table);
  }
}
