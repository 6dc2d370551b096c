package io.revattr.jobs.run;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.common.schema.InputTable;
import io.revattr.jobs.ledger.TableCounts;
import io.revattr.testsupport.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad record goes to quarantine with its reason code, and nothing else changes.
 *
 * <p>One warehouse ({@link BadRecords}) holds the clean base plus one record per kind, so that one
 * validation serves every case and the last tests can check that exactly these records, and no
 * others, left the usable set.
 */
class BadRecordsTest {
  @TempDir static Path dir;

  private static final StoredFrames STORED = new StoredFrames();
  private static List<Row> quarantine;
  private static Map<String, Set<String>> usableKeys;
  private static Map<String, Set<String>> baseUsableKeys;
  private static List<TableCounts> counts;

  @BeforeAll
  static void validateBothWarehouses() {
    baseUsableKeys = usableKeys(check(CsvWarehouse.base(), "base").warehouse().usable());
    AttributionRun.CheckedInput faulty = check(BadRecords.faulty(), "faulty");
    usableKeys = usableKeys(faulty.warehouse().usable());
    counts = faulty.counts();
    quarantine =
        faulty
            .warehouse()
            .quarantine()
            .select("source_table", "record_key", "reason_code", "reason", "record")
            .collectAsList();
  }

  @AfterAll
  static void unpersist() {
    STORED.close();
  }

  private static AttributionRun.CheckedInput check(CsvWarehouse warehouse, String name) {
    Path input = warehouse.writeTo(dir.resolve(name));
    RunSettings settings =
        CsvWarehouse.settings(input, dir.resolve(name + "-out"), CsvWarehouse.AS_OF);
    return new AttributionRun(SharedSpark.spark(), settings).checkInput(STORED);
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @MethodSource("io.revattr.jobs.run.BadRecords#badRecords")
  void quarantinesWithItsReason(String table, String key, String code, String reasonPart) {
    List<Row> rows =
        quarantine.stream()
            .filter(r -> r.getString(0).equals(table) && java.util.Objects.equals(r.get(1), key))
            .toList();
    int copies = code.equals("conflicting_duplicate_key") ? 2 : 1;
    assertThat(rows).as("quarantine rows of %s %s", table, key).hasSize(copies);
    for (Row row : rows) {
      assertThat(row.getString(2)).isEqualTo(code);
      assertThat(row.getString(3)).contains(reasonPart);
      assertThat(row.getString(4)).startsWith("{").endsWith("}");
    }
  }

  @Test
  void keepsAMalformedLineAsReadInItsQuarantineRecord() {
    String record =
        quarantine.stream()
            .filter(r -> "TCOMMA".equals(r.get(1)))
            .map(r -> r.getString(4))
            .findFirst()
            .orElseThrow();
    assertThat(record).contains("\"_malformed_line\":\"" + BadRecords.MALFORMED_LINE + "\"");
    assertThat(quarantine.stream().filter(r -> "TCOMMA".equals(r.get(1))).map(r -> r.getString(3)))
        .as("a line without quotes is not taken for a split record")
        .singleElement()
        .asString()
        .doesNotContain("quotes");
    assertThat(quarantine.stream().filter(r -> !r.getString(2).equals("malformed_row")))
        .allSatisfy(r -> assertThat(r.getString(4)).doesNotContain("_malformed_line"));
  }

  @Test
  void quarantinesNothingElse() {
    Set<String> expected =
        BadRecords.badRecords()
            .map(a -> a.get()[0] + "/" + a.get()[1] + "/" + a.get()[2])
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> actual =
        quarantine.stream()
            .map(r -> r.get(0) + "/" + r.get(1) + "/" + r.get(2))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(actual).isEqualTo(expected);
    // The three conflicting keys (TX10, TX15, CMP2) quarantine two distinct contents each.
    assertThat(quarantine).hasSize(expected.size() + 3);
  }

  @Test
  void leavesEveryOtherRecordUsable() {
    Map<String, Set<String>> expected = new TreeMap<>(baseUsableKeys);
    expected.get("opportunities").addAll(List.of("OK1", "OK2", "OK3", "OK4", "OK5"));
    expected.get("spend").add("podcasts|2024-02|50.0");
    expected.get("opportunity_contact_roles").add("O2|C1");
    expected.get("touchpoints").addAll(List.of("TK1", "TK2"));
    assertThat(usableKeys).isEqualTo(expected);
  }

  @Test
  void mapsStagesAndIgnoresAnOpenOpportunitysExpectedCloseDate() {
    // OK1's "Closed Won" is won after the mapping; O2 is open with a closed_at after the as-of.
    assertThat(usableKeys.get("opportunities")).contains("OK1", "O2");
  }

  @Test
  void countsEveryRowOnceAndCollapsesExactDuplicates() {
    Map<String, TableCounts> byTable =
        counts.stream().collect(Collectors.toMap(TableCounts::table, c -> c));
    assertThat(counts).allSatisfy(c -> assertThat(c.reconciles()).as(c.table()).isTrue());
    // 6 clean touches + 2 kept account-level touches + 20 bad rows (4 malformed: both lines of
    // TCUT are) + 1 exact duplicate of T2 + TX15's 3 rows: 1 collapsed, 2 quarantined.
    assertThat(byTable.get("touchpoints"))
        .extracting(TableCounts::read, TableCounts::used, TableCounts::collapsed)
        .containsExactly(32L, 8L, 2L);
    assertThat(byTable.get("touchpoints").quarantined()).isEqualTo(22L);
    assertThat(byTable.get("touchpoints").quarantinedByReason())
        .containsEntry("malformed_row", 4L)
        .containsEntry("conflicting_duplicate_key", 4L);
    // 2 clean roles + 5 bad rows + O2's good row and its malformed twin, which is not collapsed.
    assertThat(byTable.get("opportunity_contact_roles"))
        .extracting(TableCounts::read, TableCounts::used, TableCounts::collapsed)
        .containsExactly(9L, 3L, 0L);
    assertThat(byTable.get("identities"))
        .extracting(TableCounts::read, TableCounts::used, TableCounts::quarantined)
        .containsExactly(6L, 1L, 5L); // 1 clean identity + 5 bad ones
    // 1 clean row + the kept podcasts row + 6 bad rows.
    assertThat(byTable.get("spend"))
        .extracting(TableCounts::read, TableCounts::used, TableCounts::quarantined)
        .containsExactly(8L, 2L, 6L);
    assertThat(byTable.get("opportunity_contact_roles").quarantinedByReason())
        .containsEntry("malformed_row", 1L);
    assertThat(byTable.get("campaigns"))
        .extracting(TableCounts::read, TableCounts::used, TableCounts::collapsed)
        .containsExactly(4L, 1L, 1L);
    assertThat(byTable.get("opportunities").quarantinedByReason())
        .containsEntry("timestamp_after_as_of", 2L)
        .containsEntry("unknown_currency", 2L);
  }

  /** Every table's usable record keys (as in the quarantine's record_key), in one Spark job. */
  private static Map<String, Set<String>> usableKeys(Map<InputTable, Dataset<Row>> usable) {
    Dataset<Row> keys = null;
    Map<String, Set<String>> result = new TreeMap<>();
    for (InputTable table : InputTable.values()) {
      List<String> columns =
          table.keyColumn() != null ? List.of(table.keyColumn()) : table.requiredColumns();
      Column key =
          concat_ws(
              "|",
              columns.stream()
                  .map(c -> coalesce(col(c).cast("string"), lit("")))
                  .toArray(Column[]::new));
      Dataset<Row> one = usable.get(table).select(lit(table.tableName()).as("t"), key.as("k"));
      keys = keys == null ? one : keys.unionByName(one);
      result.put(table.tableName(), new TreeSet<>());
    }
    for (Row row : keys.collectAsList()) {
      result.get(row.getString(0)).add(row.getString(1));
    }
    return result;
  }
}
