package io.revattr.jobs.report;

import io.revattr.common.report.ModelComparison;
import io.revattr.common.schema.Stages;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * A static HTML page per run ({@code index.html}): the model comparison, marketing vs sales, ROAS,
 * time to close and the forecast, as JFreeChart charts inlined as SVG with their tables. No script
 * and no external resource: the page reads the same offline, in a mail attachment or an archive.
 */
public final class HtmlReport {
  private static final String PREFERRED_MODEL = "w_shaped";
  private static final List<String> ROAS_MODELS =
      List.of("first_touch", "w_shaped", "linear", "last_touch");

  private final SparkSession spark;
  private final LocalDate asOf;
  private final SvgCharts charts = new SvgCharts();
  private List<String> models;

  /**
   * @param spark a session where the result tables are registered by name, committed runs only
   *     ({@link io.revattr.jobs.sql.ResultCatalog})
   * @param asOf the as-of date to report
   */
  public HtmlReport(SparkSession spark, LocalDate asOf) {
    this.spark = spark;
    this.asOf = asOf;
  }

  /** The report's default directory: {@code <output>/report/<as_of>}. */
  public static String defaultDirectory(String output, LocalDate asOf) {
    return output + "/report/" + asOf;
  }

  /**
   * Renders the page and writes it as {@code <directory>/index.html} (any Hadoop file system).
   *
   * @return the page's address, a URI
   */
  public String write(String directory) {
    String html = render();
    Path page = new Path(directory, "index.html");
    try {
      FileSystem fs = page.getFileSystem(spark.sparkContext().hadoopConfiguration());
      // No .crc file beside the page on a local file system: written through the raw file system
      // under the checksummed one. (Turning checksums off on the file system itself would turn
      // them off for every later write of the JVM: the instance is Hadoop's cached, shared one.)
      FileSystem writer = fs instanceof ChecksumFileSystem local ? local.getRawFileSystem() : fs;
      try (OutputStream out = writer.create(page, true)) {
        out.write(html.getBytes(StandardCharsets.UTF_8));
      }
      // Escaped for a browser: a '#' in a directory's name would start the fragment.
      return fs.makeQualified(page).toUri().toASCIIString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The page's HTML. */
  String render() {
    ReportData data = new ReportData(spark, asOf);
    models = data.models();
    List<String> currencies = data.currencies();
    String currency = currencies.isEmpty() ? null : currencies.get(0);
    String unit = currency == null ? "amount" : currency;
    Html page = new Html("revattr report as of " + asOf);
    page.heading(1, "Revenue attribution as of " + asOf);
    if (models.isEmpty()) {
      page.paragraph(
          "The run credited no opportunity: the input had no usable opportunity as of "
              + asOf
              + " (the runs table's inputs column shows where every input row went, and the"
              + " quarantine table why a row was set aside).");
      return page.finish();
    }
    String primary = models.contains(PREFERRED_MODEL) ? PREFERRED_MODEL : models.get(0);
    page.paragraph(
        "Run "
            + String.join(", ", data.runIds())
            + ". Models: "
            + String.join(", ", models)
            + ". Amounts in "
            + unit
            + (currencies.size() > 1
                ? " (the run has several currencies and no reporting currency: other currencies,"
                    + " "
                    + currencies.subList(1, currencies.size())
                    + ", are in the tables only)"
                : "")
            + ". Every chart reads a table of the run: docs/tables.md explains each column.");
    keyFigures(page, data, currency, unit);
    modelComparison(page, data, currency, unit, primary);
    teams(page, data, currency);
    roas(page, data, currency, unit);
    timeToClose(page, data);
    forecast(page, data, currency, unit, primary);
    return page.finish();
  }

  private void keyFigures(Html page, ReportData data, String currency, String unit) {
    page.heading(2, "Opportunities");
    List<List<String>> rows = new ArrayList<>();
    for (Row r : data.stages(currency)) {
      rows.add(List.of(r.getString(0), Html.integer(r.getLong(1)), Html.amount(r.get(2))));
    }
    page.table(List.of("stage", "opportunities", "amount (" + unit + ")"), rows);
  }

  private void modelComparison(
      Html page, ReportData data, String currency, String unit, String primary) {
    page.heading(2, "Revenue per channel under each model");
    List<Row> summary = data.summary("channel", currency);
    List<String> channels = channelsByRevenue(summary, primary);
    DefaultCategoryDataset revenue = new DefaultCategoryDataset();
    for (String model : models) {
      for (String channel : channels) {
        revenue.addValue(0.0, model, channel);
      }
    }
    for (Row r : summary) {
      revenue.addValue(
          r.<Double>getAs("attributed_revenue"),
          r.<String>getAs("model"),
          r.<String>getAs("value"));
    }
    int height = 90 + channels.size() * (models.size() * 7 + 16);
    page.raw(
        charts.bars(
            "Won revenue by channel and model",
            "channel",
            "won revenue (" + unit + ")",
            revenue,
            true,
            false,
            SvgCharts.amounts(),
            1200,
            height));
    page.paragraph(
        "Channels by how much the choice of model changes their revenue (spread = largest minus"
            + " smallest revenue over the models; rank spread = worst minus best rank):");
    List<String> header = new ArrayList<>(List.of("channel"));
    header.addAll(models);
    header.addAll(List.of("spread", "rank spread"));
    List<List<String>> rows = new ArrayList<>();
    for (Row r : data.comparison("channel", currency)) {
      List<String> row = new ArrayList<>(List.of(r.<String>getAs("value")));
      for (String model : models) {
        row.add(Html.amount(r.getAs(ModelComparison.revenueColumn(model))));
      }
      row.add(Html.amount(r.getAs(ModelComparison.REVENUE_SPREAD)));
      row.add(String.valueOf(r.<Object>getAs(ModelComparison.RANK_SPREAD)));
      rows.add(row);
    }
    page.table(header, rows);
  }

  private void teams(Html page, ReportData data, String currency) {
    page.heading(2, "Marketing vs sales");
    List<Row> summary = data.summary("team", currency);
    Set<String> teams = new LinkedHashSet<>();
    summary.forEach(r -> teams.add(r.getAs("value")));
    DefaultCategoryDataset shares = new DefaultCategoryDataset();
    for (String team : teams) {
      for (String model : models) {
        shares.addValue(0.0, team, model);
      }
    }
    for (Row r : summary) {
      Double share = r.getAs("revenue_share");
      shares.addValue(
          share == null ? 0.0 : share, r.<String>getAs("value"), r.<String>getAs("model"));
    }
    page.raw(
        charts.bars(
            "Share of won revenue by team, per model",
            "model",
            "share of won revenue",
            shares,
            true,
            true,
            SvgCharts.percent(),
            1200,
            90 + models.size() * 34));
  }

  private void roas(Html page, ReportData data, String currency, String unit) {
    page.heading(2, "Return on ad spend per channel");
    List<Row> summary = data.summary("channel", currency);
    List<String> preferred = ROAS_MODELS.stream().filter(models::contains).toList();
    List<String> shown = preferred.isEmpty() ? List.of(models.get(0)) : preferred;
    DefaultCategoryDataset roas = new DefaultCategoryDataset();
    List<List<String>> rows = new ArrayList<>();
    List<Row> byChannel = new ArrayList<>(summary);
    byChannel.sort(
        (a, b) -> {
          int channel = a.<String>getAs("value").compareTo(b.getAs("value"));
          return channel != 0
              ? channel
              : Integer.compare(
                  shown.indexOf(a.<String>getAs("model")), shown.indexOf(b.<String>getAs("model")));
        });
    for (Row r : byChannel) {
      Double spend = r.getAs("spend");
      if (spend == null || spend <= 0 || !shown.contains(r.<String>getAs("model"))) {
        continue;
      }
      roas.addValue(r.<Double>getAs("roas"), r.<String>getAs("model"), r.<String>getAs("value"));
      rows.add(
          List.of(
              r.getAs("value"),
              r.getAs("model"),
              Html.amount(spend),
              Html.amount(r.getAs("attributed_revenue")),
              Html.decimal(r.getAs("roas")),
              Html.amount(r.getAs("cost_per_won_opportunity"))));
    }
    if (roas.getColumnCount() == 0) {
      page.paragraph("No spend in the period (or amounts in several currencies): no ROAS.");
      return;
    }
    page.raw(
        charts.bars(
            "ROAS (won revenue / spend) per paid channel",
            "channel",
            "ROAS",
            roas,
            true,
            false,
            SvgCharts.ratio(),
            1200,
            90 + roas.getColumnCount() * (shown.size() * 12 + 16)));
    page.table(
        List.of(
            "channel", "model", "spend (" + unit + ")", "won revenue", "ROAS", "cost per won opp."),
        rows);
  }

  private void timeToClose(Html page, ReportData data) {
    page.heading(2, "Time from first touch to close");
    DefaultCategoryDataset buckets = new DefaultCategoryDataset();
    List<String> labels = new ArrayList<>();
    for (int b = 0; b < ReportData.BUCKETS; b++) {
      int from = b * ReportData.BUCKET_DAYS;
      labels.add(
          b == ReportData.BUCKETS - 1 ? from + "+" : from + "-" + (from + ReportData.BUCKET_DAYS));
    }
    for (String stage : Stages.CLOSED) {
      labels.forEach(l -> buckets.addValue(0, stage, l));
    }
    for (Row r : data.timeToClose()) {
      buckets.addValue(r.getLong(2), r.getString(0), labels.get(r.getInt(1)));
    }
    page.raw(
        charts.bars(
            "Closed opportunities by days from first touch to close",
            "days from first touch to close",
            "opportunities",
            buckets,
            false,
            false,
            NumberFormat.getIntegerInstance(Locale.ROOT),
            1200,
            420));
  }

  private void forecast(Html page, ReportData data, String currency, String unit, String primary) {
    page.heading(2, "Forecast of the open pipeline (" + primary + ")");
    List<Row> rows = data.forecast("channel", primary, currency);
    if (rows.isEmpty()) {
      page.paragraph("No open opportunity: nothing to forecast.");
      return;
    }
    DefaultCategoryDataset forecast = new DefaultCategoryDataset();
    for (Row r : rows) {
      forecast.addValue(
          r.<Double>getAs("open_pipeline"), "open pipeline", r.<String>getAs("value"));
      forecast.addValue(
          r.<Double>getAs("expected_revenue"), "expected revenue", r.<String>getAs("value"));
    }
    Double rate = rows.get(0).getAs("win_rate");
    page.paragraph(
        "Expected revenue = open pipeline credited to the channel x the historical win rate ("
            + Html.decimal(rate)
            + " = won / closed opportunities).");
    page.raw(
        charts.bars(
            "Open pipeline and expected revenue per channel",
            "channel",
            unit,
            forecast,
            true,
            false,
            SvgCharts.amounts(),
            1200,
            90 + rows.size() * 40));
  }

  /** Channels in order of the primary model's revenue, (unattributed) last. */
  private static List<String> channelsByRevenue(List<Row> summary, String primary) {
    Map<Boolean, List<String>> split =
        summary.stream()
            .filter(r -> r.<String>getAs("model").equals(primary))
            .sorted(
                (a, b) ->
                    Double.compare(
                        b.<Double>getAs("attributed_revenue"),
                        a.<Double>getAs("attributed_revenue")))
            .map(r -> r.<String>getAs("value"))
            .collect(Collectors.partitioningBy(v -> v.startsWith("(")));
    List<String> ordered = new ArrayList<>(split.get(false));
    ordered.addAll(split.get(true));
    return ordered;
  }
}
