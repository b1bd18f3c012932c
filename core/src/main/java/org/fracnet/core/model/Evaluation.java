package org.fracnet.core.model;

import java.util.Locale;
import java.util.Map;
import org.fracnet.core.metrics.Metric;
import org.fracnet.core.metrics.MetricReport;
import org.fracnet.core.metrics.Metrics;

/**
 * A model's metrics on labelled rows, overall and per class, next to those of the mean predictor
 * (always predicting the training rows' mean fractions): the baseline a model must beat to have
 * learned anything from the features. Row weights (counts) weight every metric.
 *
 * @param model the model's metrics
 * @param meanPredictor the mean predictor's metrics on the same rows
 */
public record Evaluation(MetricReport model, MetricReport meanPredictor) {
  /**
   * The evaluation as JSON text, as {@code fracnet evaluate --json} prints it: {@code {"overall":
   * {metric: value}, "per_class": {class: {field: value}}, "rows": n, "mean_predictor": {"overall":
   * ..., "per_class": ...}}}.
   */
  public String toJson() {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper()
        .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
    com.fasterxml.jackson.databind.node.ObjectNode root = json.createObjectNode();
    root.set("overall", json.valueToTree(model.overallByKey()));
    root.set("per_class", json.valueToTree(model.perClass()));
    root.put("rows", model.rows());
    com.fasterxml.jackson.databind.node.ObjectNode reference = root.putObject("mean_predictor");
    reference.set("overall", json.valueToTree(meanPredictor.overallByKey()));
    reference.set("per_class", json.valueToTree(meanPredictor.perClass()));
    try {
      return json.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("an evaluation's numbers are always JSON", e);
    }
  }

  /** Whether the model's KL divergence is lower than the mean predictor's. */
  public boolean beatsMeanPredictor() {
    return model.get(Metric.KL) < meanPredictor.get(Metric.KL);
  }

  /**
   * A warning when the model is no better than the mean predictor (else {@code null}): it may
   * overfit, or the features may say little about the targets.
   *
   * @param trainingRows rows the model was trained on
   * @param features its number of features
   */
  public String warning(int trainingRows, int features) {
    return warning(trainingRows, features, 0);
  }

  /**
   * As {@link #warning(int, int)}, but when training ran to its last epoch {@code stillFalling}
   * (0 for none) with the held-out loss still falling, the warning says the model may need more
   * training rather than that it may overfit.
   *
   * @param trainingRows rows the model was trained on
   * @param features its number of features
   * @param stillFalling the last epoch, when the held-out loss fell at it and it was the last
   *     allowed; else 0
   */
  public String warning(int trainingRows, int features, int stillFalling) {
    if (beatsMeanPredictor()) {
      return null;
    }
    String noBetter = String.format(Locale.ROOT, "on the held-out rows the model is no better than always"
        + " predicting the training mean (KL %.5f vs %.5f)", model.get(Metric.KL), meanPredictor.get(Metric.KL));
    return stillFalling > 0
        ? String.format(Locale.ROOT, "%s, and its held-out loss was still falling at the last epoch (%d): it may"
            + " need more training; try epochs(%d)", noBetter, stillFalling, Math.max(10, 4 * stillFalling))
        : String.format(Locale.ROOT, "%s: with %d training rows and %d features it may overfit, or the features"
            + " may say little about the targets; try stronger regularisation, e.g. Architecture.mlp(8) with"
            + " weightDecay(0.1), or Architecture.linear() with weightDecay(1)", noBetter, trainingRows, features);
  }

  /**
   * The overall metrics side by side, and the per-class ones as a plain-text table, with the mean
   * predictor's MSE for each class and the model's MSE skill against it.
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "evaluated on %d rows%n%-16s %12s %14s%n", model.rows(), "metric", "model",
        "mean predictor"));
    for (Metric metric : Metric.values()) {
      out.append(String.format(Locale.ROOT, "%-16s %12.6f %14.6f%s%n", metric.key(), model.get(metric),
          meanPredictor.get(metric), metric.higherIsBetter() ? "  (higher is better)" : ""));
    }
    out.append(System.lineSeparator());
    String[] cols = {"mean_target", "mean_predicted", "relative_error_of_mean", "mse", "mae", "kl"};
    out.append(String.format(Locale.ROOT, "%-14s", "class"));
    for (String c : cols) {
      out.append(String.format(Locale.ROOT, " %14s", c.length() > 14 ? "rel_err_mean" : c));
    }
    out.append(String.format(Locale.ROOT, " %14s %14s", "mse_mean_pred", "mse_skill"));
    out.append(System.lineSeparator());
    for (Map.Entry<String, Map<String, Double>> e : model.perClass().entrySet()) {
      out.append(String.format(Locale.ROOT, "%-14s", e.getKey()));
      for (String c : cols) {
        out.append(String.format(Locale.ROOT, " %14.6f", e.getValue().get(c)));
      }
      Map<String, Double> constant = meanPredictor.perClass().get(e.getKey());
      double skill = Metrics.mseSkill(e.getValue().get(Metric.MSE.key()), constant);
      out.append(String.format(Locale.ROOT, " %14.6f %14s", constant.get(Metric.MSE.key()),
          Double.isNaN(skill) ? "-" : String.format(Locale.ROOT, "%+.1f %%", 100 * skill)));
      out.append(System.lineSeparator());
    }
    out.append("mse_mean_pred: the per-class MSE of the mean predictor; mse_skill: 1 - mse / mse_mean_pred, above 0"
        + " when the model predicts the class row by row better than its constant mean").append(System.lineSeparator());
    return out.toString();
  }
}
