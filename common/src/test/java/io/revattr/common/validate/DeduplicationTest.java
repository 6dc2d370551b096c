package io.revattr.common.validate;

import static io.revattr.testsupport.DataFrameAssert.assertRows;
import static io.revattr.testsupport.PhysicalPlans.count;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.common.schema.InputConformance;
import io.revattr.common.schema.InputTable;
import io.revattr.testsupport.Frames;
import io.revattr.testsupport.PhysicalPlans;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SortExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.exchange.ShuffleExchangeExec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Exact duplicates collapse to one record; the distinct contents of each key are counted. */
class DeduplicationTest {
  private static final StructType CONTACTS_AS_READ =
      new StructType()
          .add("contact_id", DataTypes.StringType)
          .add("account_id", DataTypes.StringType)
          .add("created_at", DataTypes.StringType)
          .add("email", DataTypes.StringType);

  /**
   * c1: one content read twice; c2: content A read twice and content B once; c3: read once; c4:
   * content A once and content B (a different e-mail) read three times.
   */
  private static Dataset<Row> contacts() {
    Dataset<Row> read =
        Frames.of(
            CONTACTS_AS_READ,
            new Object[] {"c1", "a1", "2024-01-01 00:00:00", "one@example.com"},
            new Object[] {"c2", "a1", "2024-01-02 00:00:00", "two@example.com"},
            new Object[] {"c1", "a1", "2024-01-01 00:00:00", "one@example.com"},
            new Object[] {"c3", "a2", "2024-01-03 00:00:00", null},
            new Object[] {"c2", "a2", "2024-01-02 00:00:00", "two@example.com"},
            new Object[] {"c4", "a3", "2024-01-04 00:00:00", "four@example.com"},
            new Object[] {"c2", "a1", "2024-01-02 00:00:00", "two@example.com"},
            new Object[] {"c4", "a3", "2024-01-04 00:00:00", "FOUR@example.com"},
            new Object[] {"c4", "a3", "2024-01-04 00:00:00", "FOUR@example.com"},
            new Object[] {"c4", "a3", "2024-01-04 00:00:00", "FOUR@example.com"});
    return InputConformance.conform(InputTable.CONTACTS, read, Map.of());
  }

  @Test
  void recordsWithAMapColumnCollapseToo() {
    // Maps cannot be compared: a Parquet table with one would otherwise fail the collapse.
    StructType withMap =
        CONTACTS_AS_READ.add(
            "props", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
    Dataset<Row> read =
        Frames.of(
            withMap,
            new Object[] {"c1", "a1", "2024-01-01", null, Map.of("utm", "google")},
            new Object[] {"c1", "a1", "2024-01-01", null, Map.of("utm", "google")},
            new Object[] {"c1", "a1", "2024-01-01", null, Map.of("utm", "bing")});
    assertPropsCollapseAsJsonText(read);
  }

  @Test
  void recordsWithAVariantColumnCollapseToo() {
    // A variant cannot be sorted either (a Delta table with a VARIANT column).
    Dataset<Row> read =
        Frames.of(
                CONTACTS_AS_READ.add("props", DataTypes.StringType),
                new Object[] {"c1", "a1", "2024-01-01", null, "{\"utm\": \"google\"}"},
                new Object[] {"c1", "a1", "2024-01-01", null, "{\"utm\": \"google\"}"},
                new Object[] {"c1", "a1", "2024-01-01", null, "{\"utm\": \"bing\"}"})
            .withColumn("props", functions.parse_json(col("props")));
    assertPropsCollapseAsJsonText(read);
  }

  /**
   * Two copies of c1 with props {utm: google} and one with {utm: bing}: the first two collapse, the
   * third is c1's other content, and the props are compared as their JSON text.
   */
  private static void assertPropsCollapseAsJsonText(Dataset<Row> read) {
    Dataset<Row> collapsed =
        Deduplication.collapse(
            InputTable.CONTACTS, InputConformance.conform(InputTable.CONTACTS, read, Map.of()));

    assertRows(
        collapsed
            .select(
                col(InputConformance.RAW_RECORD + ".props"),
                col(Deduplication.COPIES),
                col(Deduplication.CONTENTS_PER_KEY))
            .orderBy(Deduplication.COPIES),
        List.of(List.of("{\"utm\":\"bing\"}", 1L, 2L), List.of("{\"utm\":\"google\"}", 2L, 2L)));
  }

  @Test
  void exactDuplicatesCollapseAndEachKeysContentsAreCounted() {
    Dataset<Row> collapsed = Deduplication.collapse(InputTable.CONTACTS, contacts());

    assertRows(
        collapsed.select(
            col("contact_id"),
            col("account_id"),
            col("email"),
            col(Deduplication.COPIES),
            col(Deduplication.CONTENTS_PER_KEY)),
        List.of(
            List.of("c1", "a1", "one@example.com", 2L, 1L),
            List.of("c2", "a1", "two@example.com", 2L, 2L),
            List.of("c2", "a2", "two@example.com", 1L, 2L),
            Arrays.asList("c3", "a2", null, 1L, 1L),
            List.of("c4", "a3", "four@example.com", 1L, 2L),
            List.of("c4", "a3", "FOUR@example.com", 3L, 2L)));
  }

  @Test
  void oneShuffleAndOneSortServeEveryWindow() {
    SparkPlan plan = PhysicalPlans.of(Deduplication.collapse(InputTable.CONTACTS, contacts()));

    assertThat(count(plan, p -> p instanceof ShuffleExchangeExec)).isEqualTo(1);
    assertThat(count(plan, p -> p instanceof SortExec)).isEqualTo(1);
  }
}
