package io.revattr.common.journey;

/** Names of the columns that journeys add to the touches (snake_case, booleans start with is_). */
public final class JourneyColumns {
  /**
   * The resolved person: {@code contact:<id>} or {@code lead:<id>}; null for account-level touches.
   */
  public static final String PERSON_ID = "person_id";

  /**
   * The account the touch belongs to: its person's account, or its own for account-level touches.
   */
  public static final String TOUCH_ACCOUNT_ID = "touch_account_id";

  /** The person's creation time: the earliest created_at of the contact and its converted leads. */
  public static final String PERSON_CREATED_AT = "person_created_at";

  /** Whether the touch is its person's lead-creation touch (independent of any opportunity). */
  public static final String IS_PERSON_LEAD_CREATION = "is_person_lead_creation";

  /** 1-based position of the touch in its journey (occurred_at, then touch_id). */
  public static final String POSITION = "position";

  /** Number of touches in the journey. */
  public static final String JOURNEY_LENGTH = "journey_length";

  /** End of the journey's window: closed_at when closed, the end of the as-of day when open. */
  public static final String JOURNEY_END = "journey_end";

  /** The latest occurred_at of the journey. */
  public static final String LAST_TOUCH_AT = "last_touch_at";

  /**
   * The position of the journey's lead-creation touch, on every row of the journey; null when no
   * touch of the journey is a lead creation.
   */
  public static final String LEAD_CREATION_POSITION = "lead_creation_position";

  /**
   * The position of the journey's opportunity-creation touch (its last touch at or before the
   * opportunity's creation), on every row of the journey; null when every touch came after it.
   */
  public static final String OPPORTUNITY_CREATION_POSITION = "opportunity_creation_position";

  public static final String IS_FIRST_TOUCH = "is_first_touch";
  public static final String IS_LEAD_CREATION = "is_lead_creation";
  public static final String IS_OPPORTUNITY_CREATION = "is_opportunity_creation";
  public static final String IS_OPPORTUNITY_CLOSE = "is_opportunity_close";
  public static final String IS_LAST_TOUCH = "is_last_touch";

  /**
   * Opportunity columns carried on each journey row, renamed to avoid clashes with touch columns.
   */
  public static final String OPPORTUNITY_ACCOUNT_ID = "opportunity_account_id";

  public static final String OPPORTUNITY_CREATED_AT = "opportunity_created_at";
  public static final String OPPORTUNITY_CLOSED_AT = "opportunity_closed_at";
  public static final String STAGE = "stage";
  public static final String AMOUNT = "amount";
  public static final String CURRENCY = "currency";

  private JourneyColumns() {}
}
