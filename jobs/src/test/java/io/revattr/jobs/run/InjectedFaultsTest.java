package io.revattr.jobs.run;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.common.config.ConfigLoader;
import io.revattr.jobs.generate.GenerateCommand;
import io.revattr.jobs.generate.SampleWarehouse;
import io.revattr.jobs.io.InputFormat;
import io.revattr.jobs.ledger.RunLedger;
import io.revattr.jobs.ledger.TableCounts;
import io.revattr.testsupport.SharedSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated warehouse with every kind of fault injected: every input row is accounted for, the
 * collapsed duplicates are exactly the duplicate rows of the files, and the runs table agrees with
 * the quarantine table.
 */
class InjectedFaultsTest {
  static final double RATE = 0.05;

  @TempDir static Path dir;
  static SparkSession spark;
  static Path warehouse;
  static RunResult result;

  @BeforeAll
  static void generateAndRun() {
    spark = SharedSpark.spark();
    warehouse = dir.resolve("warehouse");
    GenerateCommand.write(
        spark,
        new SampleWarehouse(spark, 40, 12, 11).withFaults(RATE),
        warehouse.toString(),
        "csv");
    String conf =
        "revattr.reporting { currency = USD, rates { EUR = 1.1, GBP = 1.3 } }\n"
            + "revattr.models.enabled = [first_touch, linear]\n";
    RunSettings settings =
        new RunSettings(
            warehouse.toString(),
            null,
            InputFormat.AUTO,
            dir.resolve("output").toString(),
            null,
            LocalDate.parse(SampleWarehouse.LATEST_AS_OF),
            ConfigLoader.load(conf, "test", Map.of()));
    result = new AttributionRun(spark, settings).execute();
  }

  @Test
  void everyInputRowIsUsedCollapsedOrQuarantined() {
    assertThat(result.run().inputs()).hasSize(8);
    for (TableCounts t : result.run().inputs()) {
      assertThat(t.read()).as(t.table()).isEqualTo(t.used() + t.collapsed() + t.quarantined());
      assertThat(t.quarantined()).as(t.table()).isPositive();
    }
  }

  @Test
  void collapsedDuplicatesAreTheFilesDuplicateRows() {
    for (TableCounts t : result.run().inputs()) {
      Dataset<Row> rows =
          spark.read().option("header", "true").csv(warehouse.resolve(t.table()).toString());
      long duplicates = rows.count() - rows.distinct().count();
      assertThat(t.collapsed()).as(t.table()).isEqualTo(duplicates);
      assertThat(t.read()).as(t.table()).isEqualTo(rows.count());
    }
    // The 17 campaigns may draw no duplicate at this rate; the touches draw dozens.
    assertThat(result.run().inputs().get(0).collapsed()).isGreaterThan(10);
  }

  @Test
  void theRunsTableAgreesWithTheQuarantineTable() {
    Dataset<Row> quarantine =
        spark.read().format("delta").load(result.tableLocations().get("quarantine"));
    Map<String, Map<String, Long>> fromQuarantine = new TreeMap<>();
    for (Row r : quarantine.groupBy("source_table", "reason_code").count().collectAsList()) {
      fromQuarantine
          .computeIfAbsent(r.getString(0), t -> new TreeMap<>())
          .put(r.getString(1), r.getLong(2));
    }
    Row run =
        spark.read().format("delta").load(result.tableLocations().get(RunLedger.RUNS)).first();
    Map<String, Map<String, Long>> fromRuns = new TreeMap<>();
    for (Row input : run.<Row>getList(run.fieldIndex("inputs"))) {
      Map<String, Long> byReason =
          new TreeMap<>(
              scala.jdk.javaapi.CollectionConverters.asJava(
                  input.<String, Long>getMap(input.fieldIndex("quarantined_by_reason"))));
      if (!byReason.isEmpty()) {
        fromRuns.put(input.getString(0), byReason);
      }
    }
    assertThat(fromRuns).isEqualTo(fromQuarantine);
    assertThat(run.<Boolean>getAs("inputs_reconcile")).isTrue();
    assertThat(run.<Boolean>getAs("credits_reconcile")).isTrue();
  }

  @Test
  void everyKindInjectedIntoTheTouchesIsQuarantinedWithItsCode() {
    Set<String> codes =
        spark
            .read()
            .format("delta")
            .load(result.tableLocations().get("quarantine"))
            .filter(col("source_table").equalTo("touchpoints"))
            .select("reason_code")
            .distinct()
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .collect(Collectors.toSet());
    // Injected directly, plus the cascade of touches whose contact or lead was quarantined.
    assertThat(codes)
        .containsAll(
            List.of(
                "null_key",
                "null_required_value",
                "unparseable_value",
                "timestamp_after_as_of",
                "no_person_no_account",
                "unknown_contact",
                "unknown_lead",
                "unknown_team",
                "conflicting_duplicate_key",
                "quarantined_contact",
                "quarantined_lead"));
  }

  @Test
  void opportunitiesInAnUnknownCurrencyAreQuarantinedWhenAmountsAreConverted() {
    Map<String, Long> byReason = new HashMap<>();
    result.run().inputs().stream()
        .filter(t -> t.table().equals("opportunities"))
        .forEach(t -> byReason.putAll(t.quarantinedByReason()));
    long xyz =
        spark
            .read()
            .option("header", "true")
            .csv(warehouse.resolve("opportunities").toString())
            .filter(col("currency").equalTo("XYZ"))
            .dropDuplicates()
            .count();
    assertThat(byReason.getOrDefault("unknown_currency", 0L)).isEqualTo(xyz).isPositive();
  }
}
