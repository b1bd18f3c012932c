package org.fracnet.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fracnet.core.data.CsvDatasetReader;
import org.fracnet.core.data.FeatureTable;
import org.fracnet.core.data.PredictionWriter;
import org.fracnet.core.discovery.Plugins;
import org.fracnet.core.model.LoadedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fracnet predict}: fractions for every row of a file. Pure Java: no native start-up. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Predict class fractions for every row of a CSV file.",
        "Writes one row per input row, in order: the id column first when the model has one, then one column per class."})
final class PredictCommand implements Callable<Integer> {
  private final Plugins plugins;

  @Option(names = "--model", paramLabel = "MODEL", defaultValue = "model.zip", description = "Model file. Default: ${DEFAULT-VALUE}.")
  Path model;

  @Option(names = "--data", paramLabel = "FILE", required = true, description = "CSV with the model's feature columns (other columns are ignored).")
  Path data;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "Predictions CSV to write ('-' for standard output).")
  String out;

  @Inject
  PredictCommand(Plugins plugins) {
    this.plugins = plugins;
  }

  @Override
  public Integer call() throws IOException {
    LoadedModel loaded = LoadedModel.read(model, plugins.losses());
    var m = loaded.model();
    FeatureTable table = CsvDatasetReader.readFeatures(data, m.featureNames(), m.idColumn());
    double[] q = loaded.predict(table.rows(), table.x());
    if (out.equals("-")) {
      PredictionWriter.write(System.out, m.idColumn(), table.ids(), m.classNames(), table.rows(), q);
    } else {
      PredictionWriter.write(Path.of(out), m.idColumn(), table.ids(), m.classNames(), table.rows(), q);
    }
    return 0;
  }
}
