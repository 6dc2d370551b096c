package io.revattr.jobs.run;

import static io.revattr.testsupport.DataFrameAssert.assertSameRows;
import static io.revattr.testsupport.PhysicalPlans.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.common.config.ConfigLoader;
import io.revattr.common.model.AttributionModel;
import io.revattr.common.model.Credits;
import io.revattr.common.model.ModelCatalog;
import io.revattr.testsupport.SharedSpark;
import io.revattr.testsupport.WarehouseFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.execution.SortExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.exchange.ShuffleExchangeExec;
import org.apache.spark.storage.BlockId;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

class StoredFramesTest {
  private static final String ADAPTIVE = "spark.sql.adaptive.enabled";
  private static final String COALESCE = "spark.sql.adaptive.coalescePartitions.enabled";
  private static final Predicate<SparkPlan> SHUFFLE = p -> p instanceof ShuffleExchangeExec;
  private static final Predicate<SparkPlan> SORT = p -> p instanceof SortExec;

  @Test
  void journeysStoredWithTheirLayoutNeedNoShuffleOrSortForTheCreditsUnderAdaptiveExecution() {
    RuntimeConfig conf = SharedSpark.spark().conf();
    String adaptive = conf.get(ADAPTIVE);
    String coalesce = conf.get(COALESCE);
    // Production sessions run adaptive; the test session does not, so it is on for this test only,
    // without coalescing (which would make these few rows one partition, a layout every plan
    // accepts).
    conf.set(ADAPTIVE, "true");
    conf.set(COALESCE, "false");
    try (StoredFrames stored = new StoredFrames()) {
      // time_decay sums over each journey, so its plan needs the journeys' layout.
      List<AttributionModel> models =
          ModelCatalog.select(
              ConfigLoader.load(
                      "", "test", Map.of("models.enabled", List.of("linear", "time_decay")))
                  .models());

      Dataset<Row> withLayout = Credits.allocate(stored.storeWithLayout(journeys()), models);
      assertThat(conf.get(ADAPTIVE)).as("the session's setting is back").isEqualTo("true");
      SparkPlan planned = executedAdaptively(withLayout);
      assertThat(count(planned, SHUFFLE)).as("shuffles of the credits' plan").isZero();
      assertThat(count(planned, SORT)).as("sorts of the credits' plan").isZero();

      // Stored as other frames are (a frame of its own: a frame keeps the plan it was first run
      // with), the same journeys are shuffled and sorted again.
      Dataset<Row> plain = Credits.allocate(stored.store(journeys()), models);
      SparkPlan plainPlan = executedAdaptively(plain);
      assertThat(count(plainPlan, SHUFFLE)).isEqualTo(1);
      assertThat(count(plainPlan, SORT)).isEqualTo(1);

      assertSameRows(withLayout, plain, 0.0);
    } finally {
      conf.set(ADAPTIVE, adaptive);
      conf.set(COALESCE, coalesce);
    }
  }

  @Test
  void closingRemovesTheStoredRowsBeforeItReturns() {
    // Removed in the background, the blocks were still being deleted while the next work of the
    // application ran, and Spark's cleaner, collecting the same frames, removed them a second time.
    List<Integer> ids = new ArrayList<>();
    try (StoredFrames stored = new StoredFrames()) {
      for (int i = 0; i < 4; i++) {
        Dataset<Row> kept = stored.store(SharedSpark.spark().range(0, 20_000, 1, 8).toDF());
        ids.add(((LogicalRDD) kept.queryExecution().logical()).rdd().id());
      }
      assertThat(blocksOnDisk(ids)).as("blocks of the stored frames").hasSize(4 * 8);
    }
    assertThat(blocksOnDisk(ids)).as("blocks left once closed").isEmpty();
  }

  /** The blocks of the given RDDs in the block manager's local directories. */
  private static List<BlockId> blocksOnDisk(List<Integer> rddIds) {
    return CollectionConverters.asJava(
            SparkEnv.get().blockManager().diskBlockManager().getAllBlocks())
        .stream()
        .filter(block -> block.isRDD() && rddIds.contains(block.asRDDId().get().rddId()))
        .toList();
  }

  /**
   * The frame's final adaptive plan, after running it: every exchange and sort it needed is in it,
   * inside its query stages.
   */
  private static SparkPlan executedAdaptively(Dataset<Row> frame) {
    frame.collectAsList();
    SparkPlan plan = frame.queryExecution().executedPlan();
    assertThat(plan).isInstanceOf(AdaptiveSparkPlanExec.class);
    return ((AdaptiveSparkPlanExec) plan).executedPlan();
  }

  /** Two opportunities of one account and three touches of its contact. */
  private static Dataset<Row> journeys() {
    return new WarehouseFixture()
        .contact("c1", "a1", "2024-01-10T00:00:00Z")
        .contactTouch("t1", "2024-01-05T00:00:00Z", "c1", "paid_search")
        .contactTouch("t2", "2024-01-12T00:00:00Z", "c1", "webinar")
        .contactTouch("t3", "2024-02-03T00:00:00Z", "c1", "email")
        .opportunity("o1", "a1", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z", "won", 100)
        .opportunity("o2", "a1", "2024-02-20T00:00:00Z", null, "open", 50)
        .journeys();
  }
}
