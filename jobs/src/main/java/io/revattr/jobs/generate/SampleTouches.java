package io.revattr.jobs.generate;

import static io.revattr.jobs.generate.SampleWarehouse.childId;
import static io.revattr.jobs.generate.SampleWarehouse.indices;
import static io.revattr.jobs.generate.SampleWarehouse.ts;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Touches of the sample warehouse: 45% a contact's, 15% a lead's, 15% an anonymous visitor's (with
 * the account from reverse-IP matching), 25% account-level; plus a form fill at the creation of
 * most leads converted to contacts, so that lead-creation touches exist. Touches spread over the
 * account's activity, so some come after an opportunity closed.
 */
final class SampleTouches {
  private final SampleRandom random;
  private final int touchesPerAccount;

  SampleTouches(SampleRandom random, int touchesPerAccount) {
    this.random = random;
    this.touchesPerAccount = touchesPerAccount;
  }

  Dataset<Row> touches(Dataset<Row> accounts) {
    return activity(accounts).unionByName(creationFormFills(accounts));
  }

  private Dataset<Row> activity(Dataset<Row> accounts) {
    Column key = col("account_id");
    Column silent = random.uniform("silent", key).lt(0.03);
    long low = Math.max(0, touchesPerAccount / 2);
    long high = Math.max(low, touchesPerAccount + touchesPerAccount / 2);
    Column usual = random.between(low, high, "touch_count", key);
    Column count =
        when(silent, lit(0L))
            .otherwise(round(usual.multiply(col(SampleWarehouse.SIZE_FACTOR))).cast("long"));
    Dataset<Row> rows = accounts.withColumn("t", indices(count));
    Column t = col("t");
    Column owner = random.uniform("owner", key, t);
    Column isContact = owner.lt(0.45);
    Column isLead = owner.geq(0.45).and(owner.lt(0.60));
    Column isVisitor = owner.geq(0.60).and(owner.lt(0.75)).and(col("n_visitors").gt(0));
    Column pickContact = indexOf(col("n_contacts"), "touch_contact", key, t);
    Column channel = ChannelCatalog.channelFor(random.uniform("channel", key, t));
    Column touchType = ChannelCatalog.touchTypeFor(channel, random.uniform("touch_type", key, t));
    Column seconds =
        col("start_s")
            .plus(random.uniform("occurred", key, t).multiply(col("span_s")).cast("long"));
    Column personal = isContact.or(isLead);
    return rows.select(
        childId("T", t).as("touch_id"),
        ts(seconds).as("occurred_at"),
        when(isLead, leadId(key, t)).as("lead_id"),
        when(isContact, childId("C", pickContact)).as("contact_id"),
        when(isVisitor, childId("V", indexOf(col("n_visitors"), "touch_visitor", key, t)))
            .as("anonymous_id"),
        when(personal.and(random.uniform("touch_account", key, t).lt(0.5)), key)
            .when(personal.unary_$bang(), key)
            .as("account_id"),
        channel.as("channel"),
        campaign(channel, random.uniform("campaign", key, t)).as("campaign_id"),
        touchType.as("touch_type"),
        team(touchType, random.uniform("team", key, t)).as("team"),
        when(
                touchType.isin("content_download", "webinar"),
                concat(
                    lit("asset-"),
                    floor(random.uniform("asset", key, t).multiply(20)).cast("string")))
            .as("content"));
  }

  /** Four in five leads converted to a contact were created by a form fill, at their creation. */
  private Dataset<Row> creationFormFills(Dataset<Row> accounts) {
    Column key = col("account_id");
    Dataset<Row> rows = accounts.withColumn("i", indices(col("n_contacts")));
    Column i = col("i");
    Column created =
        new SamplePeople(random)
            .leadCreated(key, i)
            .plus(random.between(0, 300, "fill_delay", key, i));
    Column channel =
        ChannelCatalog.pick(
            List.of(
                "paid_search",
                "paid_social",
                "content_syndication",
                "webinar",
                "direct",
                "organic_search"),
            random.uniform("fill_channel", key, i));
    return rows.filter(random.uniform("filled", key, i).lt(0.8))
        .select(
            childId("TF", i).as("touch_id"),
            ts(created).as("occurred_at"),
            childId("L", i).as("lead_id"),
            lit(null).cast("string").as("contact_id"),
            lit(null).cast("string").as("anonymous_id"),
            lit(null).cast("string").as("account_id"),
            channel.as("channel"),
            campaign(channel, random.uniform("fill_campaign", key, i)).as("campaign_id"),
            lit("form_fill").as("touch_type"),
            lit("marketing").as("team"),
            lit(null).cast("string").as("content"));
  }

  private Column leadId(Column key, Column t) {
    Column draw = random.uniform("lead_kind", key, t);
    Column converted = childId("L", indexOf(col("n_contacts"), "touch_lead", key, t));
    return when(
            draw.lt(0.2).and(col("n_account_leads").gt(0)),
            childId("LA", indexOf(col("n_account_leads"), "touch_la", key, t)))
        .when(
            draw.lt(0.3).and(col("n_unconverted_leads").gt(0)),
            childId("LU", indexOf(col("n_unconverted_leads"), "touch_lu", key, t)))
        .otherwise(converted);
  }

  private Column indexOf(Column count, String salt, Column key, Column t) {
    return floor(random.uniform(salt, key, t).multiply(count)).cast("long").plus(1);
  }

  private static Column campaign(Column channel, Column draw) {
    Column campaigns = ChannelCatalog.campaignCountFor(channel);
    Column index = floor(draw.multiply(campaigns)).cast("long").plus(1);
    return when(campaigns.gt(0), concat(lit("CMP-"), channel, lit("-"), index.cast("string")));
  }

  private static Column team(Column touchType, Column draw) {
    Column sales = touchType.isin(ChannelCatalog.SALES_TOUCH_TYPES.toArray());
    return when(draw.lt(0.7), when(sales, "sales").otherwise("marketing"));
  }
}
