package org.fracnet.core.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.fracnet.core.data.ChunkedRows;
import org.fracnet.core.data.CsvDatasetReader;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.data.DatasetSpec;
import org.fracnet.core.data.FeatureTable;
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
 *
 * <p>An ensemble ({@link org.fracnet.core.training.TrainingConfig.Builder#ensemble}) holds several
 * {@linkplain #members() members}, networks of one architecture with their own weights, sharing
 * the standardisation and the loss; it predicts the arithmetic mean (in double) of the fractions
 * its members predict. A model of one member is a plain model, and predicts exactly as one.
 */
public final class Model {
  /** The file name a model is saved to when none is given (the command line's default). */
  public static final String DEFAULT_FILE = "model.zip";

  /**
   * The newest model file format this version reads and writes: 2, for an ensemble. A model of one
   * network is written as format 1, byte for byte as fracnet wrote it before ensembles.
   */
  public static final int FORMAT_VERSION = 2;

  /**
   * One network of an ensemble.
   *
   * @param seed the seed it was trained with (the run's seed plus its index)
   * @param weights per layer W (outputs x inputs, row-major) then b
   * @param summary what its training did
   */
  public record Member(long seed, List<float[]> weights, TrainingSummary summary) {
    public Member {
      weights = List.copyOf(weights);
      Objects.requireNonNull(summary, "summary");
    }

    /** The seed, the weight arrays' sizes (not their values) and the summary. */
    @Override
    public String toString() {
      return "Member[seed=" + seed + ", weights=" + weights.stream().map(w -> String.valueOf(w.length)).toList()
          + " values per array, summary=" + summary + "]";
    }
  }

  private final NetworkSpec network;
  private final List<Member> members;
  private final Standardization standardization;
  private final List<String> featureNames;
  private final List<String> classNames;
  private final String idColumn;
  private final LossFunction loss;
  private final RunRecord run;
  private final TrainingSummary summary;
  private final List<ForwardPass> forwards;
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
    this(List.of(new Member(Objects.requireNonNull(run, "run").seed(), weights, summary)), network, standardization,
        featureNames, classNames, idColumn, loss, run, summary);
  }

  /**
   * Assembles an ensemble of {@code members} (one member makes a plain model); the training loop
   * and the model file reader call this.
   *
   * @param members the networks' weights, each per layer W then b, with their seeds and summaries
   * @param summary what training did as a whole (for an ensemble, as {@code ModelFitter} sums it up)
   * @see #Model(NetworkSpec, List, Standardization, List, List, String, LossFunction, RunRecord, TrainingSummary)
   */
  public static Model ensemble(NetworkSpec network, List<Member> members, Standardization standardization,
      List<String> featureNames, List<String> classNames, String idColumn, LossFunction loss,
      RunRecord run, TrainingSummary summary) {
    return new Model(members, network, standardization, featureNames, classNames, idColumn, loss, run, summary);
  }

  private Model(List<Member> members, NetworkSpec network, Standardization standardization,
      List<String> featureNames, List<String> classNames, String idColumn, LossFunction loss,
      RunRecord run, TrainingSummary summary) {
    this.network = Objects.requireNonNull(network, "network");
    this.members = List.copyOf(members);
    this.standardization = Objects.requireNonNull(standardization, "standardization");
    this.featureNames = List.copyOf(featureNames);
    this.classNames = List.copyOf(classNames);
    this.idColumn = idColumn;
    this.loss = Objects.requireNonNull(loss, "loss");
    this.run = Objects.requireNonNull(run, "run");
    this.summary = Objects.requireNonNull(summary, "summary");
    if (this.members.isEmpty()) {
      throw new IllegalArgumentException("a model has at least one member");
    }
    for (Member member : this.members) {
      List<float[]> weights = member.weights();
      if (weights.size() != 2 * network.layers().size()) {
        throw new IllegalArgumentException("expected " + 2 * network.layers().size()
            + " weight arrays for " + network.layers().size() + " layers, got " + weights.size());
      }
      for (int l = 0; l < network.layers().size(); l++) {
        DenseLayerSpec layer = network.layers().get(l);
        if (weights.get(2 * l).length != layer.inputs() * layer.outputs()
            || weights.get(2 * l + 1).length != layer.outputs()) {
          throw new IllegalArgumentException("weights of layer " + l + " do not match "
              + layer.outputs() + " x " + layer.inputs());
        }
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
    this.forwards = this.members.stream().map(m -> ForwardPass.of(network, m.weights())).toList();
    this.tuning = null;
  }

  /** The most weights, over all members, a model file holds (and a reader accepts). */
  public static final int MAX_WEIGHTS = Safetensors.MAX_VALUES;

  /** Whether {@code members} networks like {@code network} fit in one model file ({@link #MAX_WEIGHTS}). */
  public static boolean fitsOneFile(NetworkSpec network, int members) {
    return (long) members * network.parameterCount() <= MAX_WEIGHTS;
  }

  // --- tuning (train --tune): the record of the search, kept beside the model ---

  private Model(Model model, org.fracnet.core.tune.Tuning tuning) {
    this.network = model.network;
    this.members = model.members;
    this.standardization = model.standardization;
    this.featureNames = model.featureNames;
    this.classNames = model.classNames;
    this.idColumn = model.idColumn;
    this.loss = model.loss;
    this.run = model.run;
    this.summary = model.summary;
    this.forwards = model.forwards;
    this.tuning = tuning;
  }

  /**
   * This model with the record of the search that chose its settings; saved in {@code model.json}.
   *
   * @throws IllegalArgumentException when the record lists another number of members
   */
  public Model withTuning(org.fracnet.core.tune.Tuning value) {
    if (value.members().size() != members.size()) {
      throw new IllegalArgumentException("the tuning record lists " + value.members().size() + " members but the"
          + " model has " + members.size());
    }
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

  /**
   * Per layer W (outputs x inputs, row-major) then b; do not modify the arrays. Of an ensemble,
   * member 0's weights; see {@link #members()}.
   */
  public List<float[]> weights() {
    return members.get(0).weights();
  }

  /** The networks whose predicted fractions are averaged: one for a plain model. */
  public List<Member> members() {
    return members;
  }

  /** Member {@code m} (from 0) as a plain model, with its own summary. */
  public Model member(int m) {
    Member member = members.get(m);
    return members.size() == 1 ? this : new Model(network, member.weights(), standardization, featureNames,
        classNames, idColumn, loss, run, member.summary());
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

  /**
   * What training did. Of an ensemble, the whole run: epochs, best epochs and wall time summed
   * over the members, samples per second over all of them, the mean of their final training losses
   * and of their kept validation losses (each on its own validation rows); each member's own is in
   * {@link #members()}.
   */
  public TrainingSummary summary() {
    return summary;
  }

  /**
   * The raw network outputs (n x m, a new array) for {@code n} rows of raw features {@code x}
   * (n x d, row-major) in the order of {@link #featureNames()}. Of an ensemble, member 0's (an
   * ensemble averages fractions, not raw outputs).
   */
  public double[] rawOutputs(int n, double[] x) {
    return forwards.get(0).run(standardised(n, x), n, null);
  }

  private double[] standardised(int n, double[] x) {
    int d = featureNames.size();
    if (x.length < (long) n * d) {
      throw new IllegalArgumentException("x has " + x.length + " values for " + n + " rows of " + d);
    }
    return standardization.apply(n * d == x.length ? x : java.util.Arrays.copyOf(x, n * d));
  }

  /**
   * Predicted fractions (n x k, row-major, a new array) for {@code n} rows of raw features
   * {@code x} already in the order of {@link #featureNames()}. Prefer
   * {@link #predict(org.fracnet.core.data.FeatureTable)}, which binds columns by name. An
   * ensemble gives the mean of its members' fractions, summed in member order and divided by
   * their number.
   */
  public double[] predict(int n, double[] x) {
    if (forwards.size() == 1) {
      double[] z = rawOutputs(n, x);
      double[] q = new double[n * classNames.size()];
      loss.predict(n, z, q);
      return q;
    }
    double[] standardised = standardised(n, x);
    double[] sum = new double[n * classNames.size()];
    double[] q = new double[sum.length];
    for (ForwardPass forward : forwards) {
      loss.predict(n, forward.run(standardised, n, null), q);
      for (int i = 0; i < sum.length; i++) {
        sum[i] += q[i];
      }
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] /= forwards.size();
    }
    return sum;
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
    java.util.Objects.requireNonNull(data, "evaluate(data): data is null; FitResult.validation() is null when no rows"
        + " were held out (validationFraction(0) or a full-batch optimizer; then evaluate rows held out before"
        + " training, Dataset.select) and when the file was streamed (then FitResult.heldOut() is the evaluation)");
    if (!data.classNames().equals(classNames)) {
      throw new org.fracnet.core.DataException(data.source() + " has the classes " + data.classNames()
          + " but the model predicts " + classNames + "; give the model's class columns, in its order");
    }
    Dataset bound = data.withFeatureOrder(featureNames);
    return evaluate(bound, predict(bound.rows(), bound.features()));
  }

  /**
   * As {@link #evaluate(Dataset)}, on a labelled CSV file read {@value #CHUNK_ROWS} rows at a time, so
   * that memory stays bounded whatever the file's size; the metrics equal those of the file read
   * into memory, bit for bit. {@code spec} selects the model's class columns as targets; its
   * features, when given, are bound to the model's by name (when {@code null}, every other column
   * must be one of the model's features).
   *
   * @param warnings receives the reader's warnings
   * @throws org.fracnet.core.DataException on invalid data, or when the file's classes or
   *     features are not the model's
   */
  public Evaluation evaluate(Path file, DatasetSpec spec, Consumer<String> warnings) {
    int k = classNames.size();
    int d = featureNames.size();
    EvaluationSums sums = new EvaluationSums();
    int chunk = CHUNK_ROWS;
    double[] x = new double[chunk * d];
    double[] p = new double[chunk * k];
    double[] w = new double[chunk];
    int[] filled = {0};
    int[][] position = new int[1][];
    Runnable flush = () -> {
      sums.add(filled[0], x, p, w);
      filled[0] = 0;
    };
    CsvDatasetReader.forEachRow(file, spec, warnings, (features, classes) -> {
      if (!classes.equals(classNames)) {
        throw new org.fracnet.core.DataException(file + " has the classes " + classes + " but the model predicts "
            + classNames + "; give the model's class columns, in its order");
      }
      position[0] = FeatureTable.positions(file.toString(), features, featureNames);
      return (rowX, rowP, weight, id) -> {
        int r = filled[0];
        int[] at = position[0];
        for (int j = 0; j < d; j++) {
          x[r * d + j] = rowX[at[j]];
        }
        System.arraycopy(rowP, 0, p, r * k, k);
        w[r] = weight;
        if (++filled[0] == chunk) {
          flush.run();
        }
      };
    });
    if (filled[0] > 0) {
      flush.run();
    }
    return sums.evaluation();
  }

  /**
   * As {@link #evaluate(Dataset)}, on rows read in chunks whose features are as given, not
   * standardised (e.g. a streamed file's held-out rows), in the model's feature and class order;
   * a group of chunks at a time, from the first chunk, until at least {@code maxRows} rows (all
   * of them when there are fewer).
   */
  public Evaluation evaluate(ChunkedRows rows, long maxRows) {
    if (rows.featureCount() != featureNames.size() || rows.classCount() != classNames.size()) {
      throw new IllegalArgumentException(rows.source() + " has " + rows.featureCount() + " features and "
          + rows.classCount() + " classes; the model " + featureNames.size() + " and " + classNames.size());
    }
    EvaluationSums sums = new EvaluationSums();
    long done = 0;
    for (int g = 0; g < rows.groupsInOrder() && done < maxRows; g++) {
      Dataset group = rows.readInOrder(g);
      sums.add(group.rows(), group.features(), group.targets(), group.weights());
      done += group.rows();
    }
    return sums.evaluation();
  }

  /** The model's and the mean predictor's metric sums, added a part of the rows at a time. */
  private final class EvaluationSums {
    private final Metrics.Sums model = new Metrics.Sums(classNames);
    private final Metrics.Sums baseline = new Metrics.Sums(classNames);
    private double[] mean = new double[0];

    /** Adds {@code n} rows: raw features {@code x}, fractions {@code p}, weights {@code w}. */
    void add(int n, double[] x, double[] p, double[] w) {
      int k = classNames.size();
      if (mean.length < n * k) {
        double[] means = run.trainingClassMeans();
        mean = new double[n * k];
        for (int i = 0; i < n; i++) {
          System.arraycopy(means, 0, mean, i * k, k);
        }
      }
      model.add(n, p, predict(n, x), w);
      baseline.add(n, p, mean, w);
    }

    Evaluation evaluation() {
      return new Evaluation(model.report(), baseline.report());
    }
  }

  /**
   * Metrics of the fractions {@code q} (n x k, row-major) predicted for the rows of {@code data}
   * (e.g. an ensemble's out-of-bag predictions), against the mean predictor, as
   * {@link #evaluate(Dataset)} gives them for this model's own.
   */
  public Evaluation evaluate(Dataset data, double[] q) {
    int n = data.rows();
    if (q.length != n * classNames.size()) {
      throw new IllegalArgumentException(q.length + " fractions for " + n + " rows of " + classNames.size() + " classes");
    }
    double[] means = run.trainingClassMeans();
    double[] baseline = new double[n * means.length];
    for (int i = 0; i < n; i++) {
      System.arraycopy(means, 0, baseline, i * means.length, means.length);
    }
    return new Evaluation(Metrics.evaluate(n, classNames, data.targets(), q, data.weights()),
        Metrics.evaluate(n, classNames, data.targets(), baseline, data.weights()));
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
   * one row per input row, in order, the id column first when the model has one and the file has
   * it (a file without it is predicted in row order, without ids, and a note says so), then one
   * column per class. Feature columns are bound by name; the file is streamed in chunks.
   *
   * @throws org.fracnet.core.DataException naming a missing feature column, or a bad value by line and column
   */
  public PredictionReport predictCsv(Path data, java.io.OutputStream out) throws java.io.IOException {
    return predictCsv(data, out, org.fracnet.core.data.InvalidRows.ERROR);
  }

  /**
   * As {@link #predictCsv(Path, java.io.OutputStream)}; with {@link
   * org.fracnet.core.data.InvalidRows#SKIP} a row that cannot be read (a missing or non-numeric
   * feature, a row of the wrong width) is written in its place with empty fractions, and a note
   * says how many there were and why the first was.
   *
   * @param policy {@code InvalidRows.ERROR} (the default) or {@code InvalidRows.SKIP}
   */
  public PredictionReport predictCsv(Path data, java.io.OutputStream out, org.fracnet.core.data.InvalidRows policy)
      throws java.io.IOException {
    List<String> notes = new java.util.ArrayList<>();
    String ids = idColumn;
    if (ids != null && !org.fracnet.core.data.CsvDatasetReader.header(data).contains(ids)) {
      notes.add(data + " has no column '" + ids + "', the model's id column: its predictions are in row order,"
          + " without ids");
      ids = null;
    }
    org.fracnet.core.data.PredictionWriter writer = new org.fracnet.core.data.PredictionWriter(out, ids, classNames);
    long[] rows = {0};
    List<String> ignored;
    try {
      ignored = org.fracnet.core.data.CsvDatasetReader.forEachFeatureChunk(data, featureNames, ids, CHUNK_ROWS, chunk -> {
        try {
          writer.write(chunk.ids(), chunk.rows(), predict(chunk.rows(), chunk.x()));
          rows[0] += chunk.rows();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }, notes::add, policy);
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    writer.flush();
    return new PredictionReport(rows[0], ignored, notes);
  }

  /**
   * As {@link #predictCsv(Path, java.io.OutputStream)}, writing the file {@code out} atomically:
   * it appears complete or not at all. A name ending in {@code .gz} gets gzip-compressed CSV.
   */
  public PredictionReport predictCsv(Path data, Path out) {
    return predictCsv(data, out, org.fracnet.core.data.InvalidRows.ERROR);
  }

  /**
   * As {@link #predictCsv(Path, Path)}, with {@code policy} for rows that cannot be read as in
   * {@link #predictCsv(Path, java.io.OutputStream, org.fracnet.core.data.InvalidRows)}.
   */
  public PredictionReport predictCsv(Path data, Path out, org.fracnet.core.data.InvalidRows policy) {
    PredictionReport[] report = new PredictionReport[1];
    org.fracnet.core.io.AtomicFile.write(out, org.fracnet.core.io.AtomicFile.gzipIfNamed(out,
        stream -> report[0] = predictCsv(data, stream, policy)));
    return report[0];
  }

  /** Writes this model to {@code file} atomically (a zip of {@code model.json} and safetensors). */
  public void save(Path file) {
    ModelFile.write(file, this);
  }

  @Override
  public String toString() {
    return "Model[" + network.architecture() + " " + featureNames.size() + " features -> "
        + classNames.size() + " classes, loss " + loss.id() + ", " + network.parameterCount() + " weights"
        + (members.size() == 1 ? "" : " x " + members.size() + " members") + "]";
  }
}
