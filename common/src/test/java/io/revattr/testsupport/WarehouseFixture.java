package io.revattr.testsupport;

import io.revattr.common.config.RevattrConfig.InputConfig;
import io.revattr.common.config.RevattrConfig.JourneyConfig;
import io.revattr.common.config.RevattrConfig.Mapping;
import io.revattr.common.journey.Journeys;
import io.revattr.common.journey.People;
import io.revattr.common.schema.InputConformance;
import io.revattr.common.schema.InputTable;
import io.revattr.common.validate.ValidatedWarehouse;
import io.revattr.common.validate.WarehouseValidation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A tiny warehouse written inline, row by row, on the canonical schemas; builds clean journeys
 * directly (people resolution, then journeys) for tests of milestones and models.
 */
public final class WarehouseFixture {
  /** The as-of end used unless a test says otherwise: the end of 2024-12-31. */
  public static final Instant AS_OF_END = Instant.parse("2024-12-31T23:59:59.999999Z");

  private final Map<InputTable, List<Object[]>> rows = new EnumMap<>(InputTable.class);

  /** Adds a contact. */
  public WarehouseFixture contact(String id, String account, String createdAt) {
    return add(InputTable.CONTACTS, id, account, createdAt, null);
  }

  /** Adds a lead (converted to a contact or account, or not: nulls). */
  public WarehouseFixture lead(
      String id, String createdAt, String convertedContact, String convertedAccount) {
    return add(InputTable.LEADS, id, createdAt, null, null, convertedContact, convertedAccount);
  }

  /** Adds a lead converted at {@code convertedAt} to a contact (and its account). */
  public WarehouseFixture convertedLead(
      String id,
      String createdAt,
      String convertedAt,
      String convertedContact,
      String convertedAccount) {
    return add(
        InputTable.LEADS, id, createdAt, null, convertedAt, convertedContact, convertedAccount);
  }

  /** Adds an identity of an anonymous visitor. */
  public WarehouseFixture identity(
      String anonymousId, String leadId, String contactId, String identifiedAt) {
    return add(InputTable.IDENTITIES, anonymousId, leadId, contactId, identifiedAt);
  }

  /** Adds a touch of a contact on the given channel (touch type web_visit). */
  public WarehouseFixture contactTouch(String id, String at, String contact, String channel) {
    return touch(id, at, null, contact, null, null, channel, "web_visit");
  }

  /** Adds a touch of a contact on the given channel with the given touch type. */
  public WarehouseFixture contactTouch(
      String id, String at, String contact, String channel, String touchType) {
    return touch(id, at, null, contact, null, null, channel, touchType);
  }

  /** Adds a touch of a lead (converted or not) on the given channel (touch type web_visit). */
  public WarehouseFixture leadTouch(String id, String at, String lead, String channel) {
    return touch(id, at, lead, null, null, null, channel, "web_visit");
  }

  /** Adds an account-level touch. */
  public WarehouseFixture accountTouch(String id, String at, String account, String channel) {
    return touch(id, at, null, null, null, account, channel, "ad_impression");
  }

  /** Adds a touch with every owner id spelled out. */
  public WarehouseFixture touch(
      String id,
      String at,
      String lead,
      String contact,
      String anonymous,
      String account,
      String channel,
      String touchType) {
    return add(
        InputTable.TOUCHPOINTS,
        id,
        at,
        lead,
        contact,
        anonymous,
        account,
        channel,
        null,
        touchType,
        "marketing",
        null);
  }

  /** Adds a touch of a contact with the given touch type and team as the warehouse holds it. */
  public WarehouseFixture teamTouch(
      String id, String at, String contact, String touchType, String team) {
    return add(
        InputTable.TOUCHPOINTS,
        id,
        at,
        null,
        contact,
        null,
        null,
        "email",
        null,
        touchType,
        team,
        null);
  }

  /** Adds an opportunity. */
  public WarehouseFixture opportunity(
      String id, String account, String createdAt, String closedAt, String stage, double amount) {
    return add(InputTable.OPPORTUNITIES, id, account, createdAt, closedAt, stage, amount, "USD");
  }

  /** Adds a contact role on an opportunity. */
  public WarehouseFixture role(String opportunity, String contact, boolean primary) {
    return add(InputTable.OPPORTUNITY_CONTACT_ROLES, opportunity, contact, "Champion", primary);
  }

  /** Adds a contact role with the given role name; {@code primary} may be null. */
  public WarehouseFixture role(String opportunity, String contact, String role, Boolean primary) {
    return add(InputTable.OPPORTUNITY_CONTACT_ROLES, opportunity, contact, role, primary);
  }

  /** The rows of one table on its canonical schema. */
  public Dataset<Row> table(InputTable table) {
    return Frames.of(table.schema(), rows.getOrDefault(table, List.of()).toArray(new Object[0][]));
  }

  /** Every table conformed and validated as of {@link #AS_OF_END}, with the given input config. */
  public ValidatedWarehouse validated(InputConfig input) {
    Map<InputTable, Dataset<Row>> conformed = new EnumMap<>(InputTable.class);
    for (InputTable table : InputTable.values()) {
      conformed.put(table, InputConformance.conform(table, table(table), Map.of()));
    }
    return WarehouseValidation.validate(conformed, AS_OF_END, input);
  }

  /** Journeys under the account mapping, no lookback, a 10-minute grace. */
  public Dataset<Row> journeys() {
    return journeys(
        new JourneyConfig(Mapping.ACCOUNT, OptionalInt.empty(), Duration.ofMinutes(10)));
  }

  /** Journeys under the given journey config, as of {@link #AS_OF_END}. */
  public Dataset<Row> journeys(JourneyConfig config) {
    Dataset<Row> touches =
        People.resolveTouches(
            table(InputTable.TOUCHPOINTS),
            table(InputTable.LEADS),
            table(InputTable.CONTACTS),
            table(InputTable.IDENTITIES),
            config.leadCreationGrace());
    return Journeys.build(
        touches,
        table(InputTable.OPPORTUNITIES),
        table(InputTable.OPPORTUNITY_CONTACT_ROLES),
        config,
        AS_OF_END);
  }

  private WarehouseFixture add(InputTable table, Object... values) {
    rows.computeIfAbsent(table, t -> new ArrayList<>()).add(values);
    return this;
  }
}
