package io.revattr.common.report;

/** Column names of the analyst tables (snake_case; see docs/tables.md for their meaning). */
public final class ReportColumns {
  public static final String MODEL = "model";
  public static final String DIMENSION = "dimension";
  public static final String VALUE = "value";
  public static final String CURRENCY = "currency";

  public static final String ATTRIBUTED_REVENUE = "attributed_revenue";
  public static final String ATTRIBUTED_PIPELINE = "attributed_pipeline";
  public static final String ATTRIBUTED_OPPORTUNITIES = "attributed_opportunities";
  public static final String ATTRIBUTED_WON_OPPORTUNITIES = "attributed_won_opportunities";
  public static final String INFLUENCED_OPPORTUNITIES = "influenced_opportunities";
  public static final String TOUCHES = "touches";
  public static final String REVENUE_SHARE = "revenue_share";
  public static final String PIPELINE_SHARE = "pipeline_share";
  public static final String REVENUE_RANK = "revenue_rank";
  public static final String SPEND = "spend";
  public static final String SPEND_PERIOD_START = "spend_period_start";
  public static final String SPEND_PERIOD_END = "spend_period_end";
  public static final String ROAS = "roas";
  public static final String COST_PER_WON_OPPORTUNITY = "cost_per_won_opportunity";
  public static final String MEAN_DAYS_TO_CLOSE = "mean_days_to_close";
  public static final String MEDIAN_DAYS_TO_CLOSE = "median_days_to_close";

  /** Value of the {@code value} column for credit rows of an unattributed opportunity. */
  public static final String UNATTRIBUTED = "(unattributed)";

  /** Value of the {@code value} column for touches without a campaign (or other empty value). */
  public static final String NONE = "(none)";

  private ReportColumns() {}
}
