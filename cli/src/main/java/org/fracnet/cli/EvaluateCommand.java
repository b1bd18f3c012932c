package org.fracnet.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fracnet.core.DataException;
import org.fracnet.core.Fracnet;
import org.fracnet.core.SettingsException;
import org.fracnet.core.data.DatasetSpec;
import org.fracnet.core.data.DemoData;
import org.fracnet.core.data.TargetKind;
import org.fracnet.core.model.Evaluation;
import org.fracnet.core.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fracnet evaluate}: {@link Model#evaluate} on a labelled file (streamed, any size), printed as a table or JSON. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Evaluate a model on a CSV file with targets: metrics overall and per class, weighted by row weights,"
        + " next to the mean predictor's.", "Without --data, evaluates on the bundled demo data."})
final class EvaluateCommand implements Callable<Integer> {
  private final Fracnet fracnet;

  @Option(names = "--model", paramLabel = "MODEL", description = "Model file. Default: " + Model.DEFAULT_FILE + ".")
  Path model;

  @Mixin
  DataFileOption file;

  @Mixin
  TargetOptions reading;

  @Option(names = "--json", description = "Print JSON: {overall, per_class, rows, mean_predictor: {overall, per_class}}.")
  boolean json;

  @Spec
  CommandSpec spec;

  private final Activity activity;

  @Inject
  EvaluateCommand(Fracnet fracnet, Activity activity) {
    this.fracnet = fracnet;
    this.activity = activity;
  }

  @Override
  public Integer call() {
    Path modelFile = model != null ? model : Path.of(Model.DEFAULT_FILE);
    activity.now("loading " + modelFile);
    Model m = fracnet.load(modelFile);
    if (file.data == null && !m.classNames().equals(java.util.List.of(DemoData.CLASSES))) {
      throw new DataException(modelFile + " was not trained on the bundled demo data (its classes are "
          + String.join(",", m.classNames()) + "); pass --data FILE with those columns");
    }
    TargetKind trained = TargetKind.byId(m.run().targetsAre());
    activity.now("reading " + file.describe());
    org.fracnet.core.data.Dataset demo = file.data == null ? DemoData.dataset() : null;
    Evaluation evaluation;
    try {
      evaluation = demo != null ? m.evaluate(demo) // a file streams: any size
          : m.evaluate(file.data, new DatasetSpec(String.join(",", m.classNames()),
              reading.kind(trained == null ? TargetKind.FRACTIONS : trained), reading.weight,
              String.join(",", m.featureNames()), null, reading.policy()), ColumnOptions.warnings(spec.commandLine().getErr()));
    } catch (SettingsException e) {
      // the columns come from the model, not from flags evaluate has: say so instead of naming --targets
      String message = e.getMessage().replace("DatasetSpec.targets column", "the model " + modelFile + "'s class column")
          .replace("DatasetSpec.features column", "the model " + modelFile + "'s feature column");
      if (message.equals(e.getMessage())) {
        throw e;
      }
      throw new DataException(message + "; evaluate needs a file with the columns the model was trained on");
    }
    String evaluated = demo != null ? demo.source() : file.data.toString();
    if (sameData(m.run().data(), evaluated) && evaluation.model().rows() == m.run().rows()) {
      spec.commandLine().getErr().println("fracnet: note: " + evaluated + " looks like the data the model was trained on ("
          + m.run().rows() + " rows, " + m.run().trainingRows() + " of them trained on), so these figures flatter it;"
          + " for an honest figure evaluate rows held out before training, or cross-validate with fracnet compare");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(evaluation.toJson());
      return 0;
    }
    String parameters = m.loss().resolvedParameters().toString();
    out.printf(Locale.ROOT, "%s, model %s (loss %s%s)%n", file.describe(), modelFile, m.loss().id(),
        parameters.isEmpty() ? "" : " with " + parameters);
    m.tuning().ifPresent(t -> out.println(TuneOptions.summary(t)));
    out.print(evaluation);
    return 0;
  }

  /** Whether two data names (a path as given, or the bundled data's name) name the same file. */
  static boolean sameData(String trained, String evaluated) {
    if (trained == null || evaluated == null) {
      return false;
    }
    if (trained.equals(evaluated)) {
      return true;
    }
    try {
      Path a = Path.of(trained).getFileName();
      return a != null && a.equals(Path.of(evaluated).getFileName());
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }
}
