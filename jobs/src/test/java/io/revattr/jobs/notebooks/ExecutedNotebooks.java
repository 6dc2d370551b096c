package io.revattr.jobs.notebooks;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.fail;

import io.revattr.common.config.RevattrConfig.ReportingConfig;
import io.revattr.jobs.SampleRunFixture;
import io.revattr.jobs.ledger.RunLedger;
import io.revattr.testsupport.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The notebooks executed headless on the shared sample run ({@link SampleRunFixture}), and that
 * run's tables as the tests read them to check the notebooks' figures independently.
 */
final class ExecutedNotebooks {
  private static final Path EXECUTED = SampleRunFixture.BUILD_DIR.resolve("executed");

  /** The model the notebooks put first, as the tests run them. */
  static final String CHOSEN_MODEL = "w_shaped";

  static final ReportingConfig REPORTING = SampleRunFixture.config().reporting();

  private static PythonEnvironment.Result execution;

  private ExecutedNotebooks() {}

  /**
   * The directory of the executed notebooks, their charts and key figures: every notebook executed
   * once per test JVM; fails with the notebook's error when one fails.
   */
  static synchronized Path executed() {
    if (execution == null) {
      PythonEnvironment.python();
      execution =
          PythonEnvironment.run(
              List.of(
                  "bash",
                  PythonEnvironment.HOME.resolve("bin/notebooks").toString(),
                  "run",
                  SampleRunFixture.output().toString(),
                  EXECUTED.toString()),
              PythonEnvironment.HOME,
              Map.of("REVATTR_AS_OF", "", "REVATTR_MODEL", CHOSEN_MODEL),
              15);
    }
    if (execution.exitCode() != 0) {
      fail("executing the notebooks failed:%n%s", execution.output());
    }
    return EXECUTED;
  }

  /** The committed credit rows of one as-of. */
  static Dataset<Row> credits(String asOf) {
    return committed("attribution_credits", asOf);
  }

  /** The committed rows of one as-of (YYYY-MM-DD) of a table. */
  static Dataset<Row> committed(String table, String asOf) {
    return committed(table).filter(col("as_of").equalTo(lit(java.sql.Date.valueOf(asOf))));
  }

  /** The rows of the committed runs, as the job's own readers see them. */
  static Dataset<Row> committed(String table) {
    return RunLedger.committedRows(
        SharedSpark.spark(), SampleRunFixture.output().toString(), table);
  }

  /**
   * The credits with their revenue and pipeline in the run's reporting currency, each deal's amount
   * times its currency's rate of the run's configuration: the notebooks show the analyst tables'
   * converted amounts, and this sums the credit rows on their own.
   */
  static Dataset<Row> inReportingCurrency(Dataset<Row> credits) {
    Column rate = lit(null).cast("double");
    for (Map.Entry<String, Double> r : REPORTING.rates().entrySet()) {
      rate = when(col("currency").equalTo(lit(r.getKey())), lit(r.getValue())).otherwise(rate);
    }
    rate =
        when(col("currency").equalTo(lit(REPORTING.currency().orElseThrow())), lit(1.0))
            .otherwise(rate);
    return credits
        .withColumn("revenue_credit", col("revenue_credit").multiply(rate))
        .withColumn("pipeline_credit", col("pipeline_credit").multiply(rate));
  }
}
