package org.fracnet.core.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.internal.PlainNumbers;
import org.fracnet.core.metrics.Metric;

/** {@code summary.md}: the verdict, then the tables, as Markdown that reads in a terminal. */
final class Summary {
  private final ComparisonResult r;
  private final Dataset data;
  private final CompareConfig config;

  Summary(ComparisonResult r, Dataset data, CompareConfig config) {
    this.r = r;
    this.data = data;
    this.config = config;
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Which loss for ").append(data.source()).append("\n\n");
    md.append(String.format(Locale.ROOT, "%d rows, %d classes; %d-fold cross-validation%s%s, budget %s, seed %d%s.%n%n",
        data.rows(), data.classCount(), config.folds(), config.repeats() > 1 ? " repeated " + config.repeats() + " times" : "",
        config.groupByIds() ? ", groups by " + data.idColumn() : "", config.budget().id(), config.seed(),
        r.kept().isEmpty() ? "" : "; network " + r.kept().get(0).network));
    if (!r.dataNotes().isEmpty()) {
      md.append("Reading the data noted:\n\n");
      r.dataNotes().forEach(n -> md.append("- ").append(n).append('\n'));
      md.append('\n');
    }
    md.append("## Verdict\n\n");
    for (String s : r.verdict()) {
      md.append("- ").append(s).append('\n');
    }
    md.append("\n## Metrics (out-of-fold, mean; best in bold)\n\n");
    List<String> ids = r.kept().stream().map(x -> x.candidate.id()).toList();
    List<String> header = new ArrayList<>(List.of("candidate"));
    for (Metric m : Metric.values()) {
      header.add(m.key() + (m.higherIsBetter() ? " (higher better)" : ""));
    }
    List<List<String>> rows = new ArrayList<>();
    for (String id : ids) {
      List<String> row = new ArrayList<>(List.of(id));
      for (Metric m : Metric.values()) {
        String v = String.format(Locale.ROOT, "%.5f", r.mean(id, m));
        row.add(id.equals(r.best(m)) ? "**" + v + "**" : v);
      }
      rows.add(row);
    }
    List<String> reference = new ArrayList<>(List.of("_mean fractions, no features_"));
    for (Metric m : Metric.values()) {
      reference.add(String.format(Locale.ROOT, "_%.5f_", r.meanPredictor().mean().get(m)));
    }
    rows.add(reference);
    table(md, header, rows);
    md.append("\nThe last row, for scale, always predicts the training folds' mean fractions.\n");
    md.append(r.smallClasses().isEmpty() ? "\n## Every class: relative error of the mean (predicted / true - 1)\n\n"
        : "\n## Small classes and every class: relative error of the mean (predicted / true - 1)\n\n");
    perClassTable(md, ids, "relative_error_of_mean");
    md.append("\n## Every class: MSE skill against the class's constant mean (1 - MSE / the mean predictor's MSE)\n\n");
    perClassTable(md, ids, ComparisonResult.MSE_SKILL);
    md.append("\nAbove 0, a candidate predicts the class's fraction row by row better than always predicting its"
        + " mean; at or below 0, the features tell it nothing about the class.\n");
    String best = r.best(Metric.KL);
    md.append("\n## Paired tests in KL against the best (").append(best).append(")\n\n");
    rows = new ArrayList<>();
    for (String id : ids) {
      if (id.equals(best)) {
        continue;
      }
      ComparisonResult.Test t = r.test(best, id, Metric.KL);
      rows.add(List.of(id, signed("%+.5f", t.difference()),
          "[" + signed("%+.5f", t.low()) + ", " + signed("%+.5f", t.high()) + "]", Verdict.p(t.p()), Verdict.p(t.adjusted()),
          t.adjusted() < ComparisonResult.ALPHA ? "yes" : "no", Double.isFinite(t.foldP()) ? Verdict.p(t.foldP()) : "-"));
    }
    table(md, List.of("candidate", "KL minus best", "95 % CI", "p", "Holm-adjusted p", "significant", "p over folds"),
        rows);
    md.append("\np over folds: a second check, over the fold means, that counts the noise of retraining; it has little"
        + " power with few folds and is not adjusted for the number of comparisons (see Method).\n");
    md.append("\nEvery pair and metric is in results.json (\"comparisons\").\n\n## Settings chosen by each candidate's search\n\n");
    rows = new ArrayList<>();
    for (Comparison.Runs run : r.kept()) {
      for (Map<String, Object> c : run.chosen) {
        rows.add(List.of(run.candidate.id(), String.valueOf(c.get("repeat")), String.valueOf(c.get("fold")),
            plain(c.get("learning_rate")), plain(c.get("weight_decay")), String.valueOf(c.get("epochs"))));
      }
    }
    table(md, List.of("candidate", "repeat", "fold", "learning rate", "weight decay", "epochs kept"), rows);
    if (!r.droppedRuns().isEmpty()) {
      md.append("\n## Candidates that could not be trained\n\n");
      for (Comparison.Runs d : r.droppedRuns()) {
        md.append("- ").append(d.candidate.id()).append(": ").append(d.failure).append('\n');
      }
    }
    md.append("\n## Method\n\n").append(Statistics.METHOD).append('\n');
    return md.toString();
  }

  /** One row per candidate, one column per class (with its share), of a per-class value in %. */
  private void perClassTable(StringBuilder md, List<String> ids, String field) {
    List<String> header = new ArrayList<>(List.of("candidate"));
    for (String cls : data.classNames()) {
      header.add(String.format(Locale.ROOT, "%s (%.1f %%)", cls, 100 * r.classMean(cls)));
    }
    List<List<String>> rows = new ArrayList<>();
    for (String id : ids) {
      List<String> row = new ArrayList<>(List.of(id));
      Map<String, Map<String, Double>> perClass = r.metrics(id).perClass();
      for (String cls : data.classNames()) {
        double v = perClass.get(cls).get(field);
        row.add(Double.isFinite(v) ? signed("%+.1f", 100 * v) + " %" : "-");
      }
      rows.add(row);
    }
    table(md, header, rows);
  }

  private static void table(StringBuilder md, List<String> header, List<List<String>> rows) {
    md.append("| ").append(String.join(" | ", header)).append(" |\n|");
    for (int i = 0; i < header.size(); i++) {
      md.append(" --- |");
    }
    md.append('\n');
    for (List<String> row : rows) {
      md.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
  }

  /** A setting as written by hand: {@code 0.0001} and {@code 0}, not {@code 1.0E-4} and {@code 0.0}. */
  static String plain(Object value) {
    return value instanceof Double d && Double.isFinite(d) ? PlainNumbers.plain(d) : String.valueOf(value);
  }

  /**
   * {@code value} formatted with a sign, without the sign when it rounds to zero: {@code -0.0000001}
   * reads {@code 0.00000}, not {@code -0.00000}.
   */
  static String signed(String format, double value) {
    String text = String.format(Locale.ROOT, format, value);
    return text.matches("[+-][0.]+") ? text.substring(1) : text;
  }
}
