package io.revattr.jobs.ledger;

/**
 * Whether one model's credits reconcile: every usable opportunity's credits add up to 1, and its
 * revenue credits to its won amount (0 when not won).
 *
 * @param model the model's name
 * @param opportunities usable opportunities checked
 * @param creditMismatches opportunities whose credits do not add up to 1 within {@value
 *     CreditReconciliation#TOLERANCE} (an opportunity with no credit row counts here)
 * @param revenueMismatches opportunities whose revenue credits do not add up to the won amount
 *     within {@value CreditReconciliation#TOLERANCE} relative to it
 * @param negativeCredits credit rows below 0
 */
public record ModelCheck(
    String model,
    long opportunities,
    long creditMismatches,
    long revenueMismatches,
    long negativeCredits) {

  /** Whether the model's credits reconcile. */
  public boolean reconciles() {
    return creditMismatches == 0 && revenueMismatches == 0 && negativeCredits == 0;
  }
}
