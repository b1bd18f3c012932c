package org.fracnet.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fracnet.core.Fracnet;
import org.fracnet.core.SettingsException;
import org.fracnet.core.TrainingInterruptedException;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.io.OutputFiles;
import org.fracnet.core.metrics.Metric;
import org.fracnet.core.model.Evaluation;
import org.fracnet.core.model.Model;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.training.FilePlan;
import org.fracnet.core.training.FitResult;
import org.fracnet.core.training.LearningRateSchedule;
import org.fracnet.core.training.ModelFitter;
import org.fracnet.core.training.OptimizerSettings;
import org.fracnet.core.training.StopSignal;
import org.fracnet.core.training.StreamConfig;
import org.fracnet.core.training.TrainingConfig;
import org.fracnet.core.training.TrainingSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fracnet train}: maps its flags onto {@link TrainingConfig} (whose defaults the help
 * quotes), calls {@link Fracnet#train} and prints the result. It holds no defaults and no training
 * logic of its own.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Train a model that predicts class fractions and save it.",
        "Without --data, trains on the bundled demo data (commute modes of 2000 groups, as counts)."})
final class TrainCommand implements Callable<Integer> {
  private final Fracnet fracnet;

  @Mixin
  DataFileOption file;

  @Mixin
  ColumnOptions columns;

  @Mixin
  TargetOptions reading;

  @Option(names = "--loss", paramLabel = "ID",
      description = "Loss id (see 'fracnet losses'). Default: " + TrainingConfig.DEFAULT_LOSS + ".")
  String loss;

  @Option(names = "--loss-param", paramLabel = "K=V", description = "A loss parameter; repeatable.")
  List<String> lossParams = new ArrayList<>();

  @Mixin
  NetworkOptions network;

  @Option(names = "--optimizer", paramLabel = "ID", description = "Optimizer id (see 'fracnet optimizers'). Default: adam.")
  String optimizer;

  @Option(names = "--optimizer-param", paramLabel = "K=V", description = "An optimizer parameter (e.g. momentum=0.9); repeatable.")
  List<String> optimizerParams = new ArrayList<>();

  @Option(names = "--epochs", paramLabel = "N", description = "Maximum epochs (iterations for a full-batch optimizer such as lbfgs)."
      + " Default: " + TrainingConfig.DEFAULT_EPOCHS + ", or " + TrainingConfig.DEFAULT_FULL_BATCH_EPOCHS + " for a full-batch optimizer.")
  Integer epochs;

  @Option(names = "--batch-size", paramLabel = "N", description = "Rows per mini-batch. Default: " + TrainingConfig.DEFAULT_BATCH_SIZE + ".")
  Integer batchSize;

  @Option(names = "--lr", paramLabel = "X", description = "Learning rate. Default: " + TrainingConfig.DEFAULT_LEARNING_RATE + ".")
  Double lr;

  @Option(names = "--lr-schedule", paramLabel = "KIND",
      description = "constant (the default), step (times --lr-gamma every --lr-step-epochs) or cosine (annealed per step to 0 at the last epoch).")
  String lrSchedule;

  @Option(names = "--lr-step-epochs", paramLabel = "N",
      description = "Epochs between decays of the step schedule. Default: " + LearningRateSchedule.DEFAULT_STEP_EPOCHS + ".")
  Integer lrStepEpochs;

  @Option(names = "--lr-gamma", paramLabel = "X", description = "Decay factor of the step schedule. Default: " + LearningRateSchedule.DEFAULT_GAMMA + ".")
  Double lrGamma;

  @Option(names = "--clip-norm", paramLabel = "X", description = "Clip the gradient's Euclidean norm to X per step (default: no clipping).")
  Double clipNorm;

  @Option(names = "--weight-decay", paramLabel = "X",
      description = "Weight decay, passed to the optimizer as weight-decay=X (L2 for sgd and adam, decoupled for adamw)."
          + " Default: the optimizer's own (0, or 0.01 for adamw).")
  Double weightDecay;

  @Option(names = "--seed", paramLabel = "N", description = "Seed for the split, initialisation and shuffling. Default: " + TrainingConfig.DEFAULT_SEED + ".")
  Long seed;

  @Option(names = "--ensemble", paramLabel = "N",
      description = "Train N networks, member m with seed + m and its own validation split, and average their predicted"
          + " fractions; one model file. With --tune, the N members are the settings ensemble selection picks"
          + " (the chosen one first). Default: " + TrainingConfig.DEFAULT_ENSEMBLE + " (a single network).")
  Integer ensemble;

  @Option(names = "--validation", paramLabel = "FRACTION",
      description = "Share of rows held out for validation and early stopping (0 for none). Default: "
          + TrainingConfig.DEFAULT_VALIDATION_FRACTION + ", or 0 for a full-batch optimizer, which then fits all rows (the maximum-likelihood fit).")
  Double validation;

  @Option(names = "--patience", paramLabel = "N", description = "Epochs without validation improvement before stopping. Default: " + TrainingConfig.DEFAULT_PATIENCE + ".")
  Integer patience;

  @Option(names = "--trainer", paramLabel = "ID", description = "Trainer id: nd4j (native) or java (pure Java). Default: nd4j when installed, else java.")
  String trainer;

  @Option(names = "--trainer-param", paramLabel = "K=V", description = "A trainer parameter (e.g. threads=2); repeatable.")
  List<String> trainerParams = new ArrayList<>();

  @Option(names = "--threads", paramLabel = "N", description = "Training threads (default: the trainer's choice, all cores).")
  Integer threads;

  @Option(names = "--out", paramLabel = "MODEL", description = "Model file to write. Default: " + Model.DEFAULT_FILE + ".")
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

  @Mixin
  ForceOption force;

  @Option(names = "--data-mode", paramLabel = "MODE",
      description = "auto (the default): stream --data FILE through a binary cache when reading it into memory would take"
          + " more than half the heap; memory: read it into memory; stream: always stream (bounded memory, any file size)."
          + " See docs/scale.md.")
  String dataMode;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Where a streamed file's binary cache is kept (reused while the file is unchanged)."
          + " Default: $XDG_CACHE_HOME/fracnet or ~/.cache/fracnet.")
  Path cacheDir;

  @Option(names = "--dry-run", description = "Print the file's rows and the memory in-memory and streamed training"
      + " would need, and which --data-mode auto picks; train nothing.")
  boolean dryRun;

  @Option(names = {"-q", "--quiet"}, description = "No progress output.")
  boolean quiet;

  // --- train --tune (TuneOptions holds the flags and the search's output) ---
  @Mixin
  TuneOptions tune;

  @Spec
  CommandSpec spec;

  private final Activity activity;

  @Inject
  TrainCommand(Fracnet fracnet, Activity activity) {
    this.fracnet = fracnet;
    this.activity = activity;
  }

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    Path modelFile = out != null ? out : Path.of(Model.DEFAULT_FILE);
    if (noCheckpoint && (resume || checkpoint != null)) {
      throw new SettingsException("--no-checkpoint cannot be combined with --resume or --checkpoint");
    }
    tune.check(resume, checkpoint);
    Path checkpointFile = noCheckpoint || tune.requested() ? null
        : checkpoint != null ? checkpoint : TrainingConfig.defaultCheckpoint(modelFile);
    TrainingConfig config = config(checkpointFile);
    fracnet.checkSettings(config); // a mistyped setting fails before a large file is read
    StreamConfig stream = StreamConfig.defaults();
    if (dataMode != null) {
      stream = stream.withMode(StreamConfig.Mode.of(dataMode));
    }
    if (cacheDir != null) {
      stream = stream.withCacheDirectory(cacheDir);
    }
    if (!dryRun) { // a dry run writes nothing
      OutputFiles.of(force.overwrite()).input("data file", file.data).output("model file", modelFile)
          .checkpoint(checkpointFile, resume).check();
    }
    boolean streamed = false;
    if (dryRun || file.data != null && (stream.mode() != StreamConfig.Mode.MEMORY || tune.requested())) {
      if (file.data == null) {
        throw new SettingsException("--dry-run needs --data FILE; the bundled demo data is small and read into memory");
      }
      FilePlan plan = stream.mode() == StreamConfig.Mode.MEMORY && !dryRun ? null
          : fracnet.plan(file.data, columns.spec(file, reading), stream);
      if (dryRun) {
        stdout.println(Flags.translate(plan.describe()));
        return 0;
      }
      streamed = plan != null && plan.stream();
      if (streamed && tune.requested()) {
        throw new SettingsException("--tune needs the rows in memory, and " + file.data + " would be streamed;"
            + " tune on a sample that fits, or give Java more memory (FRACNET_JAVA_OPTS=-Xmx...) and --data-mode memory");
      }
    }
    FitResult fit;
    try {
      fit = streamed ? trainStreamed(config, stream, stderr) : trainInMemory(config, stdout, stderr);
    } catch (TrainingInterruptedException e) {
      stderr.println("fracnet: interrupted: " + Flags.translate(e.situation()));
      stderr.println("fracnet: " + (e.checkpoint() != null ? "to continue, run: " + resumeCommand()
          : Flags.translate(e.continuation())));
      return e.exitCode();
    }
    activity.finishing("writing " + modelFile);
    fit.save(modelFile, checkpointFile);
    int members = fit.model().members().size();
    if (resume) {
      stdout.println(members == 1 ? "resumed after epoch " + fit.resumedAfterEpoch() + " from " + checkpointFile
          : "resumed " + fit.resumedAfterEpoch() + (fit.resumedAfterEpoch() == 1 ? " epoch" : " epochs")
              + " from the members' checkpoints beside " + checkpointFile);
    }
    if (members > 1) {
      printMembers(stdout, fit.model());
    }
    TrainingSummary s = fit.model().summary();
    // after a resume, the time is this run's, which trained only the epochs after the checkpoint
    String took = resume && fit.resumedAfterEpoch() > 0 && members == 1
        ? String.format(Locale.ROOT, ", epochs %d to %d in %.1f s", fit.resumedAfterEpoch() + 1, s.epochs(),
            s.wallSeconds())
        : String.format(Locale.ROOT, " in %.1f s", s.wallSeconds());
    if (members == 1) {
      stdout.printf(Locale.ROOT, "trained %d epoch%s (kept epoch %d, %s)%s, %.0f samples/s%n",
          s.epochs(), s.epochs() == 1 ? "" : "s", s.bestEpoch(), s.stopReason(), took, s.samplesPerSecond());
      stdout.printf(Locale.ROOT, "training loss %.6f at epoch %d%s%n", s.trainingLoss(), s.epochs(),
          Double.isNaN(s.validationLoss()) ? "" : String.format(Locale.ROOT, "; validation loss %.6f at the kept epoch %d",
              s.validationLoss(), s.bestEpoch()));
    } else {
      stdout.printf(Locale.ROOT, "trained an ensemble of %d members, %d epochs in all, in %.1f s, %.0f samples/s%n",
          members, s.epochs(), s.wallSeconds(), s.samplesPerSecond());
    }
    printHeldOut(fit, stdout, stderr);
    stdout.println("model written to " + modelFile);
    return 0;
  }

  /** Fewer held-out rows than this give a figure too rough to go by alone, and the output says so. */
  static final int FEW_HELD_OUT = 30;

  /** The held-out rows' KL, MSE and MAE against the mean predictor's, and a warning when no better. */
  private static void printHeldOut(FitResult fit, PrintWriter stdout, PrintWriter stderr) {
    Evaluation held = fit.heldOut();
    if (held != null) {
      stdout.printf(Locale.ROOT, "held-out (%d rows%s): KL %.5f (always predicting the training mean: %.5f), MSE %.6f, MAE %.5f%n",
          held.model().rows(), fit.model().members().size() == 1 ? ""
              : " held out by member 1, each predicted by the members that held it out too:"
              + " a conservative figure for the whole ensemble", held.model().get(Metric.KL), held.meanPredictor().get(Metric.KL),
          held.model().get(Metric.MSE), held.model().get(Metric.MAE));
      if (held.model().rows() < FEW_HELD_OUT) {
        stdout.printf(Locale.ROOT, "  (%d held-out rows give a rough figure; fracnet compare scores every row out of"
            + " fold)%n", held.model().rows());
      }
      String warning = fit.warning();
      if (warning != null) {
        stderr.println("fracnet: warning: " + Flags.translate(warning));
        stderr.flush();
      }
    }
  }

  /** Reads {@code --data} (or the demo data) into memory and trains, or tunes, on it. */
  private FitResult trainInMemory(TrainingConfig config, PrintWriter stdout, PrintWriter stderr) {
    activity.now("reading " + file.describe());
    Dataset dataset = columns.read(file, reading, stderr);
    if (!quiet && !tune.requested()) {
      stderr.println("training " + config.architecture().id() + " with loss " + config.loss() + " on " + dataset.rows()
          + " rows of " + file.describe() + " (" + dataset.featureCount() + " features, " + dataset.classCount() + " classes)");
    }
    if (tune.requested()) {
      return tune.run(fracnet, dataset, config, activity, stdout, stderr, quiet, file.describe());
    }
    StopSignal stop = new StopSignal();
    return activity.stoppable("training", stop, () -> fracnet.train(dataset, config,
        new ProgressReporter(stderr, System.console() != null, quiet), stop));
  }

  /** Trains on {@code --data} streamed through its binary cache (docs/scale.md). */
  private FitResult trainStreamed(TrainingConfig config, StreamConfig stream, PrintWriter stderr) {
    if (!quiet) {
      stderr.println("training " + config.architecture().id() + " with loss " + config.loss() + " on " + file.describe()
          + ", streamed (--data-mode " + stream.mode().id() + "; docs/scale.md)");
    }
    StopSignal stop = new StopSignal();
    return activity.stoppable("training", stop, () -> fracnet.train(file.data, columns.spec(file, reading), config,
        stream.withMode(StreamConfig.Mode.STREAM), new ProgressReporter(stderr, System.console() != null, quiet),
        stop, message -> {
          if (!quiet || message.startsWith(ModelFitter.WARNING)) { // warnings as in memory, even when quiet
            stderr.println("fracnet: " + Flags.translate(message));
          }
        }));
  }

  /** One line per member of an ensemble: its seed, epochs and kept validation loss. */
  private static void printMembers(PrintWriter stdout, Model model) {
    List<Model.Member> members = model.members();
    for (int m = 0; m < members.size(); m++) {
      TrainingSummary s = members.get(m).summary();
      stdout.printf(Locale.ROOT, "member %d of %d (seed %d): %d epoch%s (kept epoch %d, %s)%s%n", m + 1, members.size(),
          members.get(m).seed(), s.epochs(), s.epochs() == 1 ? "" : "s", s.bestEpoch(), s.stopReason(),
          Double.isNaN(s.validationLoss()) ? "" : String.format(Locale.ROOT, ", validation loss %.6f", s.validationLoss()));
    }
  }

  /**
   * How the user runs fracnet, for commands it prints: the launcher's path as called (it sets
   * {@code fracnet.command}, e.g. {@code ./fracnet}), else {@code fallback}.
   */
  static String commandName(String fallback) {
    String called = System.getProperty("fracnet.command");
    return called == null || called.isBlank() ? fallback : called;
  }

  /** {@code arg} as one word of a POSIX shell command: as it is when safe, else in single quotes. */
  private static String shellWord(String arg) {
    return arg.matches("[\\w@%+=:,./-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
  }

  /** This command as it was given, with {@code --resume}, quoted for a POSIX shell. */
  private String resumeCommand() {
    List<String> args = new ArrayList<>(spec.root().commandLine().getParseResult().originalArgs());
    if (!args.contains("--resume")) {
      args.add("--resume");
    }
    return shellCommand(spec.root().name(), args);
  }

  /**
   * A command for a POSIX shell: fracnet as the user runs it ({@link #commandName}, else
   * {@code fallback}), then {@code args}, each quoted where it needs to be.
   */
  static String shellCommand(String fallback, List<String> args) {
    StringBuilder command = new StringBuilder(commandName(fallback));
    for (String arg : args) {
      command.append(' ').append(shellWord(arg));
    }
    return command.toString();
  }

  /** The flags that were given, mapped onto the library's settings; the rest keep its defaults. */
  private TrainingConfig config(Path checkpointFile) {
    TrainingConfig.Builder b = TrainingConfig.builder();
    if (loss != null || !lossParams.isEmpty()) {
      String id = loss != null ? loss : TrainingConfig.DEFAULT_LOSS;
      b.loss(id, Parameters.parse("loss " + id, lossParams).asMap());
    }
    b.architecture(network.architecture());
    String optimizerId = optimizer != null ? optimizer : OptimizerSettings.adam().id();
    Parameters optParams = withOption(Parameters.parse("optimizer " + optimizerId, optimizerParams),
        "weight-decay", weightDecay, "--weight-decay", "--optimizer-param");
    b.optimizer(new OptimizerSettings(optimizerId, optParams));
    if (trainer != null || !trainerParams.isEmpty() || threads != null || clipNorm != null) {
      Parameters trainerParameters = withOption(withOption(Parameters.parse("trainer", trainerParams),
          "threads", threads, "--threads", "--trainer-param"), "clip-norm", clipNorm, "--clip-norm", "--trainer-param");
      b.trainer(trainer, trainerParameters.asMap());
    }
    if (epochs != null) {
      b.epochs(epochs);
    }
    if (batchSize != null) {
      b.batchSize(batchSize);
    }
    if (lr != null) {
      b.learningRate(lr);
    }
    if (lrSchedule != null || lrStepEpochs != null || lrGamma != null) {
      b.schedule(LearningRateSchedule.of(lrSchedule != null ? lrSchedule : LearningRateSchedule.CONSTANT.id(),
          lrStepEpochs != null ? lrStepEpochs : LearningRateSchedule.DEFAULT_STEP_EPOCHS,
          lrGamma != null ? lrGamma : LearningRateSchedule.DEFAULT_GAMMA));
    }
    if (seed != null) {
      b.seed(seed);
    }
    if (ensemble != null) {
      b.ensemble(ensemble);
    }
    if (patience != null) {
      b.patience(patience);
    }
    if (validation != null) {
      b.validationFraction(validation);
    }
    return b.checkpoint(checkpointFile).resume(resume).build();
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
      throw new SettingsException(option + " " + value + " and " + listOption + " " + key + "="
          + parameters.getString(key, "") + " both set " + key + "; give it once");
    }
    return parameters.with(key, value.toString());
  }
}
