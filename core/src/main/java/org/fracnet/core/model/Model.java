package org.fracnet.core.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.metrics.Metrics;
import org.fracnet.core.spi.DenseLayerSpec;
import org.fracnet.core.spi.ForwardPass;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.training.RunRecord;
import org.fracnet.core.training.TrainingSummary;

/**
 * A trained model: everything needed to predict fractions from raw features (the network and
 * its weights, the feature standardisation, the loss whose link maps raw outputs to fractions,
 * the names of features, classes and the id column) and how it was trained. Get one from
 * {@link org.fracnet.core.Fracnet#train} or {@link org.fracnet.core.Fracnet#load}; save it with
 * {@link #save}. Immutable and thread-safe; prediction is pure Java (no native code).
 *
 * <p>Features are bound <em>by name</em>: {@link #predict(org.fracnet.core.data.FeatureTable)} and
 * {@link #evaluate} look up each of {@link #featureNames()} among the given columns, in any
 * order; a missing column is a {@link org.fracnet.core.DataException} naming it.
 */
public final class Model {
  /** The file name a model is saved to when none is given (the command line's default). */
  public static final String DEFAULT_FILE = "model.zip";

  /** The model file format written by this version. */
  public static final int FORMAT_VERSION = 1;

  private final NetworkSpec network;
  private final List<float[]> weights;
  private final Standardization standardization;
  private final List<String> featureNames;
  private final List<String> classNames;
  private final String idColumn;
  private final LossFunction loss;
  private final RunRecord run;
  private final TrainingSummary summary;
  private final ForwardPass forward;
  /** The search that chose this model's settings ({@code train --tune}), or {@code null}. */
  private final org.fracnet.core.tune.Tuning tuning;

  /**
   * Assembles a model; the training loop and the model file reader call this.
   *
   * @param network the layers
   * @param weights per layer W (outputs x inputs, row-major) then b
   * @param standardization applied to raw features before the network
   * @param featureNames d names, in the order the network expects
   * @param classNames k names
   * @param idColumn the id column of the training data, or {@code null}
   * @param loss the loss, whose {@code predict} maps raw outputs to fractions and whose resolved
   *     parameters are stored to recreate it
   * @param run how the model was trained
   * @param summary what training did
   */
  public Model(NetworkSpec network, List<float[]> weights, Standardization standardization,
      List<String> featureNames, List<String> classNames, String idColumn, LossFunction loss,
      RunRecord run, TrainingSummary summary) {
    this.network = Objects.requireNonNull(network, "network");
    this.weights = List.copyOf(weights);
    this.standardization = Objects.requireNonNull(standardization, "standardization");
    this.featureNames = List.copyOf(featureNames);
    this.classNames = List.copyOf(classNames);
    this.idColumn = idColumn;
    this.loss = Objects.requireNonNull(loss, "loss");
    this.run = Objects.requireNonNull(run, "run");
    this.summary = Objects.requireNonNull(summary, "summary");
    if (this.weights.size() != 2 * network.layers().size()) {
      throw new IllegalArgumentException("expected " + 2 * network.layers().size()
          + " weight arrays for " + network.layers().size() + " layers, got " + this.weights.size());
    }
    for (int l = 0; l < network.layers().size(); l++) {
      DenseLayerSpec layer = network.layers().get(l);
      if (this.weights.get(2 * l).length != layer.inputs() * layer.outputs()
          || this.weights.get(2 * l + 1).length != layer.outputs()) {
        throw new IllegalArgumentException("weights of layer " + l + " do not match "
            + layer.outputs() + " x " + layer.inputs());
      }
    }
    if (this.featureNames.size() != network.inputs()) {
      throw new IllegalArgumentException(this.featureNames.size() + " feature names for a network of "
          + network.inputs() + " inputs");
    }
    if (loss.outputs() != network.outputs() || loss.classes() != this.classNames.size()) {
      throw new IllegalArgumentException("loss " + loss.id() + " (" + loss.classes() + " classes, "
          + loss.outputs() + " outputs) does not fit " + this.classNames.size() + " classes and "
          + network.outputs() + " network outputs");
    }
    this.forward = ForwardPass.of(network, this.weights);
    this.tuning = null;
  }

  // --- tuning (train --tune): the record of the search, kept beside the model ---

  private Model(Model model, org.fracnet.core.tune.Tuning tuning) {
    this.network = model.network;
    this.weights = model.weights;
    this.standardization = model.standardization;
    this.featureNames = model.featureNames;
    this.classNames = model.classNames;
    this.idColumn = model.idColumn;
    this.loss = model.loss;
    this.run = model.run;
    this.summary = model.summary;
    this.forward = model.forward;
    this.tuning = tuning;
  }

  /** This model with the record of the search that chose its settings; saved in {@code model.json}. */
  public Model withTuning(org.fracnet.core.tune.Tuning value) {
    return new Model(this, Objects.requireNonNull(value, "tuning"));
  }

  /** The search that chose this model's settings, when it was tuned ({@code train --tune}). */
  public java.util.Optional<org.fracnet.core.tune.Tuning> tuning() {
    return java.util.Optional.ofNullable(tuning);
  }

  // --- end of tuning ---

  /** The layers. */
  public NetworkSpec network() {
    return network;
  }

  /** Per layer W (outputs x inputs, row-major) then b; do not modify the arrays. */
  public List<float[]> weights() {
    return weights;
  }

  /** The feature standardisation fitted on the training rows. */
  public Standardization standardization() {
    return standardization;
  }

  /** The features the model reads, by name. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** The classes it predicts fractions of, in output order. */
  public List<String> classNames() {
    return classNames;
  }

  /** The id column of the training data, carried through to predictions, or {@code null}. */
  public String idColumn() {
    return idColumn;
  }

  /** The loss it was trained with. */
  public LossFunction loss() {
    return loss;
  }

  /** How it was trained. */
  public RunRecord run() {
    return run;
  }

  /** What training did. */
  public TrainingSummary summary() {
    return summary;
  }

  /**
   * The raw network outputs (n x m, a new array) for {@code n} rows of raw features {@code x}
   * (n x d, row-major) in the order of {@link #featureNames()}.
   */
  public double[] rawOutputs(int n, double[] x) {
    int d = featureNames.size();
    if (x.length < (long) n * d) {
      throw new IllegalArgumentException("x has " + x.length + " values for " + n + " rows of " + d);
    }
    double[] standardised = standardization.apply(n * d == x.length ? x : java.util.Arrays.copyOf(x, n * d));
    return forward.run(standardised, n, null);
  }

  /**
   * Predicted fractions (n x k, row-major, a new array) for {@code n} rows of raw features
   * {@code x} already in the order of {@link #featureNames()}. Prefer
   * {@link #predict(org.fracnet.core.data.FeatureTable)}, which binds columns by name.
   */
  public double[] predict(int n, double[] x) {
    double[] z = rawOutputs(n, x);
    double[] q = new double[n * classNames.size()];
    loss.predict(n, z, q);
    return q;
  }

  /**
   * Predicted fractions for the rows of {@code table}: its columns are bound to
   * {@link #featureNames()} by name, in any order; columns the model does not read are ignored and
   * listed in {@link Predictions#ignoredColumns()}.
   *
   * @throws org.fracnet.core.DataException naming a feature column the table lacks
   */
  public Predictions predict(org.fracnet.core.data.FeatureTable table) {
    org.fracnet.core.data.BoundFeatures bound = table.bind(featureNames);
    return new Predictions(classNames, bound.rows(), predict(bound.rows(), bound.x()), table.idColumn(),
        table.ids(), bound.ignored());
  }

  /**
   * Metrics of this model on labelled rows, overall and per class, against the mean predictor
   * (the training class means of {@link #run()}), weighted by the rows' weights. Feature columns
   * are bound by name; the class columns must be this model's, in its order.
   *
   * @throws org.fracnet.core.DataException when a feature column is missing or the classes differ
   */
  public Evaluation evaluate(Dataset data) {
    if (!data.classNames().equals(classNames)) {
      throw new org.fracnet.core.DataException(data.source() + " has the classes " + data.classNames()
          + " but the model predicts " + classNames + "; give the model's class columns, in its order");
    }
    Dataset bound = data.withFeatureOrder(featureNames);
    int n = bound.rows();
    double[] q = predict(n, bound.features());
    double[] means = run.trainingClassMeans();
    double[] baseline = new double[n * means.length];
    for (int i = 0; i < n; i++) {
      System.arraycopy(means, 0, baseline, i * means.length, means.length);
    }
    return new Evaluation(Metrics.evaluate(n, classNames, bound.targets(), q, bound.weights()),
        Metrics.evaluate(n, classNames, bound.targets(), baseline, bound.weights()));
  }

  /**
   * Reads a model file, recreating its loss with a provider from {@code losses}; see
   * {@link org.fracnet.core.Fracnet#load}. A damaged or altered file is refused, naming it and
   * what is wrong, before anything large is allocated; the file's contents are read as plain
   * JSON values and float arrays, so no code from the file runs (only the installed loss plugin
   * whose id the file names). The checks and limits are listed in docs/errors.md, "Model files".
   *
   * @throws org.fracnet.core.ModelFileException when the file is missing, cannot be read, is not
   *     a model file, is damaged, or is of a newer format
   * @throws org.fracnet.core.SettingsException when no installed loss plugin has the model's loss id
   */
  public static Model load(Path file, org.fracnet.core.discovery.ProviderRegistry<org.fracnet.core.spi.LossProvider> losses) {
    return ModelFile.read(file, losses);
  }

  /** Rows predicted at a time from a file: memory stays bounded whatever the file's size. */
  static final int CHUNK_ROWS = 8192;

  /**
   * Predicts every row of the CSV file {@code data} and writes the fractions to {@code out} as CSV:
   * one row per input row, in order, the id column first when the model has one, then one column
   * per class. Feature columns are bound by name; the file is streamed in chunks.
   *
   * @throws org.fracnet.core.DataException naming a missing column, or a bad value by line and column
   */
  public PredictionReport predictCsv(Path data, java.io.OutputStream out) throws java.io.IOException {
    org.fracnet.core.data.PredictionWriter writer = new org.fracnet.core.data.PredictionWriter(out, idColumn, classNames);
    long[] rows = {0};
    List<String> ignored;
    List<String> notes = new java.util.ArrayList<>();
    try {
      ignored = org.fracnet.core.data.CsvDatasetReader.forEachFeatureChunk(data, featureNames, idColumn, CHUNK_ROWS, chunk -> {
        try {
          writer.write(chunk.ids(), chunk.rows(), predict(chunk.rows(), chunk.x()));
          rows[0] += chunk.rows();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }, notes::add);
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    writer.flush();
    return new PredictionReport(rows[0], ignored, notes);
  }

  /**
   * As {@link #predictCsv(Path, java.io.OutputStream)}, writing the file {@code out} atomically:
   * it appears complete or not at all.
   */
  public PredictionReport predictCsv(Path data, Path out) {
    PredictionReport[] report = new PredictionReport[1];
    org.fracnet.core.io.AtomicFile.write(out, stream -> report[0] = predictCsv(data, stream));
    return report[0];
  }

  /** Writes this model to {@code file} atomically (a zip of {@code model.json} and safetensors). */
  public void save(Path file) {
    ModelFile.write(file, this);
  }

  @Override
  public String toString() {
    return "Model[" + network.architecture() + " " + featureNames.size() + " features -> "
        + classNames.size() + " classes, loss " + loss.id() + ", " + network.parameterCount() + " weights]";
  }
}
