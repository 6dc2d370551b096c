package io.revattr.common.report;

import static org.apache.spark.sql.functions.col;

import io.revattr.common.model.ScoredJourneys;
import io.revattr.common.schema.Stages;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The two reductions of the credits that the summary and the pipeline forecast read: the sums per
 * model, currency, stage and combination of the four dimension values ({@link CreditCombinations},
 * a few thousand rows), and the rows per opportunity and credited touch ({@link CreditedTouches}).
 * Both keep the opportunity's stage, so that the forecast's open pipeline is the open part of the
 * same reductions instead of a second pass over the credits.
 */
public final class CreditReductions {
  private final List<String> models;
  private final Dataset<Row> combinations;
  private final CreditedTouches credited;

  private CreditReductions(
      List<String> models, Dataset<Row> combinations, CreditedTouches credited) {
    this.models = models;
    this.combinations = combinations;
    this.credited = credited;
  }

  /**
   * Reduces the credits.
   *
   * @param credits rows of {@code attribution_credits}
   * @param models the run's models, in report order
   * @param currency the reporting currency the credits are converted into first
   * @param keep applied to each reduction: several figures read each, pruned differently, so Spark
   *     would not share one aggregation between them unless it is stored
   */
  public static CreditReductions of(
      Dataset<Row> credits,
      List<String> models,
      ReportingCurrency currency,
      UnaryOperator<Dataset<Row>> keep) {
    Dataset<Row> facts = currency.convertCredits(credits);
    return new CreditReductions(
        models, keep.apply(CreditCombinations.of(facts)), CreditedTouches.of(facts, models, keep));
  }

  /**
   * Reduces the credits of a run, with the rows per opportunity and credited touch read from the
   * scored journeys the credits were unpivoted from ({@link CreditedTouches#of(ScoredJourneys,
   * ReportingCurrency, UnaryOperator)}): the same rows, without a pass over every credit row.
   *
   * @param credits the rows of {@code attribution_credits} unpivoted from {@code scored}
   * @param scored the run's journeys scored by its models, in report order
   * @param currency the reporting currency the credits are converted into first
   * @param keep applied to each reduction, as in {@link #of(Dataset, List, ReportingCurrency,
   *     UnaryOperator)}
   */
  public static CreditReductions of(
      Dataset<Row> credits,
      ScoredJourneys scored,
      ReportingCurrency currency,
      UnaryOperator<Dataset<Row>> keep) {
    return new CreditReductions(
        scored.models(),
        keep.apply(CreditCombinations.of(currency.convertCredits(credits))),
        CreditedTouches.of(scored, currency, keep));
  }

  /** The run's models, in report order. */
  List<String> models() {
    return models;
  }

  /** The sums per model, currency, stage and combination ({@link CreditCombinations#of}). */
  Dataset<Row> combinations() {
    return combinations;
  }

  /** The distinct counts and median over every credited touch. */
  CreditedTouches credited() {
    return credited;
  }

  /** The same reductions, of the credits of open opportunities only. */
  CreditReductions open() {
    return new CreditReductions(
        models,
        combinations.filter(col("stage").equalTo(Stages.OPEN)),
        credited.ofStage(Stages.OPEN));
  }
}
