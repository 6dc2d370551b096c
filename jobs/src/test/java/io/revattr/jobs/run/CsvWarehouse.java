package io.revattr.jobs.run;

import io.revattr.common.config.ConfigLoader;
import io.revattr.common.config.RevattrConfig;
import io.revattr.jobs.io.InputFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny warehouse written as CSV files ({@code DIR/<table>.csv}), line by line, for tests that run
 * the job's own reader: a clean base that every test extends with the records it is about.
 */
final class CsvWarehouse {
  /** The as-of date of the base warehouse: every clean timestamp is before it. */
  static final LocalDate AS_OF = LocalDate.parse("2024-06-30");

  /** Config of the tests: a stage mapping, a reporting currency, two cheap models. */
  static final String CONFIG =
      "revattr.input.stage_mapping { \"Closed Won\" = won }\n"
          + "revattr.reporting { currency = USD, rates { EUR = 1.1 } }\n"
          + "revattr.models.enabled = [first_touch, linear]\n";

  private final Map<String, List<String>> lines = new LinkedHashMap<>();

  /** The clean base: two contacts, two leads, an identity, four opportunities, six touches. */
  static CsvWarehouse base() {
    return new CsvWarehouse()
        .table("contacts", "contact_id,account_id,created_at,email")
        .add("contacts", "C1,A1,2024-01-10T00:00:00Z,c1@example.com")
        .add("contacts", "C2,A1,2024-01-12T00:00:00Z,c2@example.com")
        .table(
            "leads",
            "lead_id,created_at,email,converted_at,converted_contact_id,converted_account_id")
        .add("leads", "L1,2024-01-05T00:00:00Z,,2024-01-10T00:00:00Z,C1,A1")
        .add("leads", "L2,2024-01-06T00:00:00Z,,,,")
        .table("identities", "anonymous_id,lead_id,contact_id,identified_at")
        .add("identities", "V1,,C1,2024-02-01T00:00:00Z")
        .table(
            "opportunities", "opportunity_id,account_id,created_at,closed_at,stage,amount,currency")
        .add("opportunities", "O1,A1,2024-02-01T00:00:00Z,2024-03-01T00:00:00Z,won,1000,USD")
        // Open, with an expected close date after the as-of: kept, the date ignored.
        .add("opportunities", "O2,A1,2024-02-05T00:00:00Z,2024-09-30T00:00:00Z,open,500,USD")
        .table("opportunity_contact_roles", "opportunity_id,contact_id,role,is_primary")
        .add("opportunity_contact_roles", "O1,C1,Decision Maker,true")
        .add("opportunity_contact_roles", "O1,C2,Champion,false")
        .table(
            "touchpoints",
            "touch_id,occurred_at,lead_id,contact_id,anonymous_id,account_id,channel,campaign_id,"
                + "touch_type,team,content")
        .add("touchpoints", "T1,2024-01-05T00:00:00Z,L1,,,,paid_search,CMP1,ad_click,,")
        .add("touchpoints", "T2,2024-01-20T00:00:00Z,,C1,,,email,,email,,")
        .add("touchpoints", "T3,2024-01-25T00:00:00Z,,,V1,,webinar,,webinar,,")
        // An anonymous visitor no identity names, on an account: an account-level touch.
        .add("touchpoints", "T4,2024-01-26T00:00:00Z,,,V9,A1,display,,ad_impression,,")
        .add("touchpoints", "T5,2024-01-27T00:00:00Z,,,,A1,events,,event,,")
        .add("touchpoints", "T6,2024-01-28T00:00:00Z,L2,,,,organic_search,,web_visit,,")
        .table("spend", "channel,campaign_id,month,amount")
        .add("spend", "paid_search,CMP1,2024-01,1000")
        .table("campaigns", "campaign_id,name,channel")
        .add("campaigns", "CMP1,Search 1,paid_search");
  }

  CsvWarehouse table(String table, String header) {
    lines.put(table, new ArrayList<>(List.of(header)));
    return this;
  }

  /** Adds a CSV line (without header) to a table. */
  CsvWarehouse add(String table, String line) {
    lines.get(table).add(line);
    return this;
  }

  /** Writes every table as {@code dir/<table>.csv} and returns {@code dir}. */
  Path writeTo(Path dir) {
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, List<String>> table : lines.entrySet()) {
        Files.write(dir.resolve(table.getKey() + ".csv"), table.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** Leaves a table out. */
  CsvWarehouse without(String table) {
    lines.remove(table);
    return this;
  }

  /** Replaces a table's header. */
  CsvWarehouse header(String table, String header) {
    lines.get(table).set(0, header);
    return this;
  }

  /**
   * Run settings reading {@code input} into {@code output} as of {@code asOf}, with {@link
   * #CONFIG}.
   */
  static RunSettings settings(Path input, Path output, LocalDate asOf) {
    RevattrConfig config = ConfigLoader.load(CONFIG, "test", Map.of());
    return new RunSettings(
        input.toString(), null, InputFormat.AUTO, output.toString(), null, asOf, config);
  }
}
