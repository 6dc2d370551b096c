package io.revattr.jobs.generate;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;

/** The sample warehouse's channels, how often they occur, their touch types and monthly spend. */
final class ChannelCatalog {
  /**
   * One channel.
   *
   * @param name channel name
   * @param weight relative frequency among touches
   * @param touchTypes touch types of the channel, equally likely
   * @param monthlySpendPer100Accounts spend per month per 100 accounts; 0 for unpaid channels
   * @param campaigns number of campaigns of the channel; 0 for none
   */
  record Channel(
      String name,
      double weight,
      List<String> touchTypes,
      double monthlySpendPer100Accounts,
      int campaigns) {}

  static final List<Channel> CHANNELS =
      List.of(
          new Channel("paid_search", 14, List.of("ad_click"), 4000, 3),
          new Channel("paid_social", 10, List.of("ad_click", "ad_impression"), 2500, 3),
          new Channel("display", 8, List.of("ad_impression"), 1500, 2),
          new Channel("organic_search", 12, List.of("web_visit"), 0, 0),
          new Channel("direct", 10, List.of("web_visit", "form_fill"), 0, 0),
          new Channel("email", 12, List.of("email"), 600, 3),
          new Channel("events", 5, List.of("event"), 5000, 2),
          new Channel("webinar", 6, List.of("webinar"), 1200, 2),
          new Channel("content_syndication", 6, List.of("content_download", "form_fill"), 1800, 2),
          new Channel("referral", 4, List.of("web_visit", "form_fill"), 0, 0),
          new Channel("sales_outreach", 13, List.of("sales_call", "sales_email", "meeting"), 0, 0));

  static final List<String> SALES_TOUCH_TYPES = List.of("sales_call", "sales_email", "meeting");

  private ChannelCatalog() {}

  /** The channel for a uniform draw in [0, 1), by the channels' weights. */
  static Column channelFor(Column uniform) {
    double total = CHANNELS.stream().mapToDouble(Channel::weight).sum();
    double cumulative = 0;
    Column result = null;
    for (Channel c : CHANNELS) {
      cumulative += c.weight() / total;
      Column condition = uniform.lt(cumulative);
      result = result == null ? when(condition, c.name()) : result.when(condition, c.name());
    }
    return result.otherwise(lit(CHANNELS.get(CHANNELS.size() - 1).name()));
  }

  /** The touch type for a channel column and a uniform draw. */
  static Column touchTypeFor(Column channel, Column uniform) {
    Column result = null;
    for (Channel c : CHANNELS) {
      Column type = pick(c.touchTypes(), uniform);
      Column condition = channel.equalTo(c.name());
      result = result == null ? when(condition, type) : result.when(condition, type);
    }
    return result;
  }

  /** The number of campaigns of a channel column. */
  static Column campaignCountFor(Column channel) {
    Column result = null;
    for (Channel c : CHANNELS) {
      Column condition = channel.equalTo(c.name());
      result =
          result == null ? when(condition, c.campaigns()) : result.when(condition, c.campaigns());
    }
    return result.otherwise(0);
  }

  /** One of the values, equally likely, for a uniform draw. */
  static Column pick(List<String> values, Column uniform) {
    Column result = lit(values.get(values.size() - 1));
    for (int i = values.size() - 2; i >= 0; i--) {
      result = when(uniform.lt((i + 1.0) / values.size()), values.get(i)).otherwise(result);
    }
    return result;
  }
}
