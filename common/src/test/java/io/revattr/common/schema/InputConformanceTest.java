package io.revattr.common.schema;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revattr.common.error.ErrorKind;
import io.revattr.common.error.RevattrException;
import io.revattr.testsupport.Frames;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Odd columns and values of a warehouse, brought onto the canonical schema without a crash. */
class InputConformanceTest {
  private static final StructType OPPORTUNITIES_AS_TEXT =
      new StructType()
          .add("opportunity_id", DataTypes.StringType)
          .add("account_id", DataTypes.StringType)
          .add("created_at", DataTypes.StringType)
          .add("stage", DataTypes.StringType)
          .add("amount", DataTypes.StringType);

  @Test
  void aTimestampNeedsAWholeDate() {
    Dataset<Row> read =
        Frames.of(
            OPPORTUNITIES_AS_TEXT,
            row("o1", "T10:00:00"),
            row("o2", "10:00:00"),
            row("o3", "2024"),
            row("o4", "2024-02"),
            row("o5", "2024-02-06T22:23:43Z"),
            row("o6", "2024-2-6"),
            row("o7", "\t2024-02-06 22:23:43+02:00 "),
            row("o8", "2024-02-06t22:23:43z\t"),
            row("o9", "2024-02-06t22:23:43.5 America/Mazatlan"));

    List<Row> rows =
        conform(read, Map.of())
            .select(col("opportunity_id"), col("created_at"), col(InputConformance.PARSE_ERRORS))
            .orderBy("opportunity_id")
            .collectAsList();

    List<String> unparseable = List.of("T10:00:00", "10:00:00", "2024", "2024-02");
    for (int i = 0; i < 4; i++) {
      Row r = rows.get(i);
      assertThat(r.isNullAt(1)).as(r.getString(0)).isTrue();
      assertThat(r.getList(2))
          .as(r.getString(0))
          .containsExactly("created_at '" + unparseable.get(i) + "'");
    }
    // RFC 3339 allows a lower-case separator and zone letter; a named zone keeps its case
    // (Mazatlan: UTC-7 in February 2024).
    assertThat(rows.subList(4, 9))
        .extracting(r -> r.getTimestamp(1))
        .containsExactly(
            Timestamp.valueOf("2024-02-06 22:23:43"),
            Timestamp.valueOf("2024-02-06 00:00:00"),
            Timestamp.valueOf("2024-02-06 20:23:43"),
            Timestamp.valueOf("2024-02-06 22:23:43"),
            Timestamp.valueOf("2024-02-07 05:23:43.5"));
    assertThat(rows.subList(4, 9)).allMatch(r -> r.getList(2).isEmpty());
  }

  @Test
  void anAmountIsADecimalNumber() {
    String[] amounts = {
      "100d", "0x1p4", "1,000", "\t12.5 ", "-3", "1e3", ".5", "7.", "NaN", "-inf"
    };
    Object[][] rows = new Object[amounts.length][];
    for (int i = 0; i < amounts.length; i++) {
      rows[i] = new Object[] {"o" + i, "a1", "2024-02-06", "open", amounts[i]};
    }

    List<Row> conformed =
        conform(Frames.of(OPPORTUNITIES_AS_TEXT, rows), Map.of())
            .select(col("amount"), col(InputConformance.PARSE_ERRORS))
            .orderBy("opportunity_id")
            .collectAsList();

    // Java's literal forms (a type suffix, hexadecimal) and grouping separators are not read.
    for (int i = 0; i < 3; i++) {
      assertThat(conformed.get(i).isNullAt(0)).as(amounts[i]).isTrue();
      assertThat(conformed.get(i).getList(1)).containsExactly("amount '" + amounts[i] + "'");
    }
    assertThat(conformed.subList(3, amounts.length))
        .extracting(r -> r.getDouble(0))
        .containsExactly(12.5, -3.0, 1000.0, 0.5, 7.0, Double.NaN, Double.NEGATIVE_INFINITY);
    assertThat(conformed.subList(3, amounts.length)).allMatch(r -> r.getList(1).isEmpty());
  }

  @Test
  void columnsNamedWithADotOrABacktickAreKeptInTheRecordAsRead() {
    StructType withOddNames =
        OPPORTUNITIES_AS_TEXT
            .add("utm.source", DataTypes.StringType)
            .add("a`b", DataTypes.StringType);
    Dataset<Row> read =
        Frames.of(
            withOddNames,
            new Object[] {"o1", "a1", "2024-02-06T00:00:00Z", "open", "5", "google", "x"});

    Row record =
        conform(read, Map.of()).select(col(InputConformance.RAW_RECORD)).first().getStruct(0);

    assertThat(record.<String>getAs("utm.source")).isEqualTo("google");
    assertThat(record.<String>getAs("a`b")).isEqualTo("x");
  }

  @Test
  void aMappingCanSwapTwoColumns() {
    // The warehouse's account_id holds the opportunity's id and its opportunity_id the account's.
    Dataset<Row> read =
        Frames.of(OPPORTUNITIES_AS_TEXT, new Object[] {"a1", "o1", "2024-02-06", "open", "5"});

    Row conformed =
        conform(read, Map.of("account_id", "opportunity_id", "opportunity_id", "account_id"))
            .select("opportunity_id", "account_id")
            .first();

    assertThat(conformed.getString(0)).isEqualTo("o1");
    assertThat(conformed.getString(1)).isEqualTo("a1");
  }

  @Test
  void aMappingOntoANameTheTableHasIsAConfigurationError() {
    Dataset<Row> read =
        Frames.of(OPPORTUNITIES_AS_TEXT, new Object[] {"o1", "a1", "2024-02-06", "open", "5"});

    assertThatThrownBy(() -> conform(read, Map.of("stage", "amount")))
        .isInstanceOf(RevattrException.class)
        .hasMessageContaining("input.column_mapping.opportunities.stage")
        .hasMessageContaining("column 'amount' would have it too")
        .satisfies(e -> assertThat(((RevattrException) e).kind()).isEqualTo(ErrorKind.USAGE));
  }

  @Test
  void columnsNamedInAnotherLetterCaseAreTheCanonicalColumns() {
    // An export's upper-case names, as Spark resolves names: the optional CLOSED_AT and CURRENCY
    // too, which would otherwise be taken as absent and read as null.
    StructType upperCase =
        new StructType()
            .add("OPPORTUNITY_ID", DataTypes.StringType)
            .add("Account_Id", DataTypes.StringType)
            .add("CREATED_AT", DataTypes.StringType)
            .add("CLOSED_AT", DataTypes.StringType)
            .add("STAGE", DataTypes.StringType)
            .add("AMOUNT", DataTypes.StringType)
            .add("CURRENCY", DataTypes.StringType);
    Dataset<Row> read =
        Frames.of(
            upperCase, new Object[] {"o1", "a1", "2024-02-01", "2024-03-01", "won", "5", "EUR"});

    Row row =
        conform(read, Map.of())
            .select("opportunity_id", "account_id", "closed_at", "stage", "amount", "currency")
            .first();

    assertThat(row.getString(0)).isEqualTo("o1");
    assertThat(row.getString(1)).isEqualTo("a1");
    assertThat(row.getTimestamp(2)).isEqualTo(Timestamp.valueOf("2024-03-01 23:59:59.999999"));
    assertThat(row.getString(3)).isEqualTo("won");
    assertThat(row.getDouble(4)).isEqualTo(5.0);
    assertThat(row.getString(5)).isEqualTo("EUR");
  }

  @Test
  void theConformedTableSaysHowEachRenamedColumnWasNamedInTheWarehouse() {
    // Mapped (deal_value), in another letter case (STAGE), and kept as named (the others).
    Dataset<Row> read =
        Frames.of(OPPORTUNITIES_AS_TEXT, row("o1", "2024-02-01"))
            .withColumnRenamed("stage", "STAGE")
            .withColumnRenamed("amount", "deal_value");

    InputConformance.Conformed conformed =
        InputConformance.conformed(InputTable.OPPORTUNITIES, read, Map.of("deal_value", "amount"));

    assertThat(conformed.renaming())
        .containsExactlyInAnyOrderEntriesOf(Map.of("deal_value", "amount", "STAGE", "stage"));
    Row first = conformed.rows().select("stage", "amount").first();
    assertThat(first.getString(0)).isEqualTo("open");
    assertThat(first.getDouble(1)).isEqualTo(5.0);
  }

  @Test
  void twoColumnsOfOneNameIgnoringLetterCaseStopTheRunUnlessTheMappingTellsThemApart() {
    StructType twice =
        OPPORTUNITIES_AS_TEXT
            .add("closed_at", DataTypes.StringType)
            .add("CLOSED_AT", DataTypes.StringType);
    Dataset<Row> read =
        Frames.of(twice, new Object[] {"o1", "a1", "2024-02-01", "won", "5", "TBD", "2024-03-01"});

    assertThatThrownBy(() -> conform(read, Map.of()))
        .isInstanceOf(RevattrException.class)
        .hasMessageContaining(
            "Input table 'opportunities' has two columns of one name, as Spark compares names"
                + " (ignoring letter case): 'closed_at' and 'CLOSED_AT'")
        .satisfies(
            e -> assertThat(((RevattrException) e).kind()).isEqualTo(ErrorKind.INPUT_STRUCTURE));
    // A mapping onto the name it has renames nothing.
    assertThatThrownBy(() -> conform(read, Map.of("closed_at", "closed_at")))
        .isInstanceOf(RevattrException.class)
        .satisfies(
            e -> assertThat(((RevattrException) e).kind()).isEqualTo(ErrorKind.INPUT_STRUCTURE));
    // Mapped away, the one is no longer the other's twin: CLOSED_AT is closed_at.
    Row row = conform(read, Map.of("closed_at", "expected_close")).select("closed_at").first();
    assertThat(row.getTimestamp(0)).isEqualTo(Timestamp.valueOf("2024-03-01 23:59:59.999999"));
  }

  @Test
  void aMappingOntoANameAnotherColumnHasInAnotherCaseIsAConfigurationErrorNamingTheValue() {
    // The mapped column comes first: the error names the mapping's value, not the other column.
    StructType withDealClose =
        OPPORTUNITIES_AS_TEXT
            .add("deal_close", DataTypes.StringType)
            .add("CLOSED_AT", DataTypes.StringType);
    Dataset<Row> read =
        Frames.of(
            withDealClose, new Object[] {"o1", "a1", "2024-02-01", "won", "5", "x", "2024-03-01"});

    assertThatThrownBy(() -> conform(read, Map.of("deal_close", "closed_at")))
        .isInstanceOf(RevattrException.class)
        .hasMessageContaining(
            "Config key 'input.column_mapping.opportunities.deal_close' has the bad value"
                + " 'closed_at'")
        .hasMessageContaining("column 'CLOSED_AT' would have it too")
        .satisfies(e -> assertThat(((RevattrException) e).kind()).isEqualTo(ErrorKind.USAGE));
  }

  @Test
  void errorsNameColumnsAsTheWarehouseNamesThem() {
    // Mapped (deal_close) and in another letter case (OPPORTUNITY_ID): the message lists them so,
    // for their owner to find them; amount is what is missing.
    StructType withoutAmount =
        new StructType()
            .add("OPPORTUNITY_ID", DataTypes.StringType)
            .add("account_id", DataTypes.StringType)
            .add("Created_At", DataTypes.StringType)
            .add("stage", DataTypes.StringType)
            .add("deal_close", DataTypes.StringType);
    Dataset<Row> read =
        Frames.of(withoutAmount, new Object[] {"o1", "a1", "2024-02-01", "won", "2024-03-01"});
    assertThatThrownBy(() -> conform(read, Map.of("deal_close", "closed_at")))
        .isInstanceOf(RevattrException.class)
        .hasMessageContaining(
            "lacks required column(s) [amount]. Found columns: [Created_At, OPPORTUNITY_ID,"
                + " account_id, deal_close (mapped to closed_at), stage].");
    // A mapping can take a required column's name away: the message says so.
    StructType withAmount = withoutAmount.add("amount", DataTypes.StringType);
    Dataset<Row> mappedAway =
        Frames.of(withAmount, new Object[] {"o1", "a1", "2024-02-01", "won", "2024-03-01", "5"});
    assertThatThrownBy(() -> conform(mappedAway, Map.of("amount", "amount_usd")))
        .isInstanceOf(RevattrException.class)
        .hasMessageContaining(
            "lacks required column(s) [amount]. Found columns: [Created_At, OPPORTUNITY_ID,"
                + " account_id, amount (mapped to amount_usd), deal_close, stage].");

    // A column that cannot be cast: named as read, then by revattr's name.
    assertThatThrownBy(
            () -> conform(arrayColumnAsLast("deal_value"), Map.of("deal_value", "amount")))
        .isInstanceOf(RevattrException.class)
        .hasMessageContaining(
            "Input table 'opportunities' column 'deal_value' (revattr's 'amount') has type"
                + " array<string>, which cannot be cast to double");
    assertThatThrownBy(() -> conform(arrayColumnAsLast("AMOUNT"), Map.of()))
        .isInstanceOf(RevattrException.class)
        .hasMessageContaining("column 'AMOUNT' (revattr's 'amount') has type array<string>");
  }

  /** An opportunity whose required columns but amount are text, and {@code name} an array. */
  private static Dataset<Row> arrayColumnAsLast(String name) {
    StructType schema =
        new StructType()
            .add("opportunity_id", DataTypes.StringType)
            .add("account_id", DataTypes.StringType)
            .add("created_at", DataTypes.StringType)
            .add("stage", DataTypes.StringType)
            .add(name, DataTypes.createArrayType(DataTypes.StringType));
    return Frames.of(schema, new Object[] {"o1", "a1", "2024-02-01", "won", List.of("5")});
  }

  private static Object[] row(String id, String createdAt) {
    return new Object[] {id, "a1", createdAt, "open", "5"};
  }

  private static Dataset<Row> conform(Dataset<Row> read, Map<String, String> mapping) {
    return InputConformance.conform(InputTable.OPPORTUNITIES, read, mapping);
  }
}
