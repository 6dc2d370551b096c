package io.revattr.common.journey;

import static io.revattr.testsupport.DataFrameAssert.assertRows;

import io.revattr.common.config.RevattrConfig.JourneyConfig;
import io.revattr.common.config.RevattrConfig.Mapping;
import io.revattr.testsupport.WarehouseFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The three journey mappings (DESIGN.md section 3) on one account with two opportunities: which
 * touches count, and their positions (1..n, so no stray empty row sits beside real touches).
 */
class MappingsTest {
  /**
   * Account a1: contacts c1, c2, c3 (no role anywhere), c4 (a role on o1, no touch); lead l1
   * converted to c1, lead l2 converted to the account only; visitor v1 identified as c2. Account
   * a2: contact c9. Roles: o1 has c1 (primary), c2 and c4; o2 has c2, not primary.
   */
  private static WarehouseFixture warehouse() {
    String created = "2024-01-01T00:00:00Z";
    return new WarehouseFixture()
        .contact("c1", "a1", created)
        .contact("c2", "a1", created)
        .contact("c3", "a1", created)
        .contact("c4", "a1", created)
        .contact("c9", "a2", created)
        .lead("l1", created, "c1", "a1")
        .lead("l2", created, null, "a1")
        .lead("l3", created, null, null)
        .identity("v1", null, "c2", "2024-01-20T00:00:00Z")
        .contactTouch("t1", "2024-01-10T00:00:00Z", "c1", "email")
        .contactTouch("t2", "2024-01-11T00:00:00Z", "c2", "email")
        .contactTouch("t3", "2024-01-12T00:00:00Z", "c3", "email")
        .accountTouch("t4", "2024-01-13T00:00:00Z", "a1", "display")
        .leadTouch("t5", "2024-01-14T00:00:00Z", "l1", "webinar")
        .leadTouch("t6", "2024-01-15T00:00:00Z", "l2", "webinar")
        .contactTouch("t7", "2024-01-16T00:00:00Z", "c9", "email")
        .leadTouch("t8", "2024-01-17T00:00:00Z", "l3", "webinar")
        .touch("t9", "2024-01-18T00:00:00Z", null, null, "v1", null, "organic", "web_visit")
        .opportunity("o1", "a1", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z", "won", 100)
        .opportunity("o2", "a1", "2024-02-01T00:00:00Z", null, "open", 50)
        .role("o1", "c1", true)
        .role("o1", "c2", false)
        .role("o1", "c4", false)
        .role("o2", "c2", false);
  }

  @Test
  void accountMappingTakesEveryPersonAndAccountLevelTouchOfTheAccount() {
    // Not t7 (another account) nor t8 (a lead of no account).
    List<List<Object>> expected = new ArrayList<>();
    expected.addAll(journey("o1", "t1", "t2", "t3", "t4", "t5", "t6", "t9"));
    expected.addAll(journey("o2", "t1", "t2", "t3", "t4", "t5", "t6", "t9"));
    assertRows(positions(Mapping.ACCOUNT), expected);
  }

  @Test
  void contactRolesMappingTakesTheRoleContactsAndTheirLeadsAndVisitors() {
    // o1: c1 (t1, and t5 of its converted lead l1), c2 (t2, and t9 of its visitor v1), c4 (none).
    List<List<Object>> expected = new ArrayList<>();
    expected.addAll(journey("o1", "t1", "t2", "t5", "t9"));
    expected.addAll(journey("o2", "t2", "t9"));
    assertRows(positions(Mapping.CONTACT_ROLES), expected);
  }

  @Test
  void primaryContactMappingTakesThePrimaryContactOnly() {
    // o2 has no primary contact: its journey is empty (one row without a touch).
    List<List<Object>> expected = new ArrayList<>(journey("o1", "t1", "t5"));
    expected.add(Arrays.asList("o2", null, null));
    assertRows(positions(Mapping.PRIMARY_CONTACT), expected);
  }

  @Test
  void primaryContactMappingTakesEveryPrimaryContact() {
    // o1 has two primary contacts, c1 and c2, and c3 not primary: c1's t1 and c2's t2 count.
    WarehouseFixture w =
        threeContactsOfA1().role("o1", "c1", true).role("o1", "c2", true).role("o1", "c3", false);
    assertRows(positions(w, Mapping.PRIMARY_CONTACT), journey("o1", "t1", "t2"));
  }

  @Test
  void aContactWithTwoRolesOnAnOpportunityCountsEachOfItsTouchesOnce() {
    // c1 has two role rows on o1 (Champion and Decision Maker: not exact duplicates), c2 one: the
    // journey is c1's t1 and t4 and c2's t2, once each (not c1's twice). c3 has no role: no t3.
    WarehouseFixture w =
        threeContactsOfA1()
            .contactTouch("t4", "2024-01-13T00:00:00Z", "c1", "webinar")
            .role("o1", "c1", "Champion", true)
            .role("o1", "c1", "Decision Maker", false)
            .role("o1", "c2", "Champion", false);
    assertRows(positions(w, Mapping.CONTACT_ROLES), journey("o1", "t1", "t2", "t4"));
  }

  @Test
  void aNullIsPrimaryIsNotPrimary() {
    // o1: c1 is primary, c2's is_primary is null: only c1's t1. o2: c3's is_primary is null, so o2
    // has no primary contact and its journey is empty (one row without a touch).
    WarehouseFixture w =
        threeContactsOfA1()
            .opportunity("o2", "a1", "2024-02-01T00:00:00Z", null, "open", 50)
            .role("o1", "c1", "Champion", true)
            .role("o1", "c2", "Champion", null)
            .role("o2", "c3", "Champion", null);
    List<List<Object>> expected = new ArrayList<>(journey("o1", "t1"));
    expected.add(Arrays.asList("o2", null, null));
    assertRows(positions(w, Mapping.PRIMARY_CONTACT), expected);
  }

  /** Account a1: contacts c1, c2, c3 with one touch each (t1, t2, t3); o1 won, no roles yet. */
  private static WarehouseFixture threeContactsOfA1() {
    String created = "2024-01-01T00:00:00Z";
    return new WarehouseFixture()
        .contact("c1", "a1", created)
        .contact("c2", "a1", created)
        .contact("c3", "a1", created)
        .contactTouch("t1", "2024-01-10T00:00:00Z", "c1", "email")
        .contactTouch("t2", "2024-01-11T00:00:00Z", "c2", "email")
        .contactTouch("t3", "2024-01-12T00:00:00Z", "c3", "email")
        .opportunity("o1", "a1", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z", "won", 100);
  }

  private static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> positions(Mapping mapping) {
    return positions(warehouse(), mapping);
  }

  private static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> positions(
      WarehouseFixture warehouse, Mapping mapping) {
    return warehouse
        .journeys(new JourneyConfig(mapping, OptionalInt.empty(), Duration.ofMinutes(10)))
        .select("opportunity_id", "touch_id", JourneyColumns.POSITION);
  }

  private static List<List<Object>> journey(String opportunity, String... touches) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < touches.length; i++) {
      rows.add(List.of(opportunity, touches[i], i + 1));
    }
    return rows;
  }
}
