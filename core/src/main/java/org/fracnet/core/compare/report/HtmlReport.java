package org.fracnet.core.compare.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.fracnet.core.SettingsException;
import org.fracnet.core.io.AtomicFile;

/**
 * The report of {@code compare} as one self-contained HTML page, made from its results tree (the
 * content of {@code results.json}): the verdict first, then per-class error by candidate,
 * predicted against true fractions for the best candidate by KL and the baseline (the first
 * candidate), calibration per class, learning curves, and the tables of metrics, comparisons and
 * chosen settings.
 *
 * <p>The page needs no network: the chart library, Apache ECharts, is inlined from the
 * {@code org.webjars.npm:echarts} WebJar on the class path, styles and data are inline, fonts are
 * the reader's own, and a Content-Security-Policy forbids loading anything. Every string from the
 * results (candidate ids, class names, the verdict) is escaped, so none can add markup or script.
 * Every field of the tree is optional: what is missing is said on the page, not drawn empty.
 */
public final class HtmlReport {
  /** The report's file name in the report directory. */
  public static final String FILE_NAME = "index.html";

  private HtmlReport() {}

  /**
   * The page for {@code results}; a pure function of the tree (and of the chart library on the
   * class path).
   *
   * @throws SettingsException when the WebJar {@code org.webjars.npm:echarts} is not on the class
   *     path (fracnet-core declares it optional), naming the dependency to add
   */
  public static String render(JsonNode results) {
    String version = ChartLibrary.version();
    String library = ChartLibrary.script(version);
    Results view = new Results(results);
    ReportPage page = new ReportPage(view);
    String main = page.main(version);
    String data = Results.text(view.root().path("data"));
    String title = "fracnet compare: " + (data == null ? "report" : data);
    StringBuilder html = new StringBuilder(library.length() + main.length() + (1 << 16));
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .append(Html.text(PageAssets.CONTENT_SECURITY_POLICY)).append("\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"fracnet\">\n")
        .append("<title>").append(Html.text(title)).append("</title>\n")
        .append("<style>\n").append(PageAssets.CSS).append("</style>\n</head>\n<body>\n<main>\n")
        .append("<noscript><p class=\"missing\">The charts need JavaScript; the verdict and the tables below"
            + " do not.</p></noscript>\n")
        .append(main)
        .append("</main>\n<script type=\"application/json\" id=\"fracnet-charts\">")
        .append(Html.scriptJson(page.charts().toString())).append("</script>\n")
        .append("<script>\n").append(library).append("\n</script>\n")
        .append("<script>\n").append(PageAssets.SCRIPT).append("</script>\n</body>\n</html>\n");
    return html.toString();
  }

  /**
   * Writes the page for {@code results} to {@code file} atomically: a reader sees the old file or
   * the whole new one.
   *
   * @throws SettingsException when the chart library is not on the class path (see {@link #render})
   * @throws org.fracnet.core.FracnetException when the file cannot be written
   */
  public static void write(JsonNode results, Path file) {
    byte[] bytes = render(results).getBytes(StandardCharsets.UTF_8);
    AtomicFile.write(file, out -> out.write(bytes));
  }
}
