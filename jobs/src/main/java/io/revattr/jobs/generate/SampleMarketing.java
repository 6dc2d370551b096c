package io.revattr.jobs.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;

import io.revattr.jobs.generate.ChannelCatalog.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Campaigns and monthly spend of the sample warehouse: small tables, built on the driver. */
final class SampleMarketing {
  private SampleMarketing() {}

  /** One row per campaign: CMP-channel-k, a name and its channel. */
  static Dataset<Row> campaigns(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Channel c : ChannelCatalog.CHANNELS) {
      for (int k = 1; k <= c.campaigns(); k++) {
        rows.add(
            RowFactory.create(
                "CMP-" + c.name() + "-" + k,
                c.name().replace('_', ' ') + " campaign " + k,
                c.name()));
      }
    }
    StructType schema =
        new StructType()
            .add("campaign_id", DataTypes.StringType)
            .add("name", DataTypes.StringType)
            .add("channel", DataTypes.StringType);
    return spark.createDataFrame(rows, schema);
  }

  /** Spend per paid channel, campaign and month of 2024 and 2025, scaled with the account count. */
  static Dataset<Row> spend(SparkSession spark, long accounts, SampleRandom random) {
    List<Row> rows = new ArrayList<>();
    for (Channel c : ChannelCatalog.CHANNELS) {
      if (c.monthlySpendPer100Accounts() <= 0) {
        continue;
      }
      for (int month = 0; month < 24; month++) {
        String yearMonth = String.format(Locale.ROOT, "%d-%02d", 2024 + month / 12, month % 12 + 1);
        for (int k = 1; k <= c.campaigns(); k++) {
          double base = c.monthlySpendPer100Accounts() * accounts / 100.0 / c.campaigns();
          rows.add(RowFactory.create(c.name(), "CMP-" + c.name() + "-" + k, yearMonth, base));
        }
      }
    }
    StructType schema =
        new StructType()
            .add("channel", DataTypes.StringType)
            .add("campaign_id", DataTypes.StringType)
            .add("month", DataTypes.StringType)
            .add("base", DataTypes.DoubleType);
    Dataset<Row> base = spark.createDataFrame(rows, schema);
    return base.select(
        col("channel"),
        col("campaign_id"),
        col("month"),
        round(
                col("base")
                    .multiply(
                        lit(0.7)
                            .plus(
                                random
                                    .uniform("spend", col("campaign_id"), col("month"))
                                    .multiply(0.6))),
                2)
            .as("amount"));
  }
}
