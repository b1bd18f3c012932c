package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import org.fracnet.core.compare.report.HtmlReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compare's {@code index.html} in a real browser: Debian's headless Chromium loads the page from
 * a file (it has no network to reach, and the page's Content-Security-Policy would block any
 * load), and the test reads back the DOM it rendered.
 *
 * <p>How "drawn" is decided: the page draws with ECharts' SVG renderer, so each chart's shapes are
 * elements in the DOM that {@code --dump-dom} prints. Each chart container must carry
 * {@code data-rendered} (set by the page when ECharts reports the chart finished) and hold at
 * least one SVG {@code <path>} per bar, point or line of its data, counted from the chart's own
 * options in the page. Console output of any level fails the test: Chromium's log on stderr lists
 * every console message, uncaught error and blocked load, and the page itself prints none.
 *
 * <p>The test installs nothing: without {@code /usr/bin/chromium} (Debian package
 * {@code chromium}; {@code .ci/run} installs it) it is skipped, saying so. Another browser binary
 * can be named with {@code -Dfracnet.chromium=PATH}.
 */
class ReportInBrowserIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DEMO_RESULTS =
      Path.of("../core/src/test/resources/org/fracnet/core/compare/report/results.json");
  private static final Pattern CONTAINER = Pattern.compile(
      "<div class=\"chart [a-z ]+\" id=\"([^\"]+)\"((?:\\s+[^\\s=>]+(?:=\"[^\"]*\")?)*)\\s*>");
  private static final Pattern CONSOLE = Pattern.compile(".*:CONSOLE[:(].*");

  @TempDir
  Path dir;

  /** What Chromium printed for a page: the DOM after rendering, and its console lines. */
  record Rendered(String dom, List<String> console) {}

  @Test
  void everyChartOfTheDemoReportIsDrawnAndNothingIsLogged() throws Exception {
    Path page = dir.resolve(HtmlReport.FILE_NAME);
    HtmlReport.write(JSON.readTree(DEMO_RESULTS.toFile()), page);
    Rendered r = render(page);
    assertThat(r.console()).as("console messages").isEmpty();
    // per-class error (1 chart: these results predate the MSE skill's), predicted against true and
    // calibration (one per class), a learning curve per candidate
    assertEveryChartDrawn(Files.readString(page, StandardCharsets.UTF_8), r.dom(), 1 + 6 + 6 + 4);

    Path shot = Path.of("target", "report-shot.png").toAbsolutePath(); // for a person to look at
    Files.createDirectories(shot.getParent());
    Cli.Result s = chromium(List.of("--hide-scrollbars", "--window-size=1400,3000", "--screenshot=" + shot, page.toUri().toString()));
    assertThat(shot).as("screenshot; stderr was:%n%s", s.err()).exists();
    assertThat(inkedFraction(ImageIO.read(shot.toFile()))).as("share of non-white pixels").isGreaterThan(0.05);
  }

  /** The page a real {@code fracnet compare} run writes, from the shaded CLI jar. */
  @Test
  void theReportOfARealCompareRunIsDrawn() throws Exception {
    chromiumBinary();
    Cli.run(dir, "compare", "--candidates", "cross-entropy,mse", "--budget", "quick", "--folds", "3", "--quiet",
        "--report", "real").expectSuccess();
    Path page = dir.resolve("real").resolve(HtmlReport.FILE_NAME);
    Rendered r = render(page);
    assertThat(r.console()).as("console messages").isEmpty();
    // per-class error (2 charts), predicted against true and calibration (one per class), a learning curve each
    assertEveryChartDrawn(Files.readString(page, StandardCharsets.UTF_8), r.dom(), 2 + 6 + 6 + 2);
  }

  /** The upper end of what compare reports: 30 classes, 15 candidates, 400 points per class, hostile names. */
  @Test
  void thirtyClassesFifteenCandidatesAndHostileNamesAreDrawnWithoutRunningAnyOfThem() throws Exception {
    Path page = dir.resolve(HtmlReport.FILE_NAME);
    HtmlReport.write(large(), page);
    // ECharts writes tooltips as HTML: show the ones that name the hostile class and candidate
    String html = Files.readString(page, StandardCharsets.UTF_8);
    int end = html.lastIndexOf("</body>");
    Files.writeString(page, html.substring(0, end) + "<script>\nsetTimeout(function () {\n"
        + "  echarts.getInstanceByDom(document.getElementById('chart-relative-error'))"
        + ".dispatchAction({type: 'showTip', seriesIndex: 3, dataIndex: 29});\n"
        + "  document.body.setAttribute('data-tooltips', 'shown');\n}, 100);\n</script>\n"
        + html.substring(end), StandardCharsets.UTF_8);
    Rendered r = render(page);
    assertThat(r.console()).as("console messages").isEmpty();
    assertEveryChartDrawn(html, r.dom(), 2 + 30 + 30 + 15);
    assertThat(r.dom()).contains("data-tooltips=\"shown\"")
        .doesNotContain("data-pwned=\"").doesNotContain("<i id=\"injected\"").doesNotContain("<img src=x")
        .contains("&lt;img src=x onerror=").contains("&lt;/script&gt;&lt;i id=\"injected\"&gt;x&lt;/i&gt;</span>");
  }

  /** The checks above can fail: a page whose charts throw is caught by both. */
  @Test
  void aPageWhoseChartsFailIsCaught() throws Exception {
    Path page = dir.resolve(HtmlReport.FILE_NAME);
    HtmlReport.write(JSON.readTree(DEMO_RESULTS.toFile()), page);
    String html = Files.readString(page, StandardCharsets.UTF_8);
    String broken = html.replace("chart.setOption(spec.option);", "chart.setOption(spec.option.no.such);");
    assertThat(broken).isNotEqualTo(html);
    Files.writeString(page, broken, StandardCharsets.UTF_8);
    Rendered r = render(page);
    assertThat(r.console()).isNotEmpty().anyMatch(line -> line.contains("could not be drawn"));
    assertThat(drawnShapes(r.dom()).values()).containsOnly(-1);
  }

  @Test
  void theShadedCliJarCarriesTheChartBundle() throws IOException {
    try (ZipFile jar = new ZipFile(Cli.jar().toFile())) {
      assertThat(jar.stream().map(e -> e.getName()))
          .anyMatch(n -> n.matches("META-INF/resources/webjars/echarts/[^/]+/dist/echarts\\.min\\.js"))
          .contains("META-INF/maven/org.webjars.npm/echarts/pom.properties")
          .noneMatch(n -> n.startsWith("META-INF/resources/webjars/echarts/") && n.endsWith(".map"));
    }
  }

  // --- the browser --------------------------------------------------------------------------

  private static Path chromiumBinary() {
    Path binary = Path.of(System.getProperty("fracnet.chromium", "/usr/bin/chromium"));
    assumeTrue(Files.isExecutable(binary), binary + " is not installed (Debian package chromium; .ci/run installs it):"
        + " the report's charts are not checked in a browser");
    return binary;
  }

  /** Chromium, headless, offline and with a fresh profile, on {@code args}. */
  private Cli.Result chromium(List<String> args) throws IOException, InterruptedException {
    Path binary = chromiumBinary();
    Path profile = Files.createTempDirectory(dir, "chromium-profile");
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
        "--virtual-time-budget=10000"));
    command.addAll(args);
    return Cli.runCommand(dir, Map.of(), 3, command);
  }

  private Rendered render(Path page) throws IOException, InterruptedException {
    Cli.Result r = chromium(List.of("--window-size=1400,3000", "--dump-dom", page.toUri().toString()));
    assertThat(r.out()).as("the rendered DOM; stderr was:%n%s", r.err()).contains("</html>");
    List<String> console = r.err().lines().filter(line -> CONSOLE.matcher(line).matches()).toList();
    return new Rendered(r.out(), console);
  }

  // --- what was drawn -----------------------------------------------------------------------

  /**
   * Every container the page has was drawn, with at least as many SVG paths as its data have
   * bars, points and lines.
   */
  private static void assertEveryChartDrawn(String html, String dom, int expectedCharts) throws IOException {
    Map<String, Integer> expected = expectedShapes(html);
    assertThat(expected).hasSize(expectedCharts);
    Map<String, Integer> drawn = drawnShapes(dom);
    assertThat(drawn.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach((id, min) -> assertThat(drawn.get(id)).as("SVG paths drawn in #%s", id).isGreaterThanOrEqualTo(min));
  }

  /** Per chart, the SVG paths its options call for: one per non-zero bar or point, one per line. */
  private static Map<String, Integer> expectedShapes(String html) throws IOException {
    String start = "<script type=\"application/json\" id=\"fracnet-charts\">";
    int from = html.indexOf(start) + start.length();
    JsonNode specs = JSON.readTree(html.substring(from, html.indexOf("</script>", from)));
    Map<String, Integer> out = new LinkedHashMap<>();
    for (JsonNode spec : specs) {
      int shapes = 0;
      for (JsonNode s : spec.path("option").path("series")) {
        if (s.path("type").asText().equals("line")) {
          shapes++;
        } else {
          for (JsonNode v : s.path("data")) {
            shapes += v.isArray() || (v.isNumber() && v.asDouble() != 0) ? 1 : 0;
          }
        }
      }
      assertThat(shapes).as("data in %s", spec.path("id").asText()).isPositive();
      out.put(spec.path("id").asText(), shapes);
    }
    return out;
  }

  /** Per chart container in the rendered DOM, its SVG paths, or -1 when the page did not mark it drawn. */
  private static Map<String, Integer> drawnShapes(String dom) {
    Map<String, Integer> out = new LinkedHashMap<>();
    Matcher m = CONTAINER.matcher(dom);
    List<int[]> spans = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<Boolean> marked = new ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
      ids.add(m.group(1));
      marked.add(m.group(2).contains(" data-rendered=\""));
    }
    for (int i = 0; i < ids.size(); i++) {
      int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : dom.length();
      String inside = dom.substring(spans.get(i)[1], end);
      out.put(ids.get(i), marked.get(i) && inside.contains("<svg") ? count(inside, "<path") : -1);
    }
    return out;
  }

  private static double inkedFraction(BufferedImage image) {
    long inked = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        inked += rgb == 0xffffff ? 0 : 1;
      }
    }
    return inked / (double) ((long) image.getWidth() * image.getHeight());
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }

  // --- a large, hostile results tree --------------------------------------------------------

  private static JsonNode large() {
    ObjectNode root = JSON.createObjectNode().put("data", "<script>document.body.setAttribute('data-pwned','1')</script>")
        .put("rows", 12000).put("folds", 5);
    List<String> classes = new ArrayList<>();
    for (int k = 0; k < 30; k++) {
      classes.add(k == 29 ? "<img src=x onerror=\"document.body.setAttribute('data-pwned','2')\">" : "class-" + k);
    }
    classes.forEach(root.putArray("classes")::add);
    Random random = new Random(7);
    ArrayNode candidates = root.putArray("candidates");
    for (int c = 0; c < 15; c++) {
      ObjectNode cand = candidates.addObject().put("id", c == 3 ? "</script><i id=\"injected\">x</i>" : "loss-" + c + "{w=" + c + "}")
          .put("loss", "loss-" + c);
      cand.putObject("metrics").putObject("kl").put("mean", 0.02 + 0.001 * c).putArray("per_fold").add(0.02).add(0.021);
      for (int k = 0; k < 30; k++) {
        String name = classes.get(k);
        double mean = 0.5 / (k + 1);
        cand.withObjectProperty("per_class").putObject(name).put("kl", 0.001 * random.nextGaussian())
            .put("relative_error_of_mean", 0.2 * random.nextGaussian()).put("mse_skill", 0.5 * random.nextGaussian());
        ArrayNode points = cand.withObjectProperty("scatter").putArray(name);
        for (int i = 0; i < 400; i++) {
          double t = mean * 2 * random.nextDouble();
          points.addArray().add(t).add(Math.max(0, t + 0.1 * mean * random.nextGaussian()));
        }
        ArrayNode bins = cand.withObjectProperty("calibration").putArray(name);
        for (int b = 1; b <= 10; b++) {
          bins.addObject().put("predicted", mean * b / 5).put("observed", mean * b / 5 * (1 + 0.1 * random.nextGaussian()))
              .put("weight", 40.0);
        }
      }
      ObjectNode curve = cand.putObject("learning_curve");
      for (int e = 1; e <= 60; e++) {
        curve.withArrayProperty("epochs").add(e);
        curve.withArrayProperty("validation_loss").add(1 + Math.exp(-e / 10.0));
        curve.withArrayProperty("training_loss").add(0.95 + Math.exp(-e / 9.0));
      }
    }
    root.putArray("verdict").add("No significant difference <b>at all</b>.");
    return root;
  }
}
