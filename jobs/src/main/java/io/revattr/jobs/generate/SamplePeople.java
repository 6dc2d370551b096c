package io.revattr.jobs.generate;

import static io.revattr.jobs.generate.SampleWarehouse.DAY;
import static io.revattr.jobs.generate.SampleWarehouse.childId;
import static io.revattr.jobs.generate.SampleWarehouse.indices;
import static io.revattr.jobs.generate.SampleWarehouse.ts;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Contacts, leads and identities of the sample warehouse. */
final class SamplePeople {
  private final SampleRandom random;

  SamplePeople(SampleRandom random) {
    this.random = random;
  }

  /** Contacts C-account-i, created during the account's activity. */
  Dataset<Row> contacts(Dataset<Row> accounts) {
    Dataset<Row> rows = accounts.withColumn("i", indices(col("n_contacts")));
    Column id = childId("C", col("i"));
    return rows.select(
        id.as("contact_id"),
        col("account_id"),
        ts(contactCreated(col("account_id"), col("i"))).as("created_at"),
        lower(concat(id, lit("@example.com"))).as("email"));
  }

  /**
   * Leads: L-account-i converted into contact i (created up to 30 days before the contact), LA-
   * converted to the account only, and LU- never converted.
   */
  Dataset<Row> leads(Dataset<Row> accounts) {
    Dataset<Row> converted = accounts.withColumn("i", indices(col("n_contacts")));
    Column contactCreated = contactCreated(col("account_id"), col("i"));
    Dataset<Row> toContacts =
        converted.select(
            childId("L", col("i")).as("lead_id"),
            ts(leadCreated(col("account_id"), col("i"))).as("created_at"),
            lower(concat(childId("L", col("i")), lit("@example.com"))).as("email"),
            ts(contactCreated).as("converted_at"),
            childId("C", col("i")).as("converted_contact_id"),
            col("account_id").as("converted_account_id"));
    Dataset<Row> toAccount =
        accounts
            .withColumn("i", indices(col("n_account_leads")))
            .select(
                childId("LA", col("i")).as("lead_id"),
                ts(col("start_s")
                        .plus(
                            random
                                .between(0, 60, "la_created", col("account_id"), col("i"))
                                .multiply(DAY)))
                    .as("created_at"),
                lit(null).cast("string").as("email"),
                ts(col("start_s").plus(61 * DAY)).as("converted_at"),
                lit(null).cast("string").as("converted_contact_id"),
                col("account_id").as("converted_account_id"));
    Dataset<Row> unconverted =
        accounts
            .withColumn("i", indices(col("n_unconverted_leads")))
            .select(
                childId("LU", col("i")).as("lead_id"),
                ts(col("start_s")
                        .plus(
                            random
                                .between(0, 90, "lu_created", col("account_id"), col("i"))
                                .multiply(DAY)))
                    .as("created_at"),
                lit(null).cast("string").as("email"),
                lit(null).cast("timestamp").as("converted_at"),
                lit(null).cast("string").as("converted_contact_id"),
                lit(null).cast("string").as("converted_account_id"));
    return toContacts.unionByName(toAccount).unionByName(unconverted);
  }

  /**
   * Identities: visitor j of an account is identified as one of its contacts two times in three;
   * the others stay anonymous (their touches are account-level when they carry the account).
   */
  Dataset<Row> identities(Dataset<Row> accounts) {
    Dataset<Row> visitors = accounts.withColumn("j", indices(col("n_visitors")));
    Column identified = random.uniform("identified", col("account_id"), col("j")).lt(2.0 / 3);
    Column contactIndex =
        random
            .uniform("identity_contact", col("account_id"), col("j"))
            .multiply(col("n_contacts"))
            .cast("long")
            .plus(1);
    return visitors
        .filter(identified)
        .select(
            childId("V", col("j")).as("anonymous_id"),
            lit(null).cast("string").as("lead_id"),
            childId("C", contactIndex).as("contact_id"),
            ts(col("start_s").plus(col("span_s").multiply(0.5))).as("identified_at"));
  }

  /** Creation time (seconds) of lead L-account-i, converted into contact i. */
  Column leadCreated(Column accountId, Column index) {
    Column lag = random.between(0, 30, "lead_lag", accountId, index).multiply(DAY);
    return contactCreated(accountId, index).minus(lag);
  }

  private Column contactCreated(Column accountId, Column index) {
    Column offset =
        random.uniform("contact_created", accountId, index).multiply(col("span_s")).multiply(0.6);
    return col("start_s").plus(offset.cast("long"));
  }
}
