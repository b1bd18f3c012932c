package org.fracnet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.discovery.Plugins;
import org.fracnet.core.metrics.Metric;
import org.fracnet.core.metrics.MetricReport;
import org.fracnet.core.metrics.Metrics;
import org.fracnet.core.model.FittedModel;
import org.fracnet.core.model.LoadedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fracnet evaluate}: metrics of a model on a labelled file, overall and per class. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Evaluate a model on a CSV file with targets: metrics overall and per class, weighted by row weights.",
        "Without --data, evaluates on the bundled demo data."})
final class EvaluateCommand implements Callable<Integer> {
  private final Plugins plugins;

  @Option(names = "--model", paramLabel = "MODEL", defaultValue = "model.zip", description = "Model file. Default: ${DEFAULT-VALUE}.")
  Path model;

  @Option(names = "--data", paramLabel = "FILE", description = "CSV with the model's feature and class columns.")
  Path data;

  @Option(names = "--targets-are", paramLabel = "KIND", description = "fractions or counts (default: as in training).")
  String targetsAre;

  @Option(names = "--weight", paramLabel = "COL", description = "Column of positive row weights.")
  String weight;

  @Option(names = "--on-invalid", paramLabel = "POLICY", defaultValue = "error",
      description = "error, skip (drop invalid rows) or renormalize (divide rows of fractions by their sum). Default: ${DEFAULT-VALUE}.")
  String onInvalid;

  @Option(names = "--json", description = "Print JSON: {overall, per_class, rows}.")
  boolean json;

  @Spec
  CommandSpec spec;

  @Inject
  EvaluateCommand(Plugins plugins) {
    this.plugins = plugins;
  }

  @Override
  public Integer call() {
    LoadedModel loaded = LoadedModel.read(model, plugins.losses());
    FittedModel m = loaded.model();
    String kind = targetsAre != null ? targetsAre : String.valueOf(m.training().getOrDefault("targets_are", "fractions"));
    if (data == null && !m.classNames().equals(java.util.List.of(org.fracnet.core.data.DemoData.CLASSES))) {
      throw new org.fracnet.core.FracnetException(model + " was not trained on the bundled demo data (its classes are "
          + String.join(",", m.classNames()) + "); pass --data FILE with those columns");
    }
    Dataset d = TrainCommand.readData(data == null ? DemoFiles.file() : data,
        String.join(",", m.classNames()), kind, weight, String.join(",", m.featureNames()), null,
        onInvalid, spec.commandLine().getErr());
    MetricReport report = Metrics.evaluate(d.rows(), d.classNames(), d.targets(),
        loaded.predict(d.rows(), d.features()), d.weights());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode root = Json.MAPPER.createObjectNode();
      root.set("overall", Json.MAPPER.valueToTree(report.overallByKey()));
      root.set("per_class", Json.MAPPER.valueToTree(report.perClass()));
      root.put("rows", report.rows());
      out.println(Json.write(root));
      return 0;
    }
    MetricReport baseline = Metrics.evaluate(d.rows(), d.classNames(), d.targets(),
        TrainCommand.repeat(TrainCommand.trainingMeans(m), d.rows()), d.weights());
    out.printf(Locale.ROOT, "%s: %d rows, model %s (loss %s)%n%n", data == null ? "the bundled demo data" : data, d.rows(), model, m.lossId());
    out.printf(Locale.ROOT, "%-16s %12s %14s%n", "metric", "model", "mean predictor");
    for (Metric metric : Metric.values()) {
      out.printf(Locale.ROOT, "%-16s %12.6f %14.6f%s%n", metric.key(), report.get(metric), baseline.get(metric),
          metric.higherIsBetter() ? "  (higher is better)" : "");
    }
    out.println();
    String[] cols = {"mean_target", "mean_predicted", "relative_error_of_mean", "mse", "mae", "kl"};
    out.printf(Locale.ROOT, "%-14s", "class");
    for (String c : cols) {
      out.printf(Locale.ROOT, " %14s", c.length() > 14 ? "rel_err_mean" : c);
    }
    out.println();
    for (Map.Entry<String, Map<String, Double>> e : report.perClass().entrySet()) {
      out.printf(Locale.ROOT, "%-14s", e.getKey());
      for (String c : cols) {
        out.printf(Locale.ROOT, " %14.6f", e.getValue().get(c));
      }
      out.println();
    }
    return 0;
  }
}
