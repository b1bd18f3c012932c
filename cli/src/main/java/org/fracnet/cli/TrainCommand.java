package org.fracnet.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fracnet.core.FracnetException;
import org.fracnet.core.data.CsvDatasetReader;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.data.DatasetSpec;
import org.fracnet.core.data.InvalidRows;
import org.fracnet.core.data.TargetKind;
import org.fracnet.core.discovery.Plugins;
import org.fracnet.core.metrics.Metric;
import org.fracnet.core.metrics.MetricReport;
import org.fracnet.core.metrics.Metrics;
import org.fracnet.core.model.FittedModel;
import org.fracnet.core.model.ModelFile;
import org.fracnet.core.spi.LearningRateSchedule;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TrainingOptions;
import org.fracnet.core.spi.TrainingSummary;
import org.fracnet.core.training.FitRequest;
import org.fracnet.core.training.FitResult;
import org.fracnet.core.training.ModelFitter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fracnet train}: fit a model and save it. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Train a model that predicts class fractions and save it.",
        "Without --data, trains on the bundled demo data (commute modes of 2000 groups, as counts)."})
final class TrainCommand implements Callable<Integer> {
  private final ModelFitter fitter;
  private final Plugins plugins;

  @Option(names = "--data", paramLabel = "FILE", description = "CSV file with a header line.")
  Path data;

  @Option(names = "--targets", paramLabel = "SPEC",
      description = "Target columns: comma list of names, globs (y*) or ranges (y1:y6); a name with a comma in double quotes.")
  String targets;

  @Option(names = "--targets-are", paramLabel = "KIND", defaultValue = "fractions",
      description = "fractions (rows sum to 1) or counts (turned into fractions; each row weighted by its total). Default: ${DEFAULT-VALUE}.")
  String targetsAre;

  @Option(names = "--weight", paramLabel = "COL", description = "Column of positive row weights.")
  String weight;

  @Option(names = "--on-invalid", paramLabel = "POLICY", defaultValue = "error",
      description = "error (stop at the first invalid row), skip (drop invalid rows) or renormalize"
          + " (divide rows of fractions that do not sum to 1 by their sum). Default: ${DEFAULT-VALUE}.")
  String onInvalid;

  @Option(names = "--features", paramLabel = "SPEC", description = "Feature columns (default: every other column).")
  String features;

  @Option(names = "--id", paramLabel = "COL", description = "Id column, carried through to predictions.")
  String id;

  @Option(names = "--loss", paramLabel = "ID", defaultValue = "cross-entropy",
      description = "Loss id (see 'fracnet losses'). Default: ${DEFAULT-VALUE}.")
  String loss;

  @Option(names = "--loss-param", paramLabel = "K=V", description = "A loss parameter; repeatable.")
  List<String> lossParams = new ArrayList<>();

  @Option(names = "--arch", paramLabel = "ID", defaultValue = "mlp", description = "linear or mlp. Default: ${DEFAULT-VALUE}.")
  String arch;

  @Option(names = "--hidden", paramLabel = "SIZES", description = "Hidden layer widths for mlp, e.g. 64,64 (the default).")
  String hidden;

  @Option(names = "--activation", paramLabel = "NAME", description = "relu (default) or tanh, for mlp.")
  String activation;

  @Option(names = "--optimizer", paramLabel = "ID", defaultValue = "adam", description = "Optimizer id. Default: ${DEFAULT-VALUE}.")
  String optimizer;

  @Option(names = "--optimizer-param", paramLabel = "K=V", description = "An optimizer parameter (e.g. momentum=0.9); repeatable.")
  List<String> optimizerParams = new ArrayList<>();

  @Option(names = "--epochs", description = "Maximum epochs (iterations for a full-batch optimizer such as lbfgs)."
      + " Default: 100, or 1000 for a full-batch optimizer.")
  Integer epochs;

  @Option(names = "--batch-size", defaultValue = "64", description = "Rows per mini-batch. Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(names = "--lr", defaultValue = "0.001", description = "Learning rate. Default: ${DEFAULT-VALUE}.")
  double lr;

  @Option(names = "--lr-schedule", paramLabel = "KIND", defaultValue = "constant",
      description = "constant, step (times --lr-gamma every --lr-step-epochs) or cosine (annealed per step to 0 at the last epoch). Default: ${DEFAULT-VALUE}.")
  String lrSchedule;

  @Option(names = "--lr-step-epochs", paramLabel = "N", defaultValue = "10", description = "Epochs between decays of the step schedule. Default: ${DEFAULT-VALUE}.")
  int lrStepEpochs;

  @Option(names = "--lr-gamma", paramLabel = "X", defaultValue = "0.1", description = "Decay factor of the step schedule. Default: ${DEFAULT-VALUE}.")
  double lrGamma;

  @Option(names = "--clip-norm", paramLabel = "X", description = "Clip the gradient's Euclidean norm to X per step (default: no clipping).")
  Double clipNorm;

  @Option(names = "--weight-decay", paramLabel = "X",
      description = "Weight decay, passed to the optimizer as weight-decay=X (L2 for sgd and adam, decoupled for adamw)."
          + " Default: the optimizer's own (0, or 0.01 for adamw).")
  Double weightDecay;

  @Option(names = "--seed", defaultValue = "42", description = "Seed for the split, initialisation and shuffling. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--validation", paramLabel = "FRACTION",
      description = "Share of rows held out for validation and early stopping (0 for none)."
          + " Default: 0.2, or 0 for a full-batch optimizer, which then fits all rows (the maximum-likelihood fit).")
  Double validation;

  @Option(names = "--patience", defaultValue = "10", description = "Epochs without validation improvement before stopping. Default: ${DEFAULT-VALUE}.")
  int patience;

  @Option(names = "--trainer", paramLabel = "ID", defaultValue = "nd4j", description = "Trainer id. Default: ${DEFAULT-VALUE}.")
  String trainer;

  @Option(names = "--trainer-param", paramLabel = "K=V",
      description = "A trainer parameter (e.g. parallelism=blas for the nd4j trainer); repeatable.")
  List<String> trainerParams = new ArrayList<>();

  @Option(names = "--threads", description = "Training threads (default: the trainer's choice, all cores).")
  Integer threads;

  @Option(names = "--out", paramLabel = "MODEL", defaultValue = "model.zip", description = "Model file to write. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--checkpoint", paramLabel = "FILE",
      description = "Checkpoint written after every epoch, so an interrupted run can be resumed (default: MODEL.checkpoint;"
          + " deleted once the model is written).")
  Path checkpoint;

  @Option(names = "--no-checkpoint", description = "Write no checkpoint.")
  boolean noCheckpoint;

  @Option(names = "--resume", description = "Continue an interrupted run from its checkpoint: the same command"
      + " with --resume (only --epochs may change). The result equals an uninterrupted run's.")
  boolean resume;

  @Option(names = {"-q", "--quiet"}, description = "No progress output.")
  boolean quiet;

  @Spec
  CommandSpec spec;

  @Inject
  TrainCommand(ModelFitter fitter, Plugins plugins) {
    this.fitter = fitter;
    this.plugins = plugins;
  }

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    Dataset dataset = readData(data, targets, targetsAre, weight, features, id, onInvalid, stderr);
    Parameters archParams = Parameters.empty();
    if (hidden != null) {
      archParams = archParams.with("hidden", hidden);
    }
    if (activation != null) {
      archParams = archParams.with("activation", activation);
    }
    Parameters optParams = withOption(Parameters.parse("optimizer " + optimizer, optimizerParams),
        "weight-decay", weightDecay, "--weight-decay", "--optimizer-param");
    Parameters trainerParameters = withOption(withOption(Parameters.parse("trainer " + trainer, trainerParams),
        "threads", threads, "--threads", "--trainer-param"), "clip-norm", clipNorm, "--clip-norm", "--trainer-param");
    LearningRateSchedule schedule = LearningRateSchedule.of(lrSchedule, lrStepEpochs, lrGamma);
    boolean fullBatch = plugins.optimizers().require(optimizer).fullBatch();
    int maxEpochs = epochs != null ? epochs : fullBatch ? 1000 : 100;
    double validationFraction = validation != null ? validation : fullBatch ? 0 : 0.2;
    TrainingOptions options;
    try {
      options = new TrainingOptions(maxEpochs, batchSize, lr, seed, patience, schedule);
    } catch (IllegalArgumentException e) {
      throw new FracnetException(e.getMessage());
    }
    if (!quiet) {
      stderr.println("training " + arch + " with loss " + loss + " on " + dataset.rows() + " rows of "
          + (data == null ? "the bundled demo data" : data) + " (" + dataset.featureCount() + " features, " + dataset.classCount() + " classes)");
    }
    if (noCheckpoint && (resume || checkpoint != null)) {
      throw new FracnetException("--no-checkpoint cannot be combined with --resume or --checkpoint");
    }
    Path checkpointFile = noCheckpoint ? null
        : checkpoint != null ? checkpoint : Path.of(out.toString() + ".checkpoint");
    FitResult fit = fitter.fit(new FitRequest(dataset, validationFraction, loss,
        Parameters.parse("loss " + loss, lossParams), arch, archParams.withOwner("architecture " + arch),
        optimizer, optParams, trainer, trainerParameters, options,
        new ProgressReporter(stderr, System.console() != null, quiet), checkpointFile, resume));
    FittedModel model = fit.model();
    ModelFile.write(out, model);
    if (checkpointFile != null) {
      deleteCheckpoint(checkpointFile);
    }
    if (fit.resumedAfterEpoch() > 0) {
      stdout.println("resumed after epoch " + fit.resumedAfterEpoch() + " from " + checkpointFile);
    }
    TrainingSummary s = model.summary();
    stdout.printf(Locale.ROOT, "trained %d epochs (kept epoch %d, %s) in %.1f s, %.0f samples/s%n",
        s.epochs(), s.bestEpoch(), s.stopReason(), s.wallSeconds(), s.samplesPerSecond());
    stdout.printf(Locale.ROOT, "final training loss %.6f%s%n", s.trainingLoss(),
        Double.isNaN(s.validationLoss()) ? "" : String.format(Locale.ROOT, ", validation loss %.6f", s.validationLoss()));
    if (fit.validation() != null) {
      Dataset v = fit.validation();
      MetricReport report = Metrics.evaluate(v.rows(), v.classNames(), v.targets(),
          model.predict(v.rows(), v.features(), fit.loss()), v.weights());
      MetricReport baseline = Metrics.evaluate(v.rows(), v.classNames(), v.targets(),
          repeat(trainingMeans(model), v.rows()), v.weights());
      stdout.printf(Locale.ROOT, "held-out (%d rows): KL %.5f (always predicting the training mean: %.5f), MSE %.6f, MAE %.5f%n",
          v.rows(), report.get(Metric.KL), baseline.get(Metric.KL), report.get(Metric.MSE), report.get(Metric.MAE));
      if (report.get(Metric.KL) >= baseline.get(Metric.KL)) {
        stderr.printf(Locale.ROOT, "fracnet: warning: on the held-out rows the model is no better than always"
            + " predicting the training mean (KL %.5f vs %.5f): with %d training rows and %d features it may"
            + " overfit, or the features may say little about the targets; try stronger regularisation,"
            + " e.g. --hidden 8 --weight-decay 0.1, or --arch linear --weight-decay 1%n",
            report.get(Metric.KL), baseline.get(Metric.KL), dataset.rows() - v.rows(), dataset.featureCount());
        stderr.flush();
      }
    }
    stdout.println("model written to " + out);
    return 0;
  }

  /**
   * {@code parameters} with {@code key} set from a dedicated option when it was given; giving the
   * same key both ways is an error rather than a silent choice.
   */
  private static Parameters withOption(Parameters parameters, String key, Object value, String option, String listOption) {
    if (value == null) {
      return parameters;
    }
    if (parameters.has(key)) {
      throw new FracnetException(option + " " + value + " and " + listOption + " " + key + "="
          + parameters.getString(key, "") + " both set " + key + "; give it once");
    }
    return parameters.with(key, value.toString());
  }

  private static void deleteCheckpoint(Path file) {
    try {
      java.nio.file.Files.deleteIfExists(file);
    } catch (java.io.IOException e) {
      throw new FracnetException("the model is written, but the checkpoint " + file + " cannot be deleted: "
          + e.getMessage() + "; delete it by hand");
    }
  }

  /** The training class means stored in the model. */
  static double[] trainingMeans(FittedModel model) {
    Object stored = model.training().get("training_class_means");
    if (stored instanceof double[] d) {
      return d;
    }
    if (stored instanceof List<?> list) {
      double[] out = new double[list.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = ((Number) list.get(i)).doubleValue();
      }
      return out;
    }
    throw new FracnetException("the model has no training class means; retrain it with this fracnet");
  }

  /** {@code row} repeated {@code n} times. */
  static double[] repeat(double[] row, int n) {
    double[] out = new double[row.length * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(row, 0, out, i * row.length, row.length);
    }
    return out;
  }

  /**
   * Reads a data set as the options say, or the bundled demo data when {@code data} is null;
   * warnings about skipped or renormalised rows go to {@code err}.
   */
  static Dataset readData(Path data, String targets, String targetsAre, String weight, String features, String id,
      String onInvalid, PrintWriter err) {
    if (data == null) {
      if (targets != null || features != null || weight != null || id != null) {
        throw new FracnetException("--targets, --features, --weight and --id need --data FILE;"
            + " without --data the bundled demo data is used");
      }
      return CsvDatasetReader.read(DemoFiles.file(), DemoFiles.spec());
    }
    if (targets == null) {
      throw new FracnetException("--data " + data + " needs --targets SPEC naming the fraction columns,"
          + " e.g. --targets 'y*'");
    }
    TargetKind kind = TargetKind.byId(targetsAre);
    if (kind == null) {
      throw new FracnetException("--targets-are " + targetsAre + " is not known; use fractions or counts");
    }
    InvalidRows policy = InvalidRows.byId(onInvalid);
    if (policy == null) {
      throw new FracnetException("--on-invalid " + onInvalid + " is not known; use error, skip or renormalize");
    }
    return CsvDatasetReader.read(data, new DatasetSpec(targets, kind, weight, features, id, policy),
        message -> err.println("fracnet: warning: " + message));
  }
}
