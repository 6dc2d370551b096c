package io.revattr.common.validate;

import static io.revattr.testsupport.DataFrameAssert.assertRows;
import static org.apache.spark.sql.functions.col;

import io.revattr.common.config.ConfigLoader;
import io.revattr.common.schema.InputTable;
import io.revattr.testsupport.WarehouseFixture;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A blank text value (empty, or spaces only: what Parquet, Delta and catalog tables can hold where
 * a CSV file has an empty field) is no value: the first non-null id decides a touch's owner
 * (DESIGN.md section 3), and a touch whose only id is blank belongs to nobody (section 6).
 */
class BlankValuesTest {
  /**
   * c1 and the unconverted lead l1 in account a1; l2's converted_contact_id is blank. t1's blank
   * contact_id stands before its lead l1, and so does t4's of a tab and a carriage return; t2's
   * anonymous_id and account_id are blank; t3 is c1's.
   */
  private static ValidatedWarehouse validated() {
    WarehouseFixture warehouse =
        new WarehouseFixture()
            .contact("c1", "a1", "2024-01-01T00:00:00Z")
            .lead("l1", "2024-01-01T00:00:00Z", null, "a1")
            .lead("l2", "2024-01-02T00:00:00Z", "", "a1")
            .touch("t1", "2024-02-01T00:00:00Z", "l1", "", null, null, "email", "email")
            .touch("t2", "2024-02-01T00:00:00Z", null, null, "  ", "  ", "display", "ad")
            .touch("t4", "2024-02-01T00:00:00Z", "l1", "\t\r", null, null, "email", "email")
            .touch("t3", "2024-02-01T00:00:00Z", null, "c1", null, null, "webinar", "webinar");
    return warehouse.validated(ConfigLoader.defaults().input());
  }

  @Test
  void aBlankIdIsNoIdAndATouchWithOnlyBlankIdsBelongsToNobody() {
    ValidatedWarehouse warehouse = validated();

    assertRows(
        warehouse.quarantine().select(col("source_table"), col("record_key"), col("reason_code")),
        List.of(List.of("touchpoints", "t2", "no_person_no_account")));
    // t1 is l1's touch (its blank contact_id names no contact); l2 is an unconverted lead.
    assertRows(
        warehouse
            .table(InputTable.TOUCHPOINTS)
            .select(col("touch_id"), col("lead_id"), col("contact_id"), col("campaign_id")),
        List.of(
            Arrays.asList("t1", "l1", null, null),
            Arrays.asList("t3", null, "c1", null),
            Arrays.asList("t4", "l1", null, null)));
    assertRows(
        warehouse.table(InputTable.LEADS).select(col("lead_id"), col("converted_contact_id")),
        List.of(Arrays.asList("l1", null), Arrays.asList("l2", null)));
  }
}
