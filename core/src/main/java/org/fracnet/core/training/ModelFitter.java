package org.fracnet.core.training;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.fracnet.core.DataException;
import org.fracnet.core.ModelFileException;
import org.fracnet.core.SettingsException;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.discovery.Plugins;
import org.fracnet.core.model.CheckpointFile;
import org.fracnet.core.model.Model;
import org.fracnet.core.model.Standardization;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.OptimizerProvider;
import org.fracnet.core.spi.TargetStatistics;
import org.fracnet.core.spi.Trainer;
import org.fracnet.core.spi.TrainerProvider;

/**
 * Fits models with discovered providers: the validation split, feature standardisation, target
 * statistics, creating the loss, network, optimizer and trainer, the run record and the resume
 * check, then {@link TrainingLoop}. Users call it through {@link org.fracnet.core.Fracnet#train}.
 * Thread-safe; holds only the plugins.
 */
public final class ModelFitter {
  private final Plugins plugins;

  /** A fitter over {@code plugins}. */
  public ModelFitter(Plugins plugins) {
    this.plugins = plugins;
  }

  /**
   * Trains a model on {@code data} as {@code config} says, until done or until {@code stop} is
   * requested.
   *
   * @throws org.fracnet.core.FracnetException on unknown ids, invalid settings, a checkpoint of
   *     another run, or a diverging run
   * @throws org.fracnet.core.TrainingInterruptedException when {@code stop} was requested
   */
  public FitResult fit(Dataset data, TrainingConfig config, TrainingListener listener, StopSignal stop) {
    OptimizerProvider optimizer = plugins.optimizers().require(config.optimizer().id());
    boolean fullBatch = optimizer.fullBatch();
    int maxEpochs = config.epochs(fullBatch);
    double fraction = config.validationFraction(fullBatch);
    Dataset[] split = split(data, fraction, config.seed());
    Dataset rawTrain = split[0];
    Dataset validation = split[1];
    Standardization std = Standardization.fit(rawTrain.rows(), rawTrain.featureCount(), rawTrain.features());
    // With rows held out, the training split is this method's own copy: standardised in place, it
    // saves a copy of most of the features at the peak. Without, it is the caller's data.
    Dataset train = rawTrain == data ? rawTrain.withFeatures(std.apply(rawTrain.features()))
        : rawTrain.withFeatures(std.applyInPlace(rawTrain.features()));
    Dataset validationStd = validation == null ? null : validation.withFeatures(std.apply(validation.features()));
    TargetStatistics stats = TargetStatistics.of(train.rows(), train.classCount(), train.targets(),
        train.weights(), train.weightsAreCounts());
    LossFunction loss = plugins.losses().require(config.loss()).create(config.lossParameters(), stats);
    NetworkSpec network = plugins.architectures().require(config.architecture().id())
        .create(config.architecture().parameters(), train.featureCount(), loss.outputs());
    String trainerId = trainerId(config);
    Trainer trainer = plugins.trainers().require(trainerId)
        .create(config.trainerParameters().withOwner("trainer " + trainerId));
    RunRecord record = new RunRecord(data.source(), data.rows(), train.rows(),
        validation == null ? 0 : validation.rows(), data.weightsAreCounts() ? "counts" : "fractions",
        config.loss(), config.lossParameters().asMap(), config.architecture().id(),
        config.architecture().parameters().asMap(), config.optimizer().id(),
        config.optimizer().parameters().asMap(), trainerId, config.trainerParameters().asMap(),
        Runtime.getRuntime().availableProcessors(), maxEpochs, config.batchSize(), config.learningRate(),
        config.schedule().id(), config.schedule().stepEpochs(), config.schedule().gamma(), config.seed(),
        config.patience(), fraction, stats.classMeans());
    TrainingCheckpoint resumeFrom = null;
    if (config.resume()) {
      CheckpointFile.Saved saved = CheckpointFile.read(config.checkpoint());
      List<String> conflicts = saved.run().resumeConflicts(record);
      if (!conflicts.isEmpty()) {
        throw new ModelFileException("checkpoint " + config.checkpoint() + " was written by another run ("
            + String.join(", ", conflicts) + "); resume with the same data and settings (only the epochs may"
            + " change, and not with the cosine schedule, whose rate depends on them), or run without resume(true)");
      }
      CheckpointFile.requireFits(config.checkpoint(), saved, network); // e.g. other features, same settings
      resumeFrom = saved.checkpoint();
    }
    OnceFinished once = new OnceFinished(listener);
    TrainingLoop.Outcome outcome;
    try {
      outcome = new TrainingLoop(train, validationStd, network, loss, stats, optimizer,
          config.optimizer().parameters(), trainer, config, maxEpochs, once, record, stop).run(resumeFrom);
    } catch (RuntimeException | Error e) {
      once.finished(new TrainingSummary(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          "failed: " + e.getMessage()));
      throw e;
    }
    Model model = new Model(network, outcome.weights(), std, data.featureNames(), data.classNames(),
        data.idColumn(), loss, record, outcome.summary());
    return new FitResult(model, validation, validation == null ? null : model.evaluate(validation),
        resumeFrom == null ? 0 : resumeFrom.epoch());
  }

  /** The configured trainer, or the first of {@link TrainingConfig#DEFAULT_TRAINERS} installed. */
  private String trainerId(TrainingConfig config) {
    if (config.trainer() != null) {
      return config.trainer();
    }
    for (String id : TrainingConfig.DEFAULT_TRAINERS) {
      if (plugins.trainers().byId().containsKey(id)) {
        return id;
      }
    }
    throw new SettingsException("no trainer is installed (looked for " + Arrays.toString(TrainingConfig.DEFAULT_TRAINERS)
        + "); add fracnet-trainer-java or fracnet-trainer-nd4j to the classpath, or set trainer to a plugin's id");
  }

  /**
   * Splits rows at random (seeded) into training and validation; validation is {@code null} when
   * the fraction is 0.
   */
  static Dataset[] split(Dataset all, double fraction, long seed) {
    int n = all.rows();
    int held = (int) Math.round(n * fraction);
    if (fraction > 0 && (held < 1 || n - held < 1)) {
      throw new DataException(all.source() + " has " + n + (n == 1 ? " row" : " rows") + ", too few to hold out "
          + fraction + " for validation; set validationFraction(0) or give more rows");
    }
    if (held == 0) {
      return new Dataset[] {all, null};
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] val = Arrays.copyOfRange(order, 0, held);
    int[] tr = Arrays.copyOfRange(order, held, n);
    Arrays.sort(val);
    Arrays.sort(tr);
    return new Dataset[] {all.select(tr), all.select(val)};
  }

  /** Passes everything on, and {@link #finished} only once (a failing run may call it twice). */
  private static final class OnceFinished implements TrainingListener {
    private final TrainingListener next;
    private boolean finished;

    OnceFinished(TrainingListener next) {
      this.next = next;
    }

    @Override
    public void started(int maxEpochs, int batchesPerEpoch) {
      next.started(maxEpochs, batchesPerEpoch);
    }

    @Override
    public void batchDone(int epoch, int batch) {
      next.batchDone(epoch, batch);
    }

    @Override
    public void epochDone(int epoch, double trainingLoss, double validationLoss) {
      next.epochDone(epoch, trainingLoss, validationLoss);
    }

    @Override
    public boolean wantsCheckpoints() {
      return next.wantsCheckpoints();
    }

    @Override
    public void checkpoint(TrainingCheckpoint checkpoint) {
      next.checkpoint(checkpoint);
    }

    @Override
    public void finished(TrainingSummary summary) {
      if (!finished) {
        finished = true;
        next.finished(summary);
      }
    }
  }
}
