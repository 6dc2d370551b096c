package io.revattr.common.schema;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The warehouse contract (DESIGN.md section 2): every input table with its canonical columns, their
 * types, which are required, and the record key used for duplicates and quarantine.
 */
public enum InputTable {
  TOUCHPOINTS(
      "touchpoints",
      false,
      "touch_id",
      req("touch_id", DataTypes.StringType),
      req("occurred_at", DataTypes.TimestampType),
      opt("lead_id", DataTypes.StringType),
      opt("contact_id", DataTypes.StringType),
      opt("anonymous_id", DataTypes.StringType),
      opt("account_id", DataTypes.StringType),
      req("channel", DataTypes.StringType),
      opt("campaign_id", DataTypes.StringType),
      req("touch_type", DataTypes.StringType),
      opt("team", DataTypes.StringType),
      opt("content", DataTypes.StringType)),
  LEADS(
      "leads",
      false,
      "lead_id",
      req("lead_id", DataTypes.StringType),
      req("created_at", DataTypes.TimestampType),
      opt("email", DataTypes.StringType),
      opt("converted_at", DataTypes.TimestampType),
      opt("converted_contact_id", DataTypes.StringType),
      opt("converted_account_id", DataTypes.StringType)),
  CONTACTS(
      "contacts",
      false,
      "contact_id",
      req("contact_id", DataTypes.StringType),
      req("account_id", DataTypes.StringType),
      req("created_at", DataTypes.TimestampType),
      opt("email", DataTypes.StringType)),
  OPPORTUNITIES(
      "opportunities",
      false,
      "opportunity_id",
      req("opportunity_id", DataTypes.StringType),
      req("account_id", DataTypes.StringType),
      req("created_at", DataTypes.TimestampType),
      optDateMeansEndOfDay("closed_at"),
      req("stage", DataTypes.StringType),
      req("amount", DataTypes.DoubleType),
      opt("currency", DataTypes.StringType)),
  OPPORTUNITY_CONTACT_ROLES(
      "opportunity_contact_roles",
      false,
      null,
      req("opportunity_id", DataTypes.StringType),
      req("contact_id", DataTypes.StringType),
      opt("role", DataTypes.StringType),
      opt("is_primary", DataTypes.BooleanType)),
  IDENTITIES(
      "identities",
      true,
      null,
      req("anonymous_id", DataTypes.StringType),
      opt("lead_id", DataTypes.StringType),
      opt("contact_id", DataTypes.StringType),
      opt("identified_at", DataTypes.TimestampType)),
  SPEND(
      "spend",
      true,
      null,
      req("channel", DataTypes.StringType),
      opt("campaign_id", DataTypes.StringType),
      req("month", DataTypes.StringType),
      req("amount", DataTypes.DoubleType)),
  CAMPAIGNS(
      "campaigns",
      true,
      "campaign_id",
      req("campaign_id", DataTypes.StringType),
      opt("name", DataTypes.StringType),
      opt("channel", DataTypes.StringType));

  private final String tableName;
  private final boolean optional;
  private final String keyColumn;
  private final List<ColumnSpec> columns;

  InputTable(String tableName, boolean optional, String keyColumn, ColumnSpec... columns) {
    this.tableName = tableName;
    this.optional = optional;
    this.keyColumn = keyColumn;
    this.columns = List.of(columns);
  }

  /** The table's canonical name, as found under the input directory or catalog. */
  public String tableName() {
    return tableName;
  }

  /** Whether the run goes on (with an empty table) when the table is absent. */
  public boolean isOptional() {
    return optional;
  }

  /** The record key, or null for tables whose rows have no key (only exact duplicates collapse). */
  public String keyColumn() {
    return keyColumn;
  }

  /** Every canonical column, in contract order. */
  public List<ColumnSpec> columns() {
    return columns;
  }

  /** Names of the required columns. */
  public List<String> requiredColumns() {
    return columns.stream().filter(ColumnSpec::required).map(ColumnSpec::name).toList();
  }

  /** The canonical schema: every column nullable, as read from any format. */
  public StructType schema() {
    return new StructType(
        columns.stream()
            .map(
                c ->
                    new StructField(
                        c.name(), c.type(), true, org.apache.spark.sql.types.Metadata.empty()))
            .toArray(StructField[]::new));
  }

  /** Looks a table up by its canonical name. */
  public static InputTable byName(String name) {
    return Arrays.stream(values())
        .filter(t -> t.tableName.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown input table " + name));
  }

  /** Canonical names of every table, in contract order. */
  public static List<String> names() {
    return Arrays.stream(values()).map(InputTable::tableName).collect(Collectors.toList());
  }

  private static ColumnSpec req(String name, DataType type) {
    return new ColumnSpec(name, type, true, false);
  }

  private static ColumnSpec opt(String name, DataType type) {
    return new ColumnSpec(name, type, false, false);
  }

  private static ColumnSpec optDateMeansEndOfDay(String name) {
    return new ColumnSpec(name, DataTypes.TimestampType, false, true);
  }

  /**
   * One canonical column: its name, type and whether the contract requires it.
   *
   * @param dateIsEndOfDay for a timestamp that ends a journey (an opportunity's close): a value
   *     with a date and no time means the end of that UTC day (DESIGN.md section 3, as the as-of
   *     date does), not its start. CRMs often keep the close as a date, and the touches of the
   *     close day belong to the deal. Every other timestamp given as a date means 00:00 UTC of that
   *     day.
   */
  public record ColumnSpec(String name, DataType type, boolean required, boolean dateIsEndOfDay) {}
}
