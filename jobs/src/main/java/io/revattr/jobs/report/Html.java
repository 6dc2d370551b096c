package io.revattr.jobs.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/** A small HTML page builder: headings, paragraphs, tables and inline SVG, escaped. */
final class Html {
  private static final String STYLE =
      "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:24px auto;max-width:1240px;"
          + "color:#222}h1{font-size:26px}h2{font-size:20px;margin-top:36px;"
          + "border-bottom:1px solid #ddd;padding-bottom:4px}p{line-height:1.45}"
          + "svg{display:block;max-width:100%;height:auto}"
          + ".scroll{overflow-x:auto}table{border-collapse:collapse;font-size:11px;margin:8px 0}"
          + "th,td{padding:3px 6px;border-bottom:1px solid #eee;text-align:right;"
          + "white-space:nowrap}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}";

  private final StringBuilder body = new StringBuilder();
  private final String title;

  Html(String title) {
    this.title = title;
  }

  void heading(int level, String text) {
    body.append("<h").append(level).append('>').append(escape(text));
    body.append("</h").append(level).append(">\n");
  }

  void paragraph(String text) {
    body.append("<p>").append(escape(text)).append("</p>\n");
  }

  /** Trusted markup (the SVG drawn by the charts). */
  void raw(String markup) {
    body.append("<div>").append(markup).append("</div>\n");
  }

  void table(List<String> header, List<List<String>> rows) {
    body.append("<div class=\"scroll\"><table><thead><tr>");
    header.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
    body.append("</tr></thead><tbody>\n");
    for (List<String> row : rows) {
      body.append("<tr>");
      row.forEach(c -> body.append("<td>").append(escape(c)).append("</td>"));
      body.append("</tr>\n");
    }
    body.append("</tbody></table></div>\n");
  }

  String finish() {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + escape(title)
        + "</title><style>"
        + STYLE
        + "</style></head><body>\n"
        + body
        + "</body></html>\n";
  }

  /** An amount with thousands separators and no decimals; empty when null. */
  static String amount(Object value) {
    return value == null ? "" : String.format(Locale.ROOT, "%,.0f", ((Number) value).doubleValue());
  }

  /** A number with up to two decimals; empty when null. */
  static String decimal(Object value) {
    return value == null
        ? ""
        : BigDecimal.valueOf(((Number) value).doubleValue())
            .setScale(2, RoundingMode.HALF_UP)
            .toPlainString();
  }

  static String integer(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
