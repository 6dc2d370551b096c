package io.revattr.common.schema;

import java.util.List;
import org.apache.spark.sql.Column;

/** The opportunity stages after the stage mapping: open, won and lost (closed, either way). */
public final class Stages {
  /** An opportunity still being worked. */
  public static final String OPEN = "open";

  /** A closed opportunity that brought revenue. */
  public static final String WON = "won";

  /** A closed opportunity that did not. */
  public static final String LOST = "lost";

  /** Every stage an opportunity may have after the mapping. */
  public static final List<String> ALL = List.of(OPEN, WON, LOST);

  /** The closed stages. */
  public static final List<String> CLOSED = List.of(WON, LOST);

  private Stages() {}

  /** Whether {@code stage} is a closed stage (won or lost). */
  public static Column isClosed(Column stage) {
    return stage.isin(WON, LOST);
  }
}
