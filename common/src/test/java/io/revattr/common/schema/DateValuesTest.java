package io.revattr.common.schema;

import static io.revattr.testsupport.DataFrameAssert.assertRows;
import static io.revattr.testsupport.Frames.ts;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;

import io.revattr.common.config.RevattrConfig.JourneyConfig;
import io.revattr.common.config.RevattrConfig.Mapping;
import io.revattr.common.journey.Journeys;
import io.revattr.common.journey.People;
import io.revattr.testsupport.Frames;
import io.revattr.testsupport.WarehouseFixture;
import java.sql.Date;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * A close given as a date means the end of that UTC day (DESIGN.md section 3: "a date means the end
 * of that UTC day"), as the as-of date does: CRMs keep the close as a date, and the touches of the
 * close day belong to the deal. Any other timestamp given as a date is 00:00 UTC of that day.
 */
class DateValuesTest {
  private static final StructType OPPORTUNITIES_AS_TEXT =
      opportunities(DataTypes.StringType, DataTypes.StringType);
  private static final StructType OPPORTUNITIES_WITH_DATES =
      opportunities(DataTypes.DateType, DataTypes.DoubleType);

  /** o1, created 2024-06-01 and won on 2024-06-30, both as DATE values. */
  private static final Object[] WON_ON_A_DATE = {
    "o1", "a1", Date.valueOf("2024-06-01"), Date.valueOf("2024-06-30"), "won", 10.0
  };

  /**
   * Opportunities as read, with their created_at and closed_at, and their amount, of the types
   * given.
   */
  private static StructType opportunities(DataType dates, DataType amount) {
    return new StructType()
        .add("opportunity_id", DataTypes.StringType)
        .add("account_id", DataTypes.StringType)
        .add("created_at", dates)
        .add("closed_at", dates)
        .add("stage", DataTypes.StringType)
        .add("amount", amount);
  }

  private static Dataset<Row> conformed(Dataset<Row> opportunities) {
    return InputConformance.conform(InputTable.OPPORTUNITIES, opportunities, Map.of());
  }

  @Test
  void aCloseWrittenAsADateIsTheLastMicrosecondOfThatDay() {
    Dataset<Row> read =
        Frames.of(
            OPPORTUNITIES_AS_TEXT,
            new Object[] {"o1", "a1", "2024-06-01", "2024-06-30", "won", "10"},
            new Object[] {"o2", "a1", "2024-06-01T08:00:00Z", " 2024-06-30 ", "lost", "10"},
            new Object[] {"o3", "a1", "2024-06-01", "2024-06-30T10:15:00Z", "won", "10"},
            new Object[] {"o5", "a1", "2024-6-1", "2024-6-3", "won", "10"},
            new Object[] {"o4", "a1", "2024-06-01", "2024-13-01", "won", "10"});

    assertRows(
        conformed(read)
            .select(
                col("opportunity_id"),
                col("created_at"),
                col("closed_at"),
                size(col(InputConformance.PARSE_ERRORS))),
        List.of(
            List.of("o1", ts("2024-06-01T00:00:00Z"), ts("2024-06-30T23:59:59.999999Z"), 0),
            List.of("o2", ts("2024-06-01T08:00:00Z"), ts("2024-06-30T23:59:59.999999Z"), 0),
            List.of("o3", ts("2024-06-01T00:00:00Z"), ts("2024-06-30T10:15:00Z"), 0),
            List.of("o5", ts("2024-06-01T00:00:00Z"), ts("2024-06-03T23:59:59.999999Z"), 0),
            // Not a date: a parse error (quarantined as unparseable_value), not a day's end.
            Arrays.asList("o4", ts("2024-06-01T00:00:00Z"), null, 1)));
  }

  @Test
  void aDateTypedCloseIsTheEndOfItsDayAndADateTypedCreationItsStart() {
    Dataset<Row> read = Frames.of(OPPORTUNITIES_WITH_DATES, WON_ON_A_DATE);

    assertRows(
        conformed(read).select(col("created_at"), col("closed_at")),
        List.of(List.of(ts("2024-06-01T00:00:00Z"), ts("2024-06-30T23:59:59.999999Z"))));
  }

  @Test
  void theTouchesOfTheCloseDayAreInTheJourneyOfADealClosedOnADate() {
    WarehouseFixture warehouse =
        new WarehouseFixture()
            .contact("c1", "a1", "2024-01-01T00:00:00Z")
            .contactTouch("e1", "2024-06-10T09:00:00Z", "c1", "webinar")
            .contactTouch("e2", "2024-06-30T16:45:00Z", "c1", "sales_meeting")
            .contactTouch("e3", "2024-07-01T00:00:00Z", "c1", "direct");
    Dataset<Row> opportunities = conformed(Frames.of(OPPORTUNITIES_WITH_DATES, WON_ON_A_DATE));
    Dataset<Row> journeys =
        Journeys.build(
            People.resolveTouches(
                warehouse.table(InputTable.TOUCHPOINTS),
                warehouse.table(InputTable.LEADS),
                warehouse.table(InputTable.CONTACTS),
                warehouse.table(InputTable.IDENTITIES),
                Duration.ofMinutes(10)),
            opportunities,
            warehouse.table(InputTable.OPPORTUNITY_CONTACT_ROLES),
            new JourneyConfig(Mapping.ACCOUNT, OptionalInt.empty(), Duration.ofMinutes(10)),
            WarehouseFixture.AS_OF_END);

    assertRows(journeys.select(col("touch_id")), List.of(List.of("e1"), List.of("e2")));
  }
}
