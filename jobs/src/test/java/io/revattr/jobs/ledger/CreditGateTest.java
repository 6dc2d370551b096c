package io.revattr.jobs.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revattr.common.error.ErrorKind;
import io.revattr.common.error.RevattrException;
import io.revattr.jobs.io.ResultWriter;
import io.revattr.testsupport.SharedSpark;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose credits do not reconcile is not committed: the as-of's committed rows stay those of
 * the run before it, and the run is recorded as failed.
 */
class CreditGateTest {
  private static final LocalDate AS_OF = LocalDate.parse("2025-12-31");
  private static final String CREDITS = "attribution_credits";

  @TempDir Path output;

  @Test
  void creditsThatDoNotAddUpKeepTheCommittedRunsRows() {
    SparkSession spark = SharedSpark.spark();
    // o1 won 100; o2 open.
    Dataset<Row> opportunities =
        spark.sql(
            "SELECT * FROM VALUES ('o1', 'won', 100.0D), ('o2', 'open', 40.0D)"
                + " AS t(opportunity_id, stage, amount)");
    publish(
        "r1",
        credits("('o1', 0.6D, 60.0D), ('o1', 0.4D, 40.0D), ('o2', 1.0D, 0.0D)"),
        opportunities);

    // o1's credits add up to 0.9: a model bug.
    Dataset<Row> broken = credits("('o1', 0.5D, 50.0D), ('o1', 0.4D, 40.0D), ('o2', 1.0D, 0.0D)");
    assertThatThrownBy(() -> publish("r2", broken, opportunities))
        .isInstanceOf(RevattrException.class)
        .satisfies(e -> assertThat(((RevattrException) e).kind()).isEqualTo(ErrorKind.FAILURE))
        .hasMessageContaining("The credits of run r2 do not reconcile; the run is not committed")
        .hasMessageContaining(
            "linear: 1 of 2 opportunities with credits not adding up to 1, 1 with revenue credits"
                + " not adding up to the won amount, 0 negative credits");

    assertThat(
            RunLedger.committedRows(spark, output.toString(), CREDITS)
                .select("run_id", "opportunity_id", "credit")
                .collectAsList()
                .stream()
                .map(Row::toString)
                .sorted())
        .containsExactly("[r1,o1,0.4]", "[r1,o1,0.6]", "[r1,o2,1.0]");
    assertThat(
            spark
                .read()
                .format("delta")
                .load(output.resolve(RunLedger.RUNS).toString())
                .select("run_id", "status")
                .collectAsList()
                .stream()
                .map(Row::toString)
                .sorted())
        .containsExactly("[r1,succeeded]", "[r2,failed]");
  }

  private Dataset<Row> credits(String rows) {
    return SharedSpark.spark()
        .sql(
            "SELECT 'linear' AS model, * FROM VALUES "
                + rows
                + " AS t(opportunity_id, credit, revenue_credit)");
  }

  private void publish(String runId, Dataset<Row> credits, Dataset<Row> opportunities) {
    SparkSession spark = SharedSpark.spark();
    ResultWriter writer = new ResultWriter(spark, output.toString(), null, AS_OF, runId);
    RunRecord run =
        RunRecord.started(
            runId,
            AS_OF,
            Instant.parse("2026-01-01T00:00:00Z"),
            "{}",
            List.of("linear"),
            List.of(new TableCounts("opportunities", 2, 2, 0, Map.of())),
            new RunOrigin("0.1-test", "4.x", "/warehouse", null, "csv"));
    new RunPublication(writer, new RunLedger(spark, output.toString()), AS_OF)
        .publish(stage -> stage.table(CREDITS, credits), run, "quarantine", CREDITS, opportunities);
  }
}
