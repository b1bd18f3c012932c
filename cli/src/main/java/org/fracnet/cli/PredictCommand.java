package org.fracnet.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fracnet.core.data.CsvDatasetReader;
import org.fracnet.core.data.PredictionWriter;
import org.fracnet.core.discovery.Plugins;
import org.fracnet.core.io.AtomicFile;
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

  /** Rows predicted at a time: memory stays bounded whatever the file's size. */
  static final int CHUNK_ROWS = 8192;

  @Override
  public Integer call() throws IOException {
    LoadedModel loaded = LoadedModel.read(model, plugins.losses());
    if (out.equals("-")) {
      predictAll(loaded, System.out);
    } else {
      AtomicFile.write(Path.of(out), stream -> predictAll(loaded, stream));
    }
    return 0;
  }

  /** Streams the data file through the model into {@code stream}, chunk by chunk. */
  private void predictAll(LoadedModel loaded, OutputStream stream) throws IOException {
    var m = loaded.model();
    PredictionWriter writer = new PredictionWriter(stream, m.idColumn(), m.classNames());
    try {
      CsvDatasetReader.forEachFeatureChunk(data, m.featureNames(), m.idColumn(), CHUNK_ROWS, chunk -> {
        try {
          writer.write(chunk.ids(), chunk.rows(), loaded.predict(chunk.rows(), chunk.x()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    writer.flush();
  }
}
