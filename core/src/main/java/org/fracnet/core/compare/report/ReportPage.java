package org.fracnet.core.compare.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.fracnet.core.compare.report.ChartOptions.Series;
import org.fracnet.core.compare.report.ChartOptions.ValueFormat;
import org.fracnet.core.compare.report.Results.Candidate;
import org.fracnet.core.metrics.Metric;

/**
 * The content of the page, section by section, in reading order: the verdict, the four kinds of
 * chart, the tables. Collects the ECharts option of every chart container it writes. A section
 * whose data are missing from the results says so instead of drawing an empty chart.
 */
final class ReportPage {
  /** A difference is called significant when its adjusted p-value is below this. */
  static final double ALPHA = 0.05;
  /** Above this many classes the class axis shows names only, slanted. */
  private static final int MAX_CLASSES_WITH_MEANS = 12;

  private final Results r;
  private final StringBuilder out = new StringBuilder(1 << 16);
  private final ArrayNode charts = JsonNodeFactory.instance.arrayNode();

  ReportPage(Results results) {
    this.r = results;
  }

  /** The content of {@code <main>}. Call once. */
  String main(String chartLibraryVersion) {
    header();
    verdict();
    perClassError();
    predictedAgainstTrue();
    calibration();
    learningCurves();
    metricTable();
    comparisons();
    candidateSettings();
    dropped();
    out.append("<footer>Written by fracnet ").append(Html.text(textOr(r.root().path("fracnet_version"), "")))
        .append(" from its results.json. Charts drawn by Apache ECharts ").append(Html.text(chartLibraryVersion))
        .append(" (Apache License 2.0), inlined: this page loads nothing from the network.</footer>\n");
    return out.toString();
  }

  /** Every chart drawn by the page: {@code {"id", "option", "format"}}, in page order. */
  ArrayNode charts() {
    return charts;
  }

  private void header() {
    JsonNode root = r.root();
    String data = textOr(root.path("data"), "unnamed data");
    out.append("<h1>fracnet compare: ").append(Html.text(data)).append("</h1>\n");
    List<String> facts = new ArrayList<>();
    addIf(facts, Results.number(root.path("rows")), v -> Html.number(v, 12) + " rows");
    facts.add(r.classes().size() + " classes");
    facts.add(r.candidates().size() + (r.candidates().size() == 1 ? " candidate" : " candidates"));
    Double folds = Results.number(root.path("folds"));
    Double repeats = Results.number(root.path("repeats"));
    if (folds != null) {
      facts.add(Html.number(folds, 6) + " folds" + (repeats != null && repeats > 1 ? " \u00d7 " + Html.number(repeats, 6) + " repeats" : ""));
    }
    addIf(facts, Results.text(root.path("group")), g -> "grouped by " + g);
    addIf(facts, Results.text(root.path("network")), n -> "network " + n);
    addIf(facts, Results.text(root.path("budget")), b -> "budget " + b);
    addIf(facts, Results.text(root.path("seed")), s -> "seed " + s);
    out.append("<p class=\"meta\">").append(Html.text(String.join(" \u00b7 ", facts))).append("</p>\n");
    for (JsonNode n : Results.elements(root.path("data_notes"))) {
      String text = Results.text(n);
      if (text != null) {
        note("Reading the data: " + text);
      }
    }
  }

  private void verdict() {
    out.append("<section id=\"verdict\">\n<h2>Verdict</h2>\n");
    JsonNode v = r.root().path("verdict");
    List<String> paragraphs = new ArrayList<>();
    if (Results.text(v) != null) {
      paragraphs.add(Results.text(v));
    }
    for (JsonNode p : Results.elements(v)) {
      String s = Results.text(p);
      if (s != null && !s.isBlank()) {
        paragraphs.add(s);
      }
    }
    if (paragraphs.isEmpty()) {
      missing("results.json has no verdict.");
    }
    paragraphs.forEach(p -> out.append("<p>").append(Html.text(p)).append("</p>\n"));
    out.append("</section>\n");
  }

  private void perClassError() {
    section("per-class-error", "Per-class error by candidate");
    List<Candidate> cands = r.candidates();
    if (cands.isEmpty() || r.classes().isEmpty()) {
      missing("results.json has no candidates or no classes.");
      out.append("</section>\n");
      return;
    }
    note("Relative error of the mean: (mean predicted \u2212 mean true) / mean true, per class; 0 means the"
        + " class's share is predicted without bias, \u221240 % means it is predicted 40 % too small."
        + " MSE skill: 1 \u2212 the class's MSE / the MSE of always predicting its mean (the training folds'),"
        + " row by row; above 0 the candidate tells the class's rows apart, at or below 0 it does no better than"
        + " the constant, however close its mean. Each class's share of the KL is in results.json"
        + " (per_class.kl)." + smallClassNote());
    legend(cands, c -> "");
    bars("relative_error_of_mean", 100, "Relative error of the mean, per class", "chart-relative-error",
        "relative error of the mean (%)", ValueFormat.PERCENT);
    bars("mse_skill", 100, "MSE skill against the class's constant mean, per class", "chart-mse-skill",
        "MSE skill (%)", ValueFormat.PERCENT);
    out.append("</section>\n");
  }

  private void bars(String field, double scale, String title, String id, String axisName, ValueFormat format) {
    out.append("<h3>").append(Html.text(title)).append("</h3>\n");
    List<List<Double>> values = new ArrayList<>();
    boolean any = false;
    for (Candidate c : r.candidates()) {
      List<Double> row = new ArrayList<>();
      for (String k : r.classes()) {
        Double v = c.perClass(k, field);
        row.add(v == null ? null : v * scale);
        any |= v != null;
      }
      values.add(row);
    }
    if (!any) {
      missing("results.json has no per_class." + field + " values.");
      return;
    }
    List<String> names = r.candidates().stream().map(Candidate::id).toList();
    List<String> colors = r.candidates().stream().map(Candidate::color).toList();
    chart(id, "wide", title, ChartOptions.groupedBars(classLabels(), names, colors, values, axisName, format), format);
    ChartOptions.BarLimit limit = ChartOptions.barLimit(values);
    if (limit != null) {
      List<String> cut = new ArrayList<>();
      for (int s = 0; s < values.size(); s++) {
        for (int k = 0; k < r.classes().size(); k++) {
          Double v = values.get(s).get(k);
          if (limit.cuts(v)) {
            cut.add(names.get(s) + ", " + r.classes().get(k) + ": " + (v > 0 ? "+" : "") + Html.number(v, 3)
                + (format == ValueFormat.PERCENT ? " %" : ""));
          }
        }
      }
      int shown = Math.min(cut.size(), 40); // all of them, as a printed page cannot be hovered, within reason
      String end = (limit.above() && limit.below() ? "\u00b1" : limit.below() ? "\u2212" : "")
          + Html.number(limit.limit(), 3) + (format == ValueFormat.PERCENT ? " %" : "");
      note("The axis ends at " + end + " so that the other bars stay readable; "
          + (cut.size() == 1 ? "one bar goes" : cut.size() + " bars go") + " beyond it and "
          + (cut.size() == 1 ? "is" : "are") + " cut at the edge (hatched, the value written along the bar): "
          + String.join("; ", cut.subList(0, shown))
          + (cut.size() > shown ? "; and " + (cut.size() - shown) + " more (hover a bar for its value)" : "") + ".");
    }
  }

  private void predictedAgainstTrue() {
    section("predicted-vs-true", "Predicted against true fractions");
    Candidate baseline = r.baseline();
    Candidate best = r.best(Metric.KL.key(), false);
    if (baseline == null) {
      missing("results.json has no candidates.");
      out.append("</section>\n");
      return;
    }
    List<Candidate> shown = baselineAndBest();
    note("Each point is one row, predicted by a model that did not see it (at most 400 rows per class);"
        + " on the dashed diagonal the prediction is exact. Points below it are predicted too small."
        + (shown.size() == 1 ? " The baseline (the first candidate) is also the best by KL." : "") + firstRepeat());
    legend(shown.size() == 1 ? shown : List.of(best, baseline),
        c -> c == baseline ? (c == best ? "baseline and best by KL" : "baseline (the first candidate)") : "best by KL");
    smallMultiples("scatter", shown, false, "true fraction", "predicted fraction", ReportPage::scatterPoints);
    out.append("</section>\n");
  }

  private void calibration() {
    section("calibration", "Calibration per class");
    Candidate baseline = r.baseline();
    Candidate best = r.best(Metric.KL.key(), false);
    // the best and the baseline, as the scatter: nine candidates' lines in one small chart cannot be told apart
    List<Candidate> shown = baselineAndBest();
    int others = r.candidates().size() - shown.size();
    note("Rows binned by their predicted fraction of the class: the mean prediction in each bin against the"
        + " mean true fraction of its rows. On the dashed diagonal a candidate's predictions mean what they say;"
        + " above it the class is under-predicted. The tooltip's third value is the weight of the bin's rows."
        + (others > 0 ? (shown.size() == 1 ? (best == null ? " The baseline is drawn"
            : " The baseline, which is also the best by KL, is drawn")
            : " The best by KL and the baseline are drawn") + "; the other " + (others == 1 ? "candidate's" : others
            + " candidates'") + " bins are in results.json (calibration)." : "") + firstRepeat());
    legend(shown, c -> shown.size() == 1 || baseline == null ? "" : c == baseline ? "baseline (the first candidate)"
        : "best by KL");
    smallMultiples("calibration", shown, true, "mean predicted fraction (bin)", "observed fraction",
        ReportPage::calibrationPoints);
    out.append("</section>\n");
  }

  /** One small chart per class that has points for at least one of {@code cands}, all against the diagonal. */
  private void smallMultiples(String field, List<Candidate> cands, boolean connect, String xName, String yName,
      Function<JsonNode, List<double[]>> reader) {
    List<String> without = new ArrayList<>();
    StringBuilder grid = new StringBuilder();
    int drawn = 0;
    for (int k = 0; k < r.classes().size(); k++) {
      String name = r.classes().get(k);
      List<Series> series = new ArrayList<>();
      for (Candidate c : cands) {
        List<double[]> points = reader.apply(c.node().path(field).path(name));
        if (!points.isEmpty()) {
          series.add(new Series(c.id(), c.color(), points));
        }
      }
      if (series.isEmpty()) {
        without.add(name);
        continue;
      }
      if (drawn++ == 0) {
        out.append("<div class=\"grid\">\n");
      }
      figure(name, "chart-" + field + "-" + k, ChartOptions.againstDiagonal(series, xName, yName, connect),
          field + " of class " + name);
    }
    if (drawn > 0) {
      out.append("</div>\n");
    }
    if (!without.isEmpty()) {
      missing("results.json has no " + field + " values for " + (without.size() == r.classes().size()
          ? "any class." : "the classes " + String.join(", ", without) + "."));
    }
  }

  private void figure(String className, String id, ObjectNode option, String label) {
    out.append("<figure><figcaption>").append(Html.text(className));
    if (r.smallClasses().contains(className)) {
      out.append(" *");
    }
    Double mean = r.classMean(className);
    if (mean != null) {
      out.append(" <span class=\"dim\">mean ").append(Html.text(Html.percent(mean))).append("</span>");
    }
    out.append("</figcaption>\n");
    chart(id, "small", label, option, null);
    out.append("</figure>\n");
  }

  private void learningCurves() {
    section("learning-curves", "Learning curves");
    note("Loss on the inner validation data by epoch, for the first fold (of the first repeat) with the setting its"
        + " search chose, with the training loss dashed. Each candidate"
        + " has its own scale: the losses are different functions, so only their shapes compare.");
    boolean drawn = false;
    List<String> without = new ArrayList<>();
    for (Candidate c : r.candidates()) {
      JsonNode curve = c.node().path("learning_curve");
      List<double[]> validation = byEpoch(curve, "validation_loss");
      List<double[]> training = byEpoch(curve, "training_loss");
      if (validation.isEmpty() && training.isEmpty()) {
        without.add(c.id());
        continue;
      }
      if (!drawn) {
        out.append("<div class=\"grid\">\n");
        drawn = true;
      }
      out.append("<figure><figcaption><span class=\"swatch\" style=\"background:").append(c.color())
          .append("\"></span> ").append(Html.text(c.id()));
      String loss = Results.text(c.node().path("loss"));
      if (loss != null && !loss.equals(c.id())) {
        out.append(" <span class=\"dim\">loss ").append(Html.text(loss)).append("</span>");
      }
      out.append("</figcaption>\n");
      chart("chart-learning-" + c.index(), "small", "learning curve of " + c.id(),
          ChartOptions.learningCurve(validation, training, c.color()), ValueFormat.NUMBER);
      out.append("</figure>\n");
    }
    if (drawn) {
      out.append("</div>\n");
    }
    if (!without.isEmpty()) {
      missing("results.json has no learning curve for " + String.join(", ", without) + ".");
    }
    out.append("</section>\n");
  }

  private void metricTable() {
    section("metrics", "Metrics");
    List<String> metrics = r.metrics();
    JsonNode reference = r.root().path("mean_predictor").path("metrics");
    reference = reference.isObject() ? reference : null;
    if (metrics.isEmpty()) {
      missing("results.json has no metrics.");
      out.append("</section>\n");
      return;
    }
    note("Each metric over all out-of-fold predictions, every row weighted as in training (hover a value for its"
        + " value per fold)."
        + " \u2193 lower is better, \u2191 higher is better. \u2605 and bold: the best candidate for the metric."
        + (reference == null ? "" : " The last column, for scale, always predicts the training folds' mean"
            + " fractions and ignores the features."));
    // one row per metric, one column per candidate: twelve metrics side by side would not fit a screen
    out.append("<div class=\"scroll\"><table id=\"metric-table\">\n<thead><tr><th class=\"text\">metric</th>");
    for (Candidate c : r.candidates()) {
      out.append("<th class=\"candidate\"><span class=\"swatch\" style=\"background:").append(c.color())
          .append("\"></span> ").append(Html.breakable(c.id())).append("</th>");
    }
    if (reference != null) {
      out.append("<th class=\"candidate dim\">mean fractions (no features)</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (String m : metrics) {
      Boolean higher = higherIsBetter(m);
      Candidate best = r.best(m, higher);
      Double referenceMean = reference == null ? null : Results.number(reference.path(m).path("mean"));
      List<Double> row = new ArrayList<>();
      r.candidates().forEach(c -> row.add(c.metricMean(m)));
      row.add(referenceMean);
      int decimals = Html.decimals(row, 4);
      for (int extra = 0; extra < 3 && best != null && printedAlike(best, m, decimals); extra++) {
        decimals++; // the star must not mark one of two numbers printed alike
      }
      out.append("<tr><th class=\"text\" scope=\"row\">").append(Html.text(m))
          .append(higher == null ? "" : higher ? "&nbsp;\u2191" : "&nbsp;\u2193").append("</th>");
      for (Candidate c : r.candidates()) {
        List<String> perFold = new ArrayList<>();
        for (JsonNode v : Results.elements(c.node().path("metrics").path(m).path("per_fold"))) {
          perFold.add(Html.number(Results.number(v), 4));
        }
        out.append("<td").append(best == c ? " class=\"best\"" : "");
        if (!perFold.isEmpty()) {
          out.append(" title=\"per fold: ").append(Html.text(String.join(", ", perFold))).append('"');
        }
        out.append('>').append(Html.text(Html.fixed(c.metricMean(m), decimals))).append(best == c ? "\u202f\u2605" : "")
            .append("</td>");
      }
      if (reference != null) {
        out.append("<td class=\"dim\">").append(Html.text(Html.fixed(referenceMean, decimals)))
            .append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody></table></div>\n</section>\n");
  }

  private void comparisons() {
    section("comparisons", "Comparisons");
    List<JsonNode> rows = new ArrayList<>();
    Results.elements(r.root().path("comparisons")).forEach(n -> {
      if (n.isObject()) {
        rows.add(n);
      }
    });
    String method = Results.text(r.root().path("method"));
    if (rows.isEmpty()) {
      missing("results.json has no comparisons.");
    } else {
      note("Difference: the metric of b minus that of a, with its 95 % confidence interval (not adjusted for the"
          + " number of comparisons). A row is shaded when the difference is significant, that is, its Holm-adjusted"
          + " p-value is below " + Html.number(ALPHA, 2) + ". p over folds: a second check, over the fold means,"
          + " that counts the noise of retraining; it has little power with few folds and is not adjusted for the"
          + " number of comparisons (see Method below).");
      // KL, the metric the verdict and the searches go by, in view; the other metrics folded away
      List<JsonNode> kl = rows.stream().filter(n -> Metric.KL.key().equals(Results.text(n.path("metric")))).toList();
      List<JsonNode> others = rows.stream().filter(n -> !Metric.KL.key().equals(Results.text(n.path("metric"))))
          .toList();
      comparisonTable("comparison-table", kl.isEmpty() ? others : kl);
      if (!kl.isEmpty() && !others.isEmpty()) {
        out.append("<details><summary>The other metrics (").append(others.size()).append(" comparisons)</summary>\n");
        comparisonTable("comparison-table-other", others);
        out.append("</details>\n");
      }
    }
    if (method != null) {
      out.append("<p class=\"note\"><strong>Method.</strong> ").append(Html.text(method)).append("</p>\n");
    }
    out.append("</section>\n");
  }

  /** A table of comparisons, one row each, shaded where significant. */
  private void comparisonTable(String id, List<JsonNode> rows) {
    out.append("<div class=\"scroll\"><table id=\"").append(id).append("\">\n<thead><tr><th class=\"text\">a</th>"
        + "<th class=\"text\">b</th><th class=\"text\">metric</th><th>difference</th><th>confidence interval</th>"
        + "<th>p</th><th>adjusted p</th><th class=\"text\">significant</th><th>p over folds</th></tr></thead>\n"
        + "<tbody>\n");
    for (JsonNode c : rows) {
      Double p = Results.number(c.path("p_value"));
      Double adjusted = Results.number(c.path("p_adjusted"));
      Double decisive = adjusted != null ? adjusted : p;
      boolean significant = decisive != null && decisive < ALPHA;
      List<Double> ci = new ArrayList<>();
      Results.elements(c.path("ci")).forEach(v -> ci.add(Results.number(v)));
      out.append(significant ? "<tr class=\"significant\">" : "<tr>");
      cell(true, textOr(c.path("a"), "\u2013"));
      cell(true, textOr(c.path("b"), "\u2013"));
      cell(true, textOr(c.path("metric"), "\u2013"));
      cell(false, Html.number(Results.number(c.path("difference")), 3));
      cell(false, ci.size() == 2 ? "[" + Html.number(ci.get(0), 3) + ", " + Html.number(ci.get(1), 3) + "]" : "\u2013");
      cell(false, pValue(p));
      cell(false, pValue(adjusted));
      cell(true, decisive == null ? "\u2013" : significant ? "yes" : "no");
      cell(false, pValue(Results.number(c.path("p_across_folds"))));
      out.append("</tr>\n");
    }
    out.append("</tbody></table></div>\n");
  }

  private void candidateSettings() {
    section("candidates", "Candidates and the settings their tuning chose");
    if (r.candidates().isEmpty()) {
      missing("results.json has no candidates.");
      out.append("</section>\n");
      return;
    }
    note("Parameters: those a candidate names, then the loss's defaults for the others.");
    out.append("<div class=\"scroll\"><table id=\"candidate-table\">\n<thead><tr><th class=\"text\">candidate</th>"
        + "<th class=\"text\">loss</th><th class=\"text\">parameters</th><th>learning rate</th><th>weight decay</th>"
        + "<th>epochs</th></tr></thead>\n<tbody>\n");
    for (Candidate c : r.candidates()) {
      List<String> parameters = new ArrayList<>();
      JsonNode resolved = c.node().path("resolved_parameters");
      (resolved.isObject() && resolved.size() > 0 ? resolved : c.node().path("parameters")).fields()
          .forEachRemaining(e -> parameters.add(e.getKey() + "=" + textOr(e.getValue(), "")));
      JsonNode chosen = c.node().path("chosen");
      out.append("<tr>");
      cell(true, c.id());
      cell(true, textOr(c.node().path("loss"), "\u2013"));
      cell(true, parameters.isEmpty() ? "\u2013" : String.join(", ", parameters));
      cell(false, distinct(chosen, "learning_rate"));
      cell(false, distinct(chosen, "weight_decay"));
      cell(false, range(chosen, "epochs"));
      out.append("</tr>\n");
    }
    out.append("</tbody></table></div>\n</section>\n");
  }

  // --- pieces -------------------------------------------------------------------------------

  /** The candidates that could not be trained, with their reasons; nothing when there are none. */
  private void dropped() {
    List<String> items = new ArrayList<>();
    for (JsonNode d : Results.elements(r.root().path("dropped"))) {
      String id = Results.text(d.path("id"));
      if (id != null) {
        items.add("<li><strong>" + Html.text(id) + "</strong>: " + Html.text(textOr(d.path("reason"), "no reason given"))
            + "</li>");
      }
    }
    if (items.isEmpty()) {
      return;
    }
    section("dropped", "Candidates left out");
    note("These could not be trained on every fold, so the comparison above leaves them out.");
    out.append("<ul>\n").append(String.join("\n", items)).append("\n</ul>\n</section>\n");
  }

  private void chart(String id, String size, String label, ObjectNode option, ValueFormat format) {
    out.append("<div class=\"chart ").append(size).append("\" id=\"").append(id).append("\" role=\"img\" aria-label=\"")
        .append(Html.text(label)).append("\"></div>\n");
    ObjectNode spec = charts.addObject().put("id", id);
    spec.set("option", option);
    if (format != null) {
      spec.put("format", format.name());
    }
  }

  /** The candidates' colours and ids, each followed by {@code role} (when not empty). */
  private void legend(List<Candidate> cands, Function<Candidate, String> role) {
    out.append("<ul class=\"legend\">");
    for (Candidate c : cands) {
      String what = role.apply(c);
      out.append("<li><span class=\"swatch\" style=\"background:").append(c.color()).append("\"></span>")
          .append(Html.text(c.id()));
      if (!what.isEmpty()) {
        out.append(" <span class=\"dim\">(").append(Html.text(what)).append(")</span>");
      }
      out.append("</li>");
    }
    out.append("</ul>\n");
  }

  /**
   * The candidates the scatter and calibration charts draw: the baseline, then the best by KL when
   * it is another; none without candidates.
   */
  private List<Candidate> baselineAndBest() {
    Candidate baseline = r.baseline();
    Candidate best = r.best(Metric.KL.key(), false);
    return baseline == null ? List.of() : best == null || best == baseline ? List.of(baseline)
        : List.of(baseline, best);
  }

  /** Whether another candidate's mean of {@code metric} prints as the best's does with {@code decimals} places. */
  private boolean printedAlike(Candidate best, String metric, int decimals) {
    String shown = Html.fixed(best.metricMean(metric), decimals);
    return r.candidates().stream().anyMatch(c -> c != best && Html.fixed(c.metricMean(metric), decimals).equals(shown));
  }

  /** Class names for a category axis: a star for a small class, and the class mean when there is room. */
  private List<String> classLabels() {
    boolean withMeans = r.classes().size() <= MAX_CLASSES_WITH_MEANS;
    List<String> labels = new ArrayList<>();
    for (String k : r.classes()) {
      Double mean = r.classMean(k);
      labels.add(k + (r.smallClasses().contains(k) ? " *" : "") + (withMeans && mean != null ? "\nmean " + Html.percent(mean) : ""));
    }
    return labels;
  }

  private String smallClassNote() {
    Set<String> small = r.smallClasses();
    return small.isEmpty() ? "" : " * marks a small class (" + String.join(", ", small) + ").";
  }

  /** For charts drawn from one repeat's predictions: says so when there were several. */
  private String firstRepeat() {
    Double repeats = Results.number(r.root().path("repeats"));
    return repeats != null && repeats > 1 ? " Drawn from the first repeat's predictions." : "";
  }

  private void section(String id, String title) {
    out.append("<section id=\"").append(id).append("\">\n<h2>").append(Html.text(title)).append("</h2>\n");
  }

  private void note(String text) {
    out.append("<p class=\"note\">").append(Html.text(text)).append("</p>\n");
  }

  private void missing(String text) {
    out.append("<p class=\"missing\">").append(Html.text(text)).append("</p>\n");
  }

  private void cell(boolean text, String value) {
    out.append(text ? "<td class=\"text\">" : "<td>").append(Html.text(value)).append("</td>");
  }

  private static Boolean higherIsBetter(String metric) {
    for (Metric m : Metric.values()) {
      if (m.key().equals(metric)) {
        return m.higherIsBetter();
      }
    }
    return "aitchison".equals(metric) ? Boolean.FALSE : null;
  }

  /** {@code [true, predicted]} pairs. */
  private static List<double[]> scatterPoints(JsonNode array) {
    List<double[]> out = new ArrayList<>();
    for (JsonNode p : Results.elements(array)) {
      Double x = Results.number(p.path(0));
      Double y = Results.number(p.path(1));
      if (x != null && y != null) {
        out.add(new double[] {x, y});
      }
    }
    return out;
  }

  /** {@code [predicted, observed, weight]} per bin; the weight is left out when missing. */
  private static List<double[]> calibrationPoints(JsonNode array) {
    List<double[]> out = new ArrayList<>();
    for (JsonNode bin : Results.elements(array)) {
      Double x = Results.number(bin.path("predicted"));
      Double y = Results.number(bin.path("observed"));
      Double w = Results.number(bin.path("weight"));
      if (x != null && y != null) {
        out.add(w == null ? new double[] {x, y} : new double[] {x, y, w});
      }
    }
    return out;
  }

  /** {@code [epoch, loss]} pairs of {@code curve.field}; epochs 1, 2, ... when the curve lists none. */
  private static List<double[]> byEpoch(JsonNode curve, String field) {
    List<double[]> out = new ArrayList<>();
    JsonNode epochs = curve.path("epochs");
    int i = 0;
    for (JsonNode v : Results.elements(curve.path(field))) {
      Double loss = Results.number(v);
      Double epoch = epochs.isArray() ? Results.number(epochs.path(i)) : Double.valueOf(i + 1);
      if (loss != null && epoch != null) {
        out.add(new double[] {epoch, loss});
      }
      i++;
    }
    return out;
  }

  /** The distinct values of {@code field} over the chosen settings, each with its number of folds when they differ. */
  private static String distinct(JsonNode chosen, String field) {
    Map<Double, Integer> counts = new TreeMap<>();
    Results.elements(chosen).forEach(c -> {
      Double v = Results.number(c.path(field));
      if (v != null) {
        counts.merge(v, 1, Integer::sum);
      }
    });
    if (counts.size() <= 1) {
      return counts.isEmpty() ? "\u2013" : Html.number(counts.keySet().iterator().next(), 3);
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((v, n) -> parts.add(Html.number(v, 3) + " (" + n + "\u00d7)"));
    return String.join(", ", parts);
  }

  private static String range(JsonNode chosen, String field) {
    TreeSet<Double> values = new TreeSet<>();
    Results.elements(chosen).forEach(c -> {
      Double v = Results.number(c.path(field));
      if (v != null) {
        values.add(v);
      }
    });
    if (values.isEmpty()) {
      return "\u2013";
    }
    return values.size() == 1 ? Html.number(values.first(), 6)
        : Html.number(values.first(), 6) + "\u2013" + Html.number(values.last(), 6);
  }

  private static String textOr(JsonNode node, String fallback) {
    String s = Results.text(node);
    return s == null ? fallback : s;
  }

  private static <T> void addIf(List<String> facts, T value, Function<T, String> format) {
    if (value != null) {
      facts.add(format.apply(value));
    }
  }

  /** A p-value as people read one: two significant digits, or {@code < 0.0001} below it. */
  private static String pValue(Double p) {
    return p == null ? Html.number(null, 2) : p < 1e-4 ? "< 0.0001" : Html.number(p, 2);
  }
}
