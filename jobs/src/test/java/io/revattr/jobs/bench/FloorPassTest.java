package io.revattr.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.jobs.generate.GenerateCommand;
import io.revattr.jobs.io.InputFormat;
import io.revattr.testsupport.DataFrameAssert;
import io.revattr.testsupport.Frames;
import io.revattr.testsupport.SharedSpark;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The floor joins touches to the opportunities of their account within the window, once per model.
 */
class FloorPassTest {
  private static final Instant AS_OF_END = Instant.parse("2025-12-31T23:59:59Z");

  @TempDir static Path warehouse;
  @TempDir static Path csvWarehouse;

  @BeforeAll
  static void writeWarehouse() {
    StructType touches =
        new StructType()
            .add("touch_id", DataTypes.StringType)
            .add("occurred_at", DataTypes.TimestampType)
            .add("lead_id", DataTypes.StringType)
            .add("contact_id", DataTypes.StringType)
            .add("account_id", DataTypes.StringType)
            .add("channel", DataTypes.StringType)
            .add("campaign_id", DataTypes.StringType)
            .add("touch_type", DataTypes.StringType)
            .add("team", DataTypes.StringType);
    // t1: contact of A; t2: lead converted into a contact of A; t3: lead converted to account B;
    // t4: account-level touch of A after A1 closed; t5: contact of B.
    write(
        "touchpoints",
        Frames.of(
            touches,
            row("t1", "2025-01-01T00:00:00Z", null, "c1", null),
            row("t2", "2025-01-02T00:00:00Z", "l1", null, null),
            row("t3", "2025-01-03T00:00:00Z", "l2", null, null),
            row("t4", "2025-03-01T00:00:00Z", null, null, "A"),
            row("t5", "2025-01-04T00:00:00Z", null, "c2", null)));
    write(
        "leads",
        Frames.of(
            new StructType()
                .add("lead_id", DataTypes.StringType)
                .add("converted_contact_id", DataTypes.StringType)
                .add("converted_account_id", DataTypes.StringType),
            new Object[] {"l1", "c1", null},
            new Object[] {"l2", null, "B"}));
    write(
        "contacts",
        Frames.of(
            new StructType()
                .add("contact_id", DataTypes.StringType)
                .add("account_id", DataTypes.StringType),
            new Object[] {"c1", "A"},
            new Object[] {"c2", "B"}));
    write(
        "opportunities",
        Frames.of(
            new StructType()
                .add("opportunity_id", DataTypes.StringType)
                .add("account_id", DataTypes.StringType)
                .add("stage", DataTypes.StringType)
                .add("amount", DataTypes.DoubleType)
                .add("currency", DataTypes.StringType)
                .add("closed_at", DataTypes.TimestampType),
            new Object[] {"A1", "A", "won", 100.0, "USD", "2025-02-01T00:00:00Z"},
            new Object[] {"B1", "B", "open", 50.0, "USD", null},
            new Object[] {"C1", "C", "open", 10.0, "USD", null}));
  }

  @Test
  void everyJourneyRowOncePerModelWhenEverythingIsKept() {
    Dataset<Row> rows =
        FloorPass.rows(
            SharedSpark.spark(),
            warehouse.toString(),
            InputFormat.PARQUET,
            AS_OF_END,
            List.of("m1", "m2"),
            1.0);
    // A1 (closed Feb 1): t1, t2, not t4 (after close). B1: t3 (lead to account B), t5.
    // C1: no touch, one row with null touch.
    DataFrameAssert.assertRows(
        rows.select("model", "opportunity_id", "touch_id"),
        Arrays.asList(
            Arrays.asList("m1", "A1", "t1"),
            Arrays.asList("m2", "A1", "t1"),
            Arrays.asList("m1", "A1", "t2"),
            Arrays.asList("m2", "A1", "t2"),
            Arrays.asList("m1", "B1", "t3"),
            Arrays.asList("m2", "B1", "t3"),
            Arrays.asList("m1", "B1", "t5"),
            Arrays.asList("m2", "B1", "t5"),
            Arrays.asList("m1", "C1", null),
            Arrays.asList("m2", "C1", null)));
  }

  @Test
  void keptShareKeepsAboutThatShareOfTheCopies() {
    List<String> models = Collections.nCopies(400, "m");
    long kept =
        FloorPass.rows(
                SharedSpark.spark(),
                warehouse.toString(),
                InputFormat.PARQUET,
                AS_OF_END,
                models,
                0.25)
            .count();
    // 5 journey rows x 400 copies = 2,000; a quarter is 500 (binomial sd ~19).
    assertThat(kept).isBetween(420L, 580L);
  }

  @Test
  void theSameWarehouseAsCsvGivesTheSameRows() {
    List<String> models = List.of("m1", "m2");
    Dataset<Row> fromParquet =
        FloorPass.rows(
            SharedSpark.spark(), warehouse.toString(), InputFormat.PARQUET, AS_OF_END, models, 1.0);
    Dataset<Row> fromCsv =
        FloorPass.rows(
            SharedSpark.spark(), csvWarehouse.toString(), InputFormat.CSV, AS_OF_END, models, 1.0);

    assertThat(fromCsv.schema()).isEqualTo(fromParquet.schema());
    DataFrameAssert.assertSameRows(fromCsv, fromParquet);
  }

  private static Object[] row(
      String touchId, String at, String leadId, String contactId, String accountId) {
    return new Object[] {touchId, at, leadId, contactId, accountId, "web", null, "visit", null};
  }

  /** The table as Parquet, and as CSV the way the sample-data generator writes it. */
  private static void write(String table, Dataset<Row> rows) {
    rows.write().mode("overwrite").parquet(warehouse.resolve(table).toString());
    GenerateCommand.writeTable(rows, csvWarehouse.resolve(table).toString(), "csv");
  }
}
