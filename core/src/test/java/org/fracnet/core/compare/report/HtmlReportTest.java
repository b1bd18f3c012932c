package org.fracnet.core.compare.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fracnet.core.SettingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CHART_CONTAINER = Pattern.compile("<div class=\"chart [a-z]+\" id=\"([^\"]+)\"");
  private static final Pattern URL = Pattern.compile("https?://[^\\s\"'`)<>]+");
  /**
   * The only addresses in ECharts 5.3.1's minified library: XML namespace names that its SVG
   * renderer writes into the SVG it makes (identifiers, never fetched), and the two licenses named
   * in its comments. Any other address in a report would be something the page might load.
   */
  private static final Set<String> LIBRARY_ADDRESSES = Set.of(
      "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink", "http://www.w3.org/2000/xmlns/",
      "http://www.w3.org/XML/1998/namespace", "http://www.apache.org/licenses/LICENSE-2.0",
      "https://github.com/ecomfe/zrender/blob/master/LICENSE.txt");

  @TempDir
  Path dir;

  static String demoText() throws IOException {
    try (InputStream in = HtmlReportTest.class.getResourceAsStream("results.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static JsonNode demo() throws IOException {
    return JSON.readTree(demoText());
  }

  @Test
  void theDemoReportLoadsNothingFromTheNetwork() throws IOException {
    String page = HtmlReport.render(demo());
    String library = ChartLibrary.script(ChartLibrary.version());
    assertThat(page).startsWith("<!DOCTYPE html>").contains(library);
    String ours = page.replace(library, "");
    assertThat(ours).doesNotContainIgnoringCase("http:").doesNotContainIgnoringCase("https:")
        .doesNotContainIgnoringCase(" src=").doesNotContainIgnoringCase("<link")
        .doesNotContainIgnoringCase("@import").doesNotContainIgnoringCase("url(")
        .contains("Content-Security-Policy").contains("default-src &#39;none&#39;");
    Set<String> addresses = new HashSet<>();
    for (Matcher m = URL.matcher(page); m.find(); ) {
      addresses.add(m.group());
    }
    assertThat(addresses).isSubsetOf(LIBRARY_ADDRESSES);
    assertThat(count(page, "</script>")).as("the JSON data, the library and the page's script").isEqualTo(3);
  }

  @Test
  void theVerdictComesFirstAndEveryChartHasAContainerAndAnOption() throws IOException {
    String page = HtmlReport.render(demo());
    List<Integer> order = new ArrayList<>();
    for (String section : List.of("verdict", "per-class-error", "predicted-vs-true", "calibration", "learning-curves",
        "metrics", "comparisons", "candidates")) {
      order.add(page.indexOf("<section id=\"" + section + "\">"));
    }
    assertThat(order).doesNotContain(-1).isSorted();
    assertThat(page.indexOf("<p>Best overall: cross-entropy{class-weights=inverse-sqrt-mean,debias=true}"))
        .isBetween(order.get(0), order.get(1));

    // written before per-class MSE skill: its chart says what is missing
    assertThat(page).contains("results.json has no per_class.mse_skill values.");
    List<String> expected = new ArrayList<>(List.of("chart-relative-error"));
    for (String kind : List.of("scatter", "calibration")) {
      for (int k = 0; k < 6; k++) {
        expected.add("chart-" + kind + "-" + k);
      }
    }
    for (int c = 0; c < 4; c++) {
      expected.add("chart-learning-" + c);
    }
    assertThat(containers(page)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(chartOptionIds(page)).containsExactlyElementsOf(containers(page));
  }

  @Test
  void theChartsShowEveryClassAndCandidate() throws IOException {
    JsonNode charts = chartSpecs(HtmlReport.render(demo()));
    JsonNode bars = charts.get(0).path("option");
    assertThat(bars.path("xAxis").path("data").get(5).asText()).isEqualTo("ferry *\nmean 0.5 %");
    assertThat(bars.path("series")).hasSize(4);
    assertThat(bars.path("series").get(2).path("data").get(5).asDouble()).isEqualTo(-38.85);
    // predicted against true: the diagonal, the baseline, and the best by KL on top
    JsonNode scatter = charts.get(2).path("option").path("series");
    assertThat(scatter).hasSize(3);
    assertThat(scatter.get(1).path("name").asText()).isEqualTo("cross-entropy");
    assertThat(scatter.get(2).path("name").asText()).isEqualTo("cross-entropy{class-weights=inverse-sqrt-mean,debias=true}");
    assertThat(scatter.get(2).path("data")).hasSize(200);
    // calibration: the diagonal, the baseline and the best by KL (nine candidates' lines could not be told apart)
    JsonNode calibration = charts.get(8).path("option").path("series");
    assertThat(calibration).hasSize(3);
    assertThat(calibration.get(1).path("name").asText()).isEqualTo("cross-entropy");
    assertThat(calibration.get(2).path("name").asText()).isEqualTo(scatter.get(2).path("name").asText());
  }

  @Test
  void theMetricTableMarksTheBestAndTheComparisonsTableShadesWhatIsSignificant() throws IOException {
    String page = HtmlReport.render(demo());
    String metrics = between(page, "<table id=\"metric-table\">", "</table>");
    assertThat(count(metrics, "<th class=\"candidate\">")).isEqualTo(4);
    assertThat(count(metrics, "<th class=\"text\" scope=\"row\">")).isEqualTo(12);
    assertThat(count(metrics, "class=\"best\"")).isEqualTo(12);
    assertThat(metrics).contains(">kl&nbsp;\u2193</th>").contains(">cosine&nbsp;\u2191</th>")
        .contains("title=\"per fold: 0.01186, 0.01112, 0.01212, 0.01183, 0.01221\">0.01183</td>");
    String comparisons = between(page, "<table id=\"comparison-table\">", "</table>")
        + between(page, "<table id=\"comparison-table-other\">", "</table>");
    assertThat(count(comparisons, "<tr")).isEqualTo(20); // two header rows and 18 comparisons
    assertThat(count(comparisons, "<tr class=\"significant\">")).isEqualTo(15);
    assertThat(comparisons).contains("<td>0.00089</td><td>[0.000395, 0.00138]</td><td>0.00042</td><td>0.0017</td>");
  }

  @Test
  void theStarredBestIsNeverPrintedAlikeWithAnother() throws IOException {
    ObjectNode root = (ObjectNode) demo();
    com.fasterxml.jackson.databind.JsonNode candidates = root.path("candidates");
    String best = root.path("best").path("kl").asText();
    for (JsonNode c : candidates) {
      double kl = c.path("id").asText().equals(best) ? 0.539761 : 0.539772 + c.path("id").asText().length() * 1e-6;
      ((ObjectNode) c.path("metrics").path("kl")).put("mean", kl);
    }
    String metrics = between(HtmlReport.render(root), "<table id=\"metric-table\">", "</table>");
    assertThat(metrics).contains(">0.53976\u202f\u2605</td>").doesNotContain(">0.5398\u202f\u2605</td>");
  }

  @Test
  void theMeanPredictorIsALastColumnForScaleAndKlComparisonsAreInView() throws IOException {
    String without = between(HtmlReport.render(demo()), "<table id=\"metric-table\">", "</table>");
    assertThat(without).doesNotContain("mean fractions");
    ObjectNode root = (ObjectNode) demo();
    root.putObject("mean_predictor").putObject("metrics").putObject("kl").put("mean", 0.178028);
    String page = HtmlReport.render(root);
    String metrics = between(page, "<table id=\"metric-table\">", "</table>");
    assertThat(metrics).contains("<th class=\"candidate dim\">mean fractions (no features)</th>")
        .contains("<td class=\"dim\">0.17803</td>"); // the row's decimals: 4 digits of its smallest value
    assertThat(count(metrics, "<td class=\"dim\">")).isEqualTo(12); // metrics it lacks show a dash
    // KL's comparisons in view, the other metrics' folded into a details element
    assertThat(metricsOf(between(page, "<table id=\"comparison-table\">", "</table>"))).hasSize(6).containsOnly("kl");
    assertThat(page).contains("<details><summary>The other metrics (12 comparisons)</summary>");
    assertThat(metricsOf(between(page, "<table id=\"comparison-table-other\">", "</table>"))).hasSize(12)
        .doesNotContain("kl");
  }

  @Test
  void aSeriesThatDwarfsTheOthersIsCutAtARoundAxisEndAndNamed() {
    List<List<Double>> values = List.of(List.of(-0.1, 2.6, -4.1), List.of(-29.4, 86.5, 552.4),
        List.of(0.5, -2.0, 5.6), List.of(0.3, -4.0, 23.8));
    assertThat(ChartOptions.barLimit(values)).isEqualTo(new ChartOptions.BarLimit(50.0, true, false)); // 1.1 x 23.8
    ObjectNode option = ChartOptions.groupedBars(List.of("car", "bike", "ferry"), List.of("a", "b", "c", "d"),
        List.of("#111", "#222", "#333", "#444"), values, "relative error", ChartOptions.ValueFormat.PERCENT);
    assertThat(option.path("yAxis").path("max").asDouble()).isEqualTo(50.0);
    assertThat(option.path("yAxis").has("min")).isFalse(); // no bar below -50
    JsonNode cutBar = option.path("series").get(1).path("data").get(2);
    assertThat(cutBar.path("value").asDouble()).isEqualTo(552.4); // the tooltip's value
    assertThat(cutBar.path("label").path("formatter").asText()).isEqualTo("+552 % \u2192"); // written along the bar
    assertThat(cutBar.path("itemStyle").has("decal")).isTrue(); // and hatched
    assertThat(option.path("series").get(1).path("data").get(0).isNumber()).isTrue(); // a bar within the axis: plain
    // no outlier, or too few series to call one: the axis fits every bar
    assertThat(ChartOptions.barLimit(List.of(List.of(1.0, 3.0), List.of(2.0, -4.0), List.of(5.0, 0.5)))).isNull();
    assertThat(ChartOptions.barLimit(List.of(List.of(1.0), List.of(500.0)))).isNull();
    // an outlier by the median rule whose bars stay under the round limit: nothing is cut
    assertThat(ChartOptions.barLimit(List.of(List.of(2.0), List.of(3.0), List.of(3.0), List.of(11.0),
        List.of(13.0)))).isNull();
  }

  @Test
  void thePageNamesTheBarsItCuts() throws IOException {
    ObjectNode root = (ObjectNode) demo();
    ObjectNode first = (ObjectNode) root.path("candidates").get(0).path("per_class").path(root.path("classes").get(0)
        .asText());
    first.put("relative_error_of_mean", 9.5); // +950 %, beside errors of a few %
    String page = HtmlReport.render(root);
    assertThat(page).containsPattern("The axis ends at [0-9]+ % so that the other bars stay readable; one bar"
        + " goes beyond it and is cut at the edge \\(hatched, the value written along the bar\\): [^<]+: \\+950 %\\.");
  }

  @Test
  void candidatesLeftOutAreListedWithTheirReasons() throws IOException {
    assertThat(HtmlReport.render(demo())).doesNotContain("id=\"dropped\"");
    ObjectNode root = (ObjectNode) demo();
    root.putArray("dropped").addObject().put("id", "dirichlet{zero-policy=none}")
        .put("reason", "dirichlet: a target fraction <0");
    assertThat(HtmlReport.render(root)).contains("<section id=\"dropped\">")
        .contains("<li><strong>dirichlet{zero-policy=none}</strong>: dirichlet: a target fraction &lt;0</li>");
  }

  @Test
  void whatReadingTheDataNotedIsShownUnderTheTitleEscaped() throws IOException {
    assertThat(HtmlReport.render(demo())).doesNotContain("Reading the data:");
    ObjectNode root = (ObjectNode) demo();
    root.putArray("data_notes").add("skipped 2 invalid rows of 40 (5 %, InvalidRows.SKIP); the first: <b>x</b>");
    String page = HtmlReport.render(root);
    assertThat(page).contains("<p class=\"note\">Reading the data: skipped 2 invalid rows of 40 (5 %,"
        + " InvalidRows.SKIP); the first: &lt;b&gt;x&lt;/b&gt;</p>");
    assertThat(page.indexOf("Reading the data:")).isLessThan(page.indexOf("id=\"verdict\""));
  }

  @Test
  void headersWrapBetweenThePartsOfAnIdAndARowOfNumbersLinesUp() {
    assertThat(Html.breakable("ce{w=inverse-mean,b=<x>}"))
        .isEqualTo("ce{<wbr>w=<wbr>inverse-<wbr>mean,<wbr>b=<wbr>&lt;x&gt;}");
    int decimals = Html.decimals(java.util.Arrays.asList(0.00126, 0.001233, 0.191, null), 4);
    assertThat(decimals).isEqualTo(6);
    assertThat(List.of(0.00126, 0.001233, 0.191).stream().map(v -> Html.fixed(v, decimals)).toList())
        .containsExactly("0.001260", "0.001233", "0.191000");
    assertThat(Html.fixed(null, 3)).isEqualTo("\u2013");
  }

  @Test
  void namesFromTheResultsCannotAddMarkupOrScript() throws IOException {
    String evilClass = "<img src=x onerror=alert(1)>";
    String evilId = "</script><script>alert(2)</script><!--";
    String text = demoText().replace("\"ferry\"", "\"" + evilClass + "\"").replace("\"mse\"", "\"" + evilId + "\"")
        .replace("Best overall: ", "<b onmouseover=alert(3)>Best</b> overall: ");
    String page = HtmlReport.render(JSON.readTree(text));
    String ours = page.replace(ChartLibrary.script(ChartLibrary.version()), ""); // the library's own code has "<img"
    assertThat(ours).doesNotContain("<img").doesNotContain("<script>alert").doesNotContain("<b onmouseover")
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .contains("&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;&lt;!--")
        .contains("&lt;b onmouseover=alert(3)&gt;Best&lt;/b&gt; overall");
    assertThat(count(page, "</script>")).isEqualTo(3);
    assertThat(count(page, "<script")).isEqualTo(3);
    // in the chart data the names keep their characters, escaped for a script element
    JsonNode bars = chartSpecs(page).get(0).path("option");
    assertThat(bars.path("xAxis").path("data").get(5).asText()).startsWith(evilClass);
    assertThat(bars.path("series").get(2).path("name").asText()).isEqualTo(evilId);
  }

  @Test
  void missingOrMistypedFieldsLeaveAPageThatSaysWhatIsMissing() throws IOException {
    for (String json : List.of("{}", "null", "[]", "{\"candidates\": \"none\", \"verdict\": 3, \"classes\": {}}",
        "{\"verdict\": \"No significant difference.\", \"classes\": [\"a\", \"b\"], \"candidates\": [{\"id\": \"x\","
            + " \"metrics\": {\"kl\": {\"mean\": \"NaN\"}}, \"per_class\": {\"a\": {\"kl\": 0.1}}}]}")) {
      String page = HtmlReport.render(JSON.readTree(json));
      assertThat(page).as(json).contains("<section id=\"verdict\">").endsWith("</html>\n");
      assertThat(chartOptionIds(page)).as(json).containsExactlyElementsOf(containers(page));
    }
    String page = HtmlReport.render(JSON.readTree("{\"classes\": [\"a\", \"b\"], \"candidates\": [{\"id\": \"x\","
        + " \"per_class\": {\"a\": {\"kl\": 0.1}}}]}"));
    assertThat(containers(page)).isEmpty();
    assertThat(page).contains("results.json has no verdict.")
        .contains("results.json has no per_class.mse_skill values.")
        .contains("results.json has no per_class.relative_error_of_mean values.")
        .contains("results.json has no scatter values for any class.")
        .contains("results.json has no learning curve for x.")
        .contains("results.json has no comparisons.");
  }

  @Test
  void thirtyClassesAndFifteenCandidatesEachGetAChartAndAColour() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode classes = root.putArray("classes");
    for (int k = 0; k < 30; k++) {
      classes.add("class " + k);
    }
    ArrayNode candidates = root.putArray("candidates");
    for (int c = 0; c < 15; c++) {
      ObjectNode cand = candidates.addObject().put("id", "candidate-" + c);
      cand.putObject("metrics").putObject("kl").put("mean", 0.1 + c);
      for (int k = 0; k < 30; k++) {
        String name = "class " + k;
        cand.withObjectProperty("per_class").putObject(name).put("mse_skill", 0.01 * k).put("relative_error_of_mean", -0.01 * c);
        cand.withObjectProperty("scatter").putArray(name).addArray().add(0.02).add(0.03);
        cand.withObjectProperty("calibration").putArray(name).addObject().put("predicted", 0.02).put("observed", 0.021);
      }
      cand.putObject("learning_curve").putArray("validation_loss").add(1.0).add(0.5);
    }
    String page = HtmlReport.render(root);
    assertThat(containers(page)).hasSize(2 + 30 + 30 + 15);
    JsonNode bars = chartSpecs(page).get(0).path("option");
    assertThat(bars.path("xAxis").path("axisLabel").path("rotate").asInt()).isPositive();
    Set<String> colours = new HashSet<>();
    bars.path("series").forEach(s -> colours.add(s.path("itemStyle").path("color").asText()));
    assertThat(colours).hasSize(15);
  }

  @Test
  void writeReplacesTheFileWithTheRenderedPage() throws IOException {
    Path file = dir.resolve("report").resolve(HtmlReport.FILE_NAME);
    HtmlReport.write(demo(), file);
    HtmlReport.write(demo(), file);
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(HtmlReport.render(demo()));
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void aMissingChartLibraryNamesTheArtifactToAdd() {
    assertThatThrownBy(() -> ChartLibrary.script("0.0.0"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("org.webjars.npm:echarts:0.0.0")
        .hasMessageContaining("add the dependency org.webjars.npm:echarts:" + ChartLibrary.TESTED_VERSION);
  }

  @Test
  void theLibraryCannotEndItsScriptElement() {
    assertThat(ChartLibrary.safeInScript("a='</SCRIPT>'+'<!--'+'<script'"))
        .isEqualTo("a='\\x3C/SCRIPT>'+'\\x3C!--'+'\\x3Cscript'");
    assertThat(ChartLibrary.version()).isEqualTo(ChartLibrary.TESTED_VERSION);
  }

  @Test
  void numbersAreShortAndAxesEndOnRoundValues() {
    assertThat(Html.number(0.011828, 4)).isEqualTo("0.01183");
    assertThat(Html.number(1.8e-15, 2)).isEqualTo("1.8e-15");
    assertThat(Html.number(2000.0, 12)).isEqualTo("2000");
    assertThat(Html.number(null, 3)).isEqualTo("\u2013");
    assertThat(Html.percent(0.00494)).isEqualTo("0.5 %");
    assertThat(ChartOptions.niceCeiling(0.0123)).isEqualTo(0.02);
    assertThat(ChartOptions.niceCeiling(0.92)).isEqualTo(1.0);
    assertThat(ChartOptions.niceCeiling(0.21)).isEqualTo(0.25);
    assertThat(ChartOptions.niceCeiling(0)).isEqualTo(1.0);
    assertThat(ChartOptions.niceRange(0.001, 0.043)).containsExactly(0, 0.05);
    assertThat(ChartOptions.niceRange(0.62, 0.97)).containsExactly(0.6, 1);
    assertThat(ChartOptions.niceRange(0.2, 1.0)).containsExactly(0, 1);
    // ticks divide the range exactly: no label just short of an end
    assertThat(ChartOptions.tickInterval(0, 0.25)).isEqualTo(0.05);
    assertThat(ChartOptions.tickInterval(0.6, 1)).isEqualTo(0.1);
    assertThat(ChartOptions.tickInterval(0, 0.05)).isEqualTo(0.01);
    assertThat(ChartOptions.tickInterval(0, 0.3)).isEqualTo(0.1);
    assertThat(ChartOptions.tickInterval(0, 0.35)).isEqualTo(0.07); // 0.1 would leave a partial step below 0.35
    assertThat(Html.text("a<b & \"c\" 'd'")).isEqualTo("a&lt;b &amp; &quot;c&quot; &#39;d&#39;");
  }

  /** The metric column of each row of a comparisons table. */
  private static List<String> metricsOf(String table) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("<tr[^>]*>(?:<td class=\"text\">[^<]*</td>){2}<td class=\"text\">([a-z_]+)</td>")
        .matcher(table);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static List<String> containers(String page) {
    List<String> ids = new ArrayList<>();
    for (Matcher m = CHART_CONTAINER.matcher(page); m.find(); ) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private static JsonNode chartSpecs(String page) {
    try {
      return JSON.readTree(between(page, "<script type=\"application/json\" id=\"fracnet-charts\">", "</script>"));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> chartOptionIds(String page) {
    List<String> ids = new ArrayList<>();
    chartSpecs(page).forEach(s -> ids.add(s.path("id").asText()));
    return ids;
  }

  private static String between(String s, String start, String end) {
    int from = s.indexOf(start);
    assertThat(from).as(start).isNotNegative();
    from += start.length();
    return s.substring(from, s.indexOf(end, from));
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }
}
