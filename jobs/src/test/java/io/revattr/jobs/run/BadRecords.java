package io.revattr.jobs.run;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * {@link BadRecordsTest}'s warehouse: the clean base plus one record per kind of bad record, each
 * with ids of its own (only the cascade cases point at another bad record, on purpose), and the
 * reason each must be quarantined with.
 */
final class BadRecords {
  /** A touch whose campaign name holds an unquoted comma. */
  static final String MALFORMED_LINE =
      "TCOMMA,2024-01-05T00:00:00Z,,C1,,,email,Spring, 2024,email,,newsletter";

  private BadRecords() {}

  /** Each bad record: its table, its record_key, the expected reason code and a reason fragment. */
  static Stream<Arguments> badRecords() {
    return Stream.of(
        // touchpoints
        Arguments.of("touchpoints", "TCOMMA", "malformed_row", "12 fields where the header has 11"),
        Arguments.of("touchpoints", "TSHORT", "malformed_row", "9 fields where the header has 11"),
        Arguments.of(
            "touchpoints",
            "TCUT",
            "malformed_row",
            "the CSV line ends inside a quoted value (as the first line of a record split by a"
                + " line break inside it does, or a file cut short):"
                + " TCUT,2024-01-05T00:00:00Z,,C1,,,email,,email,,\"Spring webinar (a CSV record"
                + " must be one line"),
        Arguments.of(
            "touchpoints",
            "recording",
            "malformed_row",
            "2 fields where the header has 11: recording, part 2\" (its double quotes do not pair"
                + " up, as in a record split by a line break inside a quoted value"),
        Arguments.of("touchpoints", null, "null_key", "touch_id is empty"),
        Arguments.of("touchpoints", "  ", "null_key", "touch_id is empty"),
        Arguments.of("touchpoints", "TX2", "null_required_value", "channel is empty"),
        Arguments.of(
            "touchpoints", "TX3", "unparseable_value", "cannot parse occurred_at 'yesterday'"),
        Arguments.of("touchpoints", "TX4", "timestamp_after_as_of", "2024-06-30"),
        Arguments.of("touchpoints", "TX5", "no_person_no_account", "belongs to nobody"),
        Arguments.of("touchpoints", "TX6", "no_person_no_account", "belongs to nobody"),
        Arguments.of("touchpoints", "TX7", "unknown_contact", "'CX' names no contact"),
        Arguments.of("touchpoints", "TX8", "unknown_lead", "'LX' names no lead"),
        Arguments.of("touchpoints", "TX9", "quarantined_contact", "was quarantined"),
        Arguments.of("touchpoints", "TX10", "conflicting_duplicate_key", "different contents"),
        Arguments.of("touchpoints", "TX11", "quarantined_identity", "'VX3'"),
        Arguments.of("touchpoints", "TX12", "no_person_no_account", "belongs to nobody"),
        // Its owner lead LX4 is quarantined: DESIGN.md section 3's Keys rule cascades to the touch.
        Arguments.of("touchpoints", "TX13", "quarantined_lead", "'LX4'"),
        // VX5's only identity names a quarantined lead (not docs/design.md's divergence): the touch
        // is quarantined although it carries an account (docs/reliability.md).
        Arguments.of("touchpoints", "TX14", "quarantined_identity", "'VX5'"),
        // Two exact copies and one differing copy of TX15: the copies collapse first, then the 2
        // distinct contents are quarantined (docs/reliability.md), so 2 quarantine rows.
        Arguments.of("touchpoints", "TX15", "conflicting_duplicate_key", "different contents"),
        // contacts
        Arguments.of("contacts", "C3", "null_required_value", "account_id is empty"),
        Arguments.of("contacts", "C4", "timestamp_after_as_of", "created_at"),
        Arguments.of("contacts", "C5", "unparseable_value", "created_at"),
        // leads
        Arguments.of("leads", "LX2", "unknown_contact", "'CX2' names no contact"),
        Arguments.of("leads", "LX3", "quarantined_contact", "'C4'"),
        Arguments.of("leads", "LX4", "timestamp_after_as_of", "converted_at"),
        Arguments.of("leads", "LX5", "timestamp_after_as_of", "created_at"),
        // identities
        Arguments.of("identities", "VX1", "identity_names_nobody", "neither a lead nor a contact"),
        Arguments.of("identities", "VX2", "unknown_lead", "'LX9' names no lead"),
        Arguments.of("identities", "VX3", "quarantined_contact", "'C5'"),
        Arguments.of("identities", "VX4", "timestamp_after_as_of", "identified_at"),
        // Names a lead that was quarantined (LX2): the Keys rule applies, and docs/design.md's
        // divergence (names nobody, after the as-of) does not.
        Arguments.of("identities", "VX5", "quarantined_lead", "'LX2'"),
        // opportunities
        Arguments.of("opportunities", null, "null_key", "opportunity_id is empty"),
        Arguments.of("opportunities", "OX1", "unknown_stage", "'Negotiation'"),
        Arguments.of("opportunities", "OX3", "closed_without_closed_at", "won but has no"),
        Arguments.of("opportunities", "OX4", "negative_amount", "-5.0 is negative"),
        Arguments.of("opportunities", "OX5", "null_required_value", "amount is empty"),
        Arguments.of("opportunities", "OX6", "unparseable_value", "amount"),
        Arguments.of("opportunities", "OX7", "non_finite_amount", "NaN"),
        Arguments.of("opportunities", "OX8", "unknown_currency", "'XYZ' has no rate into USD"),
        Arguments.of("opportunities", "OX11", "unknown_currency", "has no currency"),
        // The stage mapping matches the warehouse's value exactly: "closed won" is not "Closed
        // Won".
        Arguments.of("opportunities", "OX12", "unknown_stage", "'closed won'"),
        Arguments.of("opportunities", "OX9", "timestamp_after_as_of", "created_at"),
        Arguments.of("opportunities", "OX10", "timestamp_after_as_of", "closed_at"),
        Arguments.of("opportunities", "OX13", "unparseable_value", "cannot parse closed_at 'TBD'"),
        // An unknown stage is the reason, not the close date a won or lost one would need.
        Arguments.of("opportunities", "OX14", "unknown_stage", "'Prospecting'"),
        // opportunity_contact_roles: no key, so the record key is its required columns
        Arguments.of(
            "opportunity_contact_roles",
            "O2|C1",
            "malformed_row",
            "3 fields where the header has 4"),
        Arguments.of("opportunity_contact_roles", "O1|CX", "unknown_contact", "'CX'"),
        Arguments.of(
            "opportunity_contact_roles", "OX1|C1", "quarantined_opportunity", "quarantined"),
        Arguments.of("opportunity_contact_roles", "OY|C1", "unknown_opportunity", "'OY'"),
        Arguments.of("opportunity_contact_roles", "O1|", "null_required_value", "contact_id"),
        // C3 is quarantined (no account_id): the role naming it is quarantined too.
        Arguments.of("opportunity_contact_roles", "O1|C3", "quarantined_contact", "'C3'"),
        // spend
        Arguments.of("spend", "paid_search|2024-02|-10", "negative_amount", "negative"),
        Arguments.of("spend", "paid_search|2024-13|10", "bad_month", "'2024-13'"),
        Arguments.of("spend", "paid_search|2024-03|lots", "unparseable_value", "amount 'lots'"),
        Arguments.of("spend", "paid_search|2024-08|10", "timestamp_after_as_of", "2024-08"),
        // Too large for a double, so read as Infinity: the reason shows it as written.
        Arguments.of(
            "spend",
            "paid_search|2024-04|1e400",
            "non_finite_amount",
            "the amount 1e400 is not a finite number"),
        // amount is required (DESIGN.md sections 2 and 6); the key's empty amount stays empty.
        Arguments.of("spend", "paid_search|2024-05|", "null_required_value", "amount"),
        // campaigns
        Arguments.of("campaigns", "CMP2", "conflicting_duplicate_key", "every copy"));
  }

  /** The base plus one record per bad kind, plus records that are odd but kept on purpose. */
  static CsvWarehouse faulty() {
    return CsvWarehouse.base()
        // An unquoted comma: one field too many, which would shift campaign_id and touch_type.
        .add("touchpoints", MALFORMED_LINE)
        // One field too few (no team, no content).
        .add("touchpoints", "TSHORT,2024-01-05T00:00:00Z,,C1,,,email,,email")
        // A quoted content with a line break: read as two lines, each a malformed row. The first
        // has the header's 11 fields, its content cut ("Spring webinar"), and ends inside a quote.
        .add(
            "touchpoints",
            "TCUT,2024-01-05T00:00:00Z,,C1,,,email,,email,,\"Spring webinar\nrecording, part 2\"")
        .add("touchpoints", ",2024-01-05T00:00:00Z,,C1,,,email,,email,,")
        .add("touchpoints", "  ,2024-01-05T00:00:00Z,,C1,,,email,,email,,")
        .add("touchpoints", "TX2,2024-01-05T00:00:00Z,,C1,,,,,email,,")
        .add("touchpoints", "TX3,yesterday,,C1,,,email,,email,,")
        .add("touchpoints", "TX4,2024-07-05T00:00:00Z,,C1,,,email,,email,,")
        .add("touchpoints", "TX5,2024-01-05T00:00:00Z,,,,,email,,email,,")
        .add("touchpoints", "TX6,2024-01-05T00:00:00Z,,,V9,,email,,email,,")
        .add("touchpoints", "TX7,2024-01-05T00:00:00Z,,CX,,,email,,email,,")
        .add("touchpoints", "TX8,2024-01-05T00:00:00Z,LX,,,,email,,email,,")
        .add("touchpoints", "TX9,2024-01-05T00:00:00Z,,C3,,,email,,email,,")
        .add("touchpoints", "TX10,2024-01-05T00:00:00Z,,C1,,,email,,email,,")
        .add("touchpoints", "TX10,2024-01-05T00:00:00Z,,C1,,,display,,email,,")
        .add("touchpoints", "TX11,2024-01-05T00:00:00Z,,,VX3,,email,,email,,")
        // Visitors whose identities identify no one as of the run (VX1 names nobody, VX4 comes
        // after the as-of): unidentified, so the touch is its account's, or nobody's without one.
        .add("touchpoints", "TK1,2024-01-05T00:00:00Z,,,VX1,A1,email,,email,,")
        .add("touchpoints", "TK2,2024-01-05T00:00:00Z,,,VX4,A1,email,,email,,")
        .add("touchpoints", "TX12,2024-01-05T00:00:00Z,,,VX1,,email,,email,,")
        .add("touchpoints", "TX13,2024-01-05T00:00:00Z,LX4,,,,email,,email,,")
        .add("touchpoints", "TX14,2024-01-05T00:00:00Z,,,VX5,A1,email,,email,,")
        // A key read as two identical rows and one different row.
        .add("touchpoints", "TX15,2024-01-05T00:00:00Z,,C1,,,email,,email,,")
        .add("touchpoints", "TX15,2024-01-05T00:00:00Z,,C1,,,email,,email,,")
        .add("touchpoints", "TX15,2024-01-05T00:00:00Z,,C1,,,display,,email,,")
        // An exact duplicate: collapsed and counted, not quarantined.
        .add("touchpoints", "T2,2024-01-20T00:00:00Z,,C1,,,email,,email,,")
        .add("contacts", "C3,,2024-01-10T00:00:00Z,c3@example.com")
        .add("contacts", "C4,A1,2024-07-10T00:00:00Z,c4@example.com")
        .add("contacts", "C5,A1,2024-02-30T00:00:00Z,c5@example.com")
        .add("leads", "LX2,2024-01-05T00:00:00Z,,2024-01-10T00:00:00Z,CX2,A1")
        .add("leads", "LX3,2024-01-05T00:00:00Z,,2024-01-10T00:00:00Z,C4,A1")
        .add("leads", "LX4,2024-01-05T00:00:00Z,,2024-08-10T00:00:00Z,,A1")
        .add("leads", "LX5,2024-08-01T00:00:00Z,,,,")
        .add("identities", "VX1,,,2024-02-01T00:00:00Z")
        .add("identities", "VX2,LX9,,2024-02-01T00:00:00Z")
        .add("identities", "VX3,,C5,2024-02-01T00:00:00Z")
        .add("identities", "VX4,,C1,2024-08-01T00:00:00Z")
        .add("identities", "VX5,LX2,,2024-02-01T00:00:00Z")
        .add("opportunities", ",A1,2024-02-01T00:00:00Z,2024-03-01T00:00:00Z,won,10,USD")
        .add("opportunities", "OX1,A1,2024-02-01T00:00:00Z,2024-03-01T00:00:00Z,Negotiation,10,USD")
        .add("opportunities", "OX3,A1,2024-02-01T00:00:00Z,,won,10,USD")
        .add("opportunities", "OX4,A1,2024-02-01T00:00:00Z,2024-03-01T00:00:00Z,won,-5,USD")
        .add("opportunities", "OX5,A1,2024-02-01T00:00:00Z,2024-03-01T00:00:00Z,won,,USD")
        .add("opportunities", "OX6,A1,2024-02-01T00:00:00Z,2024-03-01T00:00:00Z,won,12k,USD")
        .add("opportunities", "OX7,A1,2024-02-01T00:00:00Z,2024-03-01T00:00:00Z,won,NaN,USD")
        .add("opportunities", "OX8,A1,2024-02-01T00:00:00Z,2024-03-01T00:00:00Z,won,10,XYZ")
        .add("opportunities", "OX9,A1,2024-07-01T00:00:00Z,,open,10,USD")
        .add("opportunities", "OX10,A1,2024-02-01T00:00:00Z,2024-07-01T00:00:00Z,lost,10,USD")
        .add("opportunities", "OX11,A1,2024-02-01T00:00:00Z,2024-03-01T00:00:00Z,won,10,")
        .add("opportunities", "OX12,A1,2024-02-01T00:00:00Z,2024-03-01T00:00:00Z,closed won,10,USD")
        // Kept on purpose: mapped stage, closed before created, an account with no contacts.
        .add("opportunities", "OK1,A1,2024-02-01T00:00:00Z,2024-03-01T00:00:00Z,Closed Won,10,USD")
        .add("opportunities", "OK2,A1,2024-03-10T00:00:00Z,2024-03-01T00:00:00Z,lost,20,EUR")
        .add("opportunities", "OK3,A9,2024-02-01T00:00:00Z,2024-04-01T00:00:00Z,won,30,USD")
        // Open, with expected close dates that cannot be parsed: kept, the dates ignored as any
        // open opportunity's are; a won one's is its close date and must parse.
        .add("opportunities", "OK4,A1,2024-02-01T00:00:00Z,TBD,open,40,USD")
        .add("opportunities", "OK5,A1,2024-02-01T00:00:00Z,2024-09-31,open,50,USD")
        .add("opportunities", "OX13,A1,2024-02-01T00:00:00Z,TBD,won,10,USD")
        .add("opportunities", "OX14,A1,2024-02-01T00:00:00Z,TBD,Prospecting,10,USD")
        .add("opportunity_contact_roles", "O1,CX,Champion,false")
        .add("opportunity_contact_roles", "OX1,C1,Champion,false")
        .add("opportunity_contact_roles", "OY,C1,Champion,false")
        .add("opportunity_contact_roles", "O1,,Champion,false")
        .add("opportunity_contact_roles", "O1,C3,Champion,false")
        // A good record, and a line one field short that reads as the same values: not an exact
        // duplicate of it (it is not the same line), but a malformed row of its own.
        .add("opportunity_contact_roles", "O2,C1,Champion,")
        .add("opportunity_contact_roles", "O2,C1,Champion")
        .add("spend", "paid_search,CMP1,2024-02,-10")
        .add("spend", "paid_search,CMP1,2024-13,10")
        .add("spend", "paid_search,CMP1,2024-03,lots")
        .add("spend", "paid_search,CMP1,2024-08,10")
        .add("spend", "paid_search,CMP1,2024-04,1e400")
        .add("spend", "paid_search,CMP1,2024-05,")
        // Kept on purpose: spend on a channel no touch carries.
        .add("spend", "podcasts,CMP9,2024-02,50")
        .add("campaigns", "CMP2,Brand 1,paid_search")
        .add("campaigns", "CMP2,Brand one,paid_search")
        .add("campaigns", "CMP1,Search 1,paid_search");
  }
}
