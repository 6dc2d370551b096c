package io.revattr.jobs.ledger;

import java.util.Map;

/**
 * Where the rows of one input table went.
 *
 * @param table the input table's canonical name
 * @param read rows read (counted on the input as read, independently of validation)
 * @param used records the run used
 * @param collapsed exact duplicate rows collapsed into another (counted, not quarantined)
 * @param quarantinedByReason quarantined records per reason code, in code order
 */
public record TableCounts(
    String table, long read, long used, long collapsed, Map<String, Long> quarantinedByReason) {

  /** Quarantined records, every reason. */
  public long quarantined() {
    return quarantinedByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Whether every row read is accounted for: read = used + collapsed + quarantined. */
  public boolean reconciles() {
    return read == used + collapsed + quarantined();
  }
}
