package io.revattr.jobs.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.VerticalAlignment;
import org.jfree.data.category.CategoryDataset;
import org.jfree.svg.MeetOrSlice;
import org.jfree.svg.PreserveAspectRatio;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/** Bar charts drawn by JFreeChart into inline SVG elements: no script, readable offline. */
final class SvgCharts {
  /** A palette that stays distinguishable for a dozen series (Tableau 10 plus two). */
  private static final List<Color> PALETTE =
      List.of(
          new Color(0x4E79A7),
          new Color(0xF28E2B),
          new Color(0xE15759),
          new Color(0x76B7B2),
          new Color(0x59A14F),
          new Color(0xEDC948),
          new Color(0xB07AA1),
          new Color(0xFF9DA7),
          new Color(0x9C755F),
          new Color(0xBAB0AC),
          new Color(0x1F3B73),
          new Color(0x8CD17D),
          new Color(0x499894),
          new Color(0xD37295));

  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  private int drawn;

  SvgCharts() {
    // Charts are drawn without a display.
    System.setProperty("java.awt.headless", "true");
  }

  /**
   * A bar chart: one bar per series within each category (grouped), or stacked.
   *
   * @param horizontal bars grow to the right, categories down the side (long labels stay legible)
   * @param valueFormat the value axis' tick format
   */
  String bars(
      String title,
      String categoryLabel,
      String valueLabel,
      CategoryDataset data,
      boolean horizontal,
      boolean stacked,
      NumberFormat valueFormat,
      int width,
      int height) {
    PlotOrientation orientation =
        horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL;
    boolean legend = data.getRowCount() > 1;
    JFreeChart chart =
        stacked
            ? ChartFactory.createStackedBarChart(
                title, categoryLabel, valueLabel, data, orientation, legend, false, false)
            : ChartFactory.createBarChart(
                title, categoryLabel, valueLabel, data, orientation, legend, false, false);
    style(chart, valueFormat, horizontal);
    if (stacked) {
      // Shares of a whole: the axis ends at 100%.
      chart.getCategoryPlot().getRangeAxis().setRange(0.0, 1.0);
      BarRenderer renderer = (BarRenderer) chart.getCategoryPlot().getRenderer();
      renderer.setDefaultItemLabelGenerator(
          new StandardCategoryItemLabelGenerator(
              "{3}", NumberFormat.getNumberInstance(Locale.ROOT)));
      renderer.setDefaultItemLabelsVisible(true);
      renderer.setDefaultItemLabelFont(TICK);
      renderer.setDefaultItemLabelPaint(Color.WHITE);
    }
    return svg(chart, width, height);
  }

  /** A number format with thousands separators and no decimals. */
  static NumberFormat amounts() {
    return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
  }

  /** A percentage format. */
  static NumberFormat percent() {
    return new DecimalFormat("0%", DecimalFormatSymbols.getInstance(Locale.ROOT));
  }

  /** A ratio format with two decimals. */
  static NumberFormat ratio() {
    return new DecimalFormat("0.0#", DecimalFormatSymbols.getInstance(Locale.ROOT));
  }

  private static void style(JFreeChart chart, NumberFormat valueFormat, boolean horizontal) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(TITLE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setRangeGridlinePaint(new Color(0xDDDDDD));
    plot.setRangeGridlineStroke(new BasicStroke(1f));
    CategoryAxis categories = plot.getDomainAxis();
    categories.setLabelFont(LABEL);
    categories.setTickLabelFont(TICK);
    categories.setCategoryMargin(0.15);
    categories.setLowerMargin(0.01);
    categories.setUpperMargin(0.01);
    // Horizontal: labels take up to 45% of the plot's width; vertical: the whole category width.
    categories.setMaximumCategoryLabelWidthRatio(horizontal ? 0.45f : 1.0f);
    categories.setMaximumCategoryLabelLines(2);
    NumberAxis values = (NumberAxis) plot.getRangeAxis();
    values.setLabelFont(LABEL);
    values.setTickLabelFont(TICK);
    values.setNumberFormatOverride(valueFormat);
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDrawBarOutline(false);
    renderer.setItemMargin(0.02);
    for (int i = 0; i < PALETTE.size(); i++) {
      renderer.setSeriesPaint(i, PALETTE.get(i));
    }
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setPosition(RectangleEdge.RIGHT);
      legend.setVerticalAlignment(VerticalAlignment.TOP);
      legend.setItemFont(TICK);
      legend.setFrame(BlockBorder.NONE);
    }
  }

  private String svg(JFreeChart chart, int width, int height) {
    drawn++;
    SVGGraphics2D g2 = new SVGGraphics2D(width, height);
    // Every chart's clip paths get their own ids: several charts share one page.
    g2.setDefsKeyPrefix("chart" + drawn + "-");
    chart.draw(g2, new Rectangle(0, 0, width, height));
    return g2.getSVGElement(
        "chart" + drawn,
        true,
        new ViewBox(0, 0, width, height),
        PreserveAspectRatio.XMIN_YMIN,
        MeetOrSlice.MEET);
  }
}
