package io.revattr.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The tolerance of {@link DataFrameAssert} is absolute up to 1 and relative above it. */
class DataFrameAssertTest {
  @Test
  void largeAmountsMayDifferInTheirLastBits() {
    assertThatCode(
            () ->
                DataFrameAssert.assertRows(
                    amount(1_044_829.1520016829), rows(1_044_829.1520016862)))
        .doesNotThrowAnyException();
  }

  @Test
  void largeAmountsDifferingBeyondTheRelativeToleranceDiffer() {
    assertThatThrownBy(() -> DataFrameAssert.assertRows(amount(1_000_000.0), rows(1_000_000.01)))
        .hasMessageContaining("rows differ");
  }

  @Test
  void smallValuesUseTheToleranceAsIs() {
    assertThatCode(() -> DataFrameAssert.assertRows(amount(0.5), rows(0.5 + 5e-10)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> DataFrameAssert.assertRows(amount(0.5), rows(0.5 + 2e-9)))
        .hasMessageContaining("rows differ");
  }

  private static Dataset<Row> amount(double value) {
    return SharedSpark.spark().sql("SELECT CAST(" + value + " AS DOUBLE) AS amount");
  }

  private static List<List<Object>> rows(double value) {
    return List.of(List.of(value));
  }
}
