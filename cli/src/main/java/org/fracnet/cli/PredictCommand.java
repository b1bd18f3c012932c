package org.fracnet.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fracnet.core.Fracnet;
import org.fracnet.core.SettingsException;
import org.fracnet.core.data.InvalidRows;
import org.fracnet.core.io.OutputFiles;
import org.fracnet.core.model.Model;
import org.fracnet.core.model.PredictionReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fracnet predict}: {@link Model#predictCsv} for every row of a file. Pure Java: no native start-up. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Predict class fractions for every row of a CSV file.",
        "Feature columns are found by name; other columns are ignored (and named on standard error).",
        "Writes one row per input row, in order: the id column first when the model has one, then one column per class."})
final class PredictCommand implements Callable<Integer> {
  private final Fracnet fracnet;

  @Option(names = "--model", paramLabel = "MODEL", description = "Model file. Default: " + Model.DEFAULT_FILE + ".")
  Path model;

  @Option(names = "--data", paramLabel = "FILE", required = true, description = "CSV with the model's feature columns.")
  Path data;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "Predictions CSV to write ('-' for standard output; a name ending in .gz is gzip-compressed).")
  String out;

  @Option(names = "--on-invalid", paramLabel = "POLICY", description = "error (default): stop at a row that cannot"
      + " be read (a missing or non-numeric feature); skip: write such a row in its place with empty fractions and"
      + " say how many there were.")
  String onInvalid;

  @Mixin
  ForceOption force;

  @Spec
  CommandSpec spec;

  private final Activity activity;

  @Inject
  PredictCommand(Fracnet fracnet, Activity activity) {
    this.fracnet = fracnet;
    this.activity = activity;
  }

  @Override
  public Integer call() throws IOException {
    InvalidRows policy = onInvalid == null || onInvalid.equals("error") ? InvalidRows.ERROR
        : onInvalid.equals("skip") ? InvalidRows.SKIP : null;
    if (policy == null) {
      throw new SettingsException("--on-invalid " + onInvalid + " is not known to predict; use error or skip"
          + (onInvalid.equals("renormalize") ? " (renormalize divides targets by their sum, and predict reads none)"
              : ""));
    }
    Path modelFile = model != null ? model : Path.of(Model.DEFAULT_FILE);
    if (!out.equals("-")) {
      OutputFiles.of(force.overwrite()).input("model file", modelFile).input("data file", data)
          .output("predictions file", Path.of(out)).check();
    }
    activity.now("loading " + modelFile);
    Model loaded = fracnet.load(modelFile);
    activity.now("predicting " + data);
    PredictionReport report;
    if (out.equals("-")) {
      report = loaded.predictCsv(data, System.out, policy);
      System.out.flush();
    } else {
      report = loaded.predictCsv(data, Path.of(out), policy);
    }
    for (String note : report.notes()) {
      spec.commandLine().getErr().println("fracnet: note: " + Flags.translate(note));
    }
    if (!report.ignoredColumns().isEmpty()) {
      spec.commandLine().getErr().println("fracnet: note: columns not used by the model: "
          + String.join(", ", report.ignoredColumns()));
    }
    return 0;
  }
}
