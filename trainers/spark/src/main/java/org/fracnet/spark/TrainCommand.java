package org.fracnet.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.fracnet.core.SettingsException;
import org.fracnet.core.data.DatasetSpec;
import org.fracnet.core.io.OutputFiles;
import org.fracnet.core.io.Overwrite;
import org.fracnet.core.model.Model;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.training.Architecture;
import org.fracnet.core.training.FitResult;
import org.fracnet.core.training.LearningRateSchedule;
import org.fracnet.core.training.OptimizerSettings;
import org.fracnet.core.training.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train} on Spark: maps the flags given onto {@link TrainingConfig} (whose defaults the help
 * quotes), calls {@link SparkFracnet#train} and writes the model file on the driver.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Train a model that predicts class fractions on the rows of a table Spark reads, and save it"
        + " (a file on the driver).", "Not on Spark: ensembles."})
final class TrainCommand implements Callable<Integer> {
  @Mixin
  InputOptions input;

  @Mixin
  TargetColumnOptions columns;

  @Option(names = "--loss", paramLabel = "ID", description = "Loss id. Default: " + TrainingConfig.DEFAULT_LOSS + ".")
  String loss;

  @Option(names = "--loss-param", paramLabel = "K=V", description = "A loss parameter; repeatable.")
  List<String> lossParams = new ArrayList<>();

  @Option(names = "--arch", paramLabel = "ID", description = "linear or mlp. Default: mlp.")
  String arch;

  @Option(names = "--hidden", paramLabel = "SIZES", description = "Hidden layer widths for mlp, e.g. 64,64 (the default).")
  String hidden;

  @Option(names = "--activation", paramLabel = "NAME", description = "relu (default) or tanh, for mlp.")
  String activation;

  @Option(names = "--optimizer", paramLabel = "ID", description = "Optimizer id, e.g. lbfgs, sgd, adamw. Default: adam.")
  String optimizer;

  @Option(names = "--optimizer-param", paramLabel = "K=V", description = "An optimizer parameter (e.g. tolerance=1e-10); repeatable.")
  List<String> optimizerParams = new ArrayList<>();

  @Option(names = "--weight-decay", paramLabel = "X",
      description = "Weight decay, passed to the optimizer as weight-decay=X. Default: the optimizer's own (0, or 0.01 for adamw).")
  Double weightDecay;

  @Option(names = "--trainer-param", paramLabel = "K=V",
      description = "A parameter of the spark trainer: sync=steps (synchronous data-parallel steps, the default) or sync=average"
          + " (parameter averaging after every epoch), depth=N (of treeAggregate, default 2); repeatable.")
  List<String> trainerParams = new ArrayList<>();

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

  @Option(names = "--patience", paramLabel = "N", description = "Epochs without validation improvement before stopping. Default: " + TrainingConfig.DEFAULT_PATIENCE + ".")
  Integer patience;

  @Option(names = "--validation", paramLabel = "FRACTION",
      description = "Share of rows held out for validation and early stopping (0 for none), row by row. Default: "
          + TrainingConfig.DEFAULT_VALIDATION_FRACTION + ", or 0 for a full-batch optimizer, which then fits all rows.")
  Double validation;

  @Option(names = "--seed", paramLabel = "N", description = "Seed for the split, initialisation and shuffling. Default: " + TrainingConfig.DEFAULT_SEED + ".")
  Long seed;

  @Option(names = "--out", paramLabel = "MODEL", description = "Model file to write, on the driver. Default: " + Model.DEFAULT_FILE + ".")
  Path out;

  @Option(names = "--force", description = "Replace a model file that exists (without it, the command refuses before it starts).")
  boolean force;

  @Option(names = "--checkpoint", paramLabel = "FILE",
      description = "Checkpoint written on the driver after every epoch of a mini-batch run, so that a run whose driver"
          + " was stopped can be resumed (default: MODEL.checkpoint; deleted once the model is written).")
  Path checkpoint;

  @Option(names = "--no-checkpoint", description = "Write no checkpoint.")
  boolean noCheckpoint;

  @Option(names = "--resume", description = "Continue a stopped run from its checkpoint: the same command with --resume"
      + " (only --epochs may change), on the same data with the same partitioning.")
  boolean resume;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    Path model = out != null ? out : Path.of(Model.DEFAULT_FILE);
    if (noCheckpoint && (resume || checkpoint != null)) {
      throw new SettingsException("--no-checkpoint cannot be combined with --resume or --checkpoint");
    }
    Path checkpointFile = noCheckpoint ? null : checkpoint != null ? checkpoint : TrainingConfig.defaultCheckpoint(model);
    OutputFiles.of(force ? Overwrite.REPLACE : Overwrite.REFUSE).output("model file", model)
        .checkpoint(checkpointFile, resume).check();
    TrainingConfig config = config().toBuilder().checkpoint(checkpointFile).resume(resume).build();
    DatasetSpec rows = columns.spec();
    SparkSession spark = input.session("train");
    FitResult fit = input.fracnet(spark, spec.commandLine().getErr()).train(input.read(spark), rows, config);
    fit.save(model, checkpointFile);
    if (resume) {
      stdout.println("resumed after epoch " + fit.resumedAfterEpoch() + " from " + checkpointFile);
    }
    stdout.println("trained " + fit.model() + ": " + fit.model().summary().stopReason() + " after "
        + fit.model().summary().epochs() + " epochs; wrote " + model);
    if (fit.heldOut() != null) {
      stdout.println(fit.heldOut());
    }
    return 0;
  }

  /** The flags that were given, mapped onto the library's settings; the rest keep its defaults. */
  TrainingConfig config() {
    TrainingConfig.Builder b = TrainingConfig.builder();
    if (loss != null || !lossParams.isEmpty()) {
      b.loss(loss != null ? loss : TrainingConfig.DEFAULT_LOSS, pairs(lossParams, "loss"));
    }
    Parameters network = Parameters.empty();
    if (hidden != null) {
      network = network.with("hidden", hidden);
    }
    if (activation != null) {
      network = network.with("activation", activation);
    }
    b.architecture(new Architecture(arch != null ? arch : Architecture.mlp().id(), network));
    Map<String, String> optimizerParameters = pairs(optimizerParams, "optimizer");
    if (weightDecay != null) {
      optimizerParameters.put("weight-decay", weightDecay.toString());
    }
    b.optimizer(OptimizerSettings.of(optimizer != null ? optimizer : OptimizerSettings.adam().id(), optimizerParameters));
    if (!trainerParams.isEmpty()) {
      b.trainer(SparkTrainer.ID, pairs(trainerParams, "trainer"));
    }
    if (lrSchedule != null || lrStepEpochs != null || lrGamma != null) {
      b.schedule(LearningRateSchedule.of(lrSchedule != null ? lrSchedule : LearningRateSchedule.CONSTANT.id(),
          lrStepEpochs != null ? lrStepEpochs : LearningRateSchedule.DEFAULT_STEP_EPOCHS,
          lrGamma != null ? lrGamma : LearningRateSchedule.DEFAULT_GAMMA));
    }
    if (epochs != null) {
      b.epochs(epochs);
    }
    if (batchSize != null) {
      b.batchSize(batchSize);
    }
    if (patience != null) {
      b.patience(patience);
    }
    if (lr != null) {
      b.learningRate(lr);
    }
    if (validation != null) {
      b.validationFraction(validation);
    }
    if (seed != null) {
      b.seed(seed);
    }
    return b.build();
  }

  private static Map<String, String> pairs(List<String> values, String owner) {
    return new LinkedHashMap<>(Parameters.parse(owner, values).asMap());
  }
}
