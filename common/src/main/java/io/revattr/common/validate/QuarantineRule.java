package io.revattr.common.validate;

import org.apache.spark.sql.Column;

/**
 * One reason a record cannot be used: a stable code for queries, a readable reason, and the
 * condition (a boolean Column over the canonical record) under which it applies.
 *
 * @param code stable, snake_case reason code
 * @param reason readable reason, as an analyst would want to read it in the quarantine table
 * @param applies true for the records this rule quarantines
 */
public record QuarantineRule(String code, Column reason, Column applies) {}
