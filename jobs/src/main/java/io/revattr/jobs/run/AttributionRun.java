package io.revattr.jobs.run;

import io.revattr.common.journey.JourneyTouches;
import io.revattr.common.journey.Journeys;
import io.revattr.common.journey.People;
import io.revattr.common.model.AttributionModel;
import io.revattr.common.model.Credits;
import io.revattr.common.model.ModelCatalog;
import io.revattr.common.report.AnalystTables;
import io.revattr.common.report.ReportingCurrency;
import io.revattr.common.schema.InputTable;
import io.revattr.common.validate.ValidatedWarehouse;
import io.revattr.common.validate.WarehouseValidation;
import io.revattr.jobs.io.ResultWriter;
import io.revattr.jobs.io.WarehouseReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * One attribution run: read and check the warehouse, validate it, build the journeys, apply every
 * selected model and write the result tables. Structural problems stop the run before anything is
 * written.
 */
public final class AttributionRun {
  /** Names of the result tables this run writes. */
  public static final String JOURNEY_TOUCHES = "journey_touches";

  public static final String ATTRIBUTION_CREDITS = "attribution_credits";
  public static final String QUARANTINE = "quarantine";

  private final SparkSession spark;
  private final RunSettings settings;

  public AttributionRun(SparkSession spark, RunSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  /** Runs the job and returns what it wrote. */
  public RunResult execute() {
    String runId = UUID.randomUUID().toString();
    spark
        .sparkContext()
        .setJobGroup("revattr-" + runId, "revattr run as of " + settings.asOf(), false);
    try {
      return execute(runId);
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  private RunResult execute(String runId) {
    WarehouseReader reader =
        new WarehouseReader(
            spark, settings.inputFormat(), settings.config().input().columnMapping());
    Map<InputTable, Dataset<Row>> conformed =
        settings.inputCatalog() != null
            ? reader.readCatalog(settings.inputCatalog())
            : reader.readDirectory(settings.input());
    ValidatedWarehouse warehouse =
        WarehouseValidation.validate(conformed, settings.asOfEnd(), settings.config().input());

    Dataset<Row> touches =
        People.resolveTouches(
            warehouse.table(InputTable.TOUCHPOINTS),
            warehouse.table(InputTable.LEADS),
            warehouse.table(InputTable.CONTACTS),
            warehouse.table(InputTable.IDENTITIES),
            settings.config().journey().leadCreationGrace());
    Dataset<Row> journeys =
        Journeys.build(
                touches,
                warehouse.table(InputTable.OPPORTUNITIES),
                warehouse.table(InputTable.OPPORTUNITY_CONTACT_ROLES),
                settings.config().journey(),
                settings.asOfEnd())
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<AttributionModel> models = ModelCatalog.select(settings.config().models());
      // Persisted: the analyst tables aggregate the credits again, and every model's credit is
      // computed once.
      Dataset<Row> credits =
          Credits.allocate(journeys, models).persist(StorageLevel.MEMORY_AND_DISK());

      Map<String, Dataset<Row>> results = new LinkedHashMap<>();
      results.put(JOURNEY_TOUCHES, JourneyTouches.of(journeys));
      results.put(ATTRIBUTION_CREDITS, credits);
      results.put(QUARANTINE, warehouse.quarantine());
      results.putAll(
          AnalystTables.build(
              journeys,
              credits,
              warehouse.table(InputTable.SPEND),
              models.stream().map(AttributionModel::name).toList(),
              settings.asOf(),
              ReportingCurrency.of(settings.config().reporting())));

      ResultWriter writer =
          new ResultWriter(spark, settings.output(), settings.catalog(), settings.asOf(), runId);
      try {
        results.forEach(writer::replaceAsOf);
      } finally {
        credits.unpersist();
      }
      return RunResult.read(spark, writer, results.keySet(), runId, settings.asOf());
    } finally {
      journeys.unpersist();
    }
  }
}
