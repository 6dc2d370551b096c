package io.revattr.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import scala.jdk.javaapi.CollectionConverters;

/** The physical plan Spark executes for a frame, for tests that pin its shape (shuffles, sorts). */
public final class PhysicalPlans {
  private PhysicalPlans() {}

  /**
   * The frame's executed plan; the test sessions run without adaptive execution, so it is final.
   */
  public static SparkPlan of(Dataset<Row> frame) {
    SparkPlan plan = frame.queryExecution().executedPlan();
    assertThat(plan)
        .as("tests run without adaptive execution")
        .isNotInstanceOf(AdaptiveSparkPlanExec.class);
    return plan;
  }

  /**
   * How many operators of the plan (itself and every descendant, including the plans inside an
   * adaptive plan's query stages) match.
   */
  public static int count(SparkPlan plan, Predicate<SparkPlan> matches) {
    int n = matches.test(plan) ? 1 : 0;
    for (SparkPlan child : CollectionConverters.asJava(plan.children())) {
      n += count(child, matches);
    }
    if (plan instanceof QueryStageExec stage) {
      n += count(stage.plan(), matches);
    }
    return n;
  }
}
