package io.revattr.common.validate;

import static io.revattr.testsupport.DataFrameAssert.assertRows;
import static org.apache.spark.sql.functions.col;

import io.revattr.common.config.ConfigLoader;
import io.revattr.common.schema.InputTable;
import io.revattr.testsupport.WarehouseFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A touch's team is marketing or sales (DESIGN.md section 2): its own, letter case aside, or, when
 * empty, derived from its touch type; any other value is quarantined with its reason.
 */
class TeamsTest {
  @Test
  void aTouchsOwnTeamIsMarketingOrSalesAndAnEmptyOneIsDerived() {
    // The shipped config derives sales for meetings and marketing for other touch types.
    ValidatedWarehouse warehouse =
        new WarehouseFixture()
            .contact("c1", "a1", "2024-01-01T00:00:00Z")
            .teamTouch("t1", "2024-02-01T00:00:00Z", "c1", "email", "Sales ")
            .teamTouch("t2", "2024-02-01T00:00:00Z", "c1", "email", "MARKETING")
            .teamTouch("t3", "2024-02-01T00:00:00Z", "c1", "meeting", null)
            .teamTouch("t4", "2024-02-01T00:00:00Z", "c1", "webinar", " ")
            .teamTouch("t5", "2024-02-01T00:00:00Z", "c1", "email", "partners")
            .teamTouch("t6", "2024-02-01T00:00:00Z", "c1", "meeting", "sales-ops")
            .validated(
                ConfigLoader.load(null, "test", Map.of("input.default_team", "marketing")).input());

    assertRows(
        warehouse.table(InputTable.TOUCHPOINTS).select(col("touch_id"), col("team")),
        List.of(
            List.of("t1", "sales"),
            List.of("t2", "marketing"),
            List.of("t3", "sales"),
            List.of("t4", "marketing")));
    assertRows(
        warehouse
            .quarantine()
            .select(col("record_key"), col("reason_code"))
            .filter(col("source_table").equalTo("touchpoints")),
        List.of(List.of("t5", "unknown_team"), List.of("t6", "unknown_team")));
  }
}
