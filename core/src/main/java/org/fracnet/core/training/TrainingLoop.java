package org.fracnet.core.training;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.fracnet.core.SettingsException;
import org.fracnet.core.TrainingException;
import org.fracnet.core.TrainingInterruptedException;
import org.fracnet.core.data.ChunkedRows;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.data.TrainingRows;
import org.fracnet.core.model.CheckpointFile;
import org.fracnet.core.spi.DataObjective;
import org.fracnet.core.spi.EngineSetup;
import org.fracnet.core.spi.FullBatchOptimizer;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.MiniBatchEngine;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Optimizer;
import org.fracnet.core.spi.OptimizerProvider;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;
import org.fracnet.core.spi.Trainer;

/**
 * The one training loop, for every trainer: a {@link Trainer} supplies only a
 * {@link MiniBatchEngine} (one batch's gradient and step) or, for a full-batch optimizer, a
 * {@link DataObjective}.
 *
 * <p>A mini-batch run: draw the initial weights from the seed ({@link Initialisation}); then per
 * epoch shuffle the rows with the seed's second stream (rows read in chunks, {@link ChunkedRows}:
 * shuffle the chunk order, then the rows of each group of chunks as it is read), run every batch
 * (the last one may be smaller: no row is dropped), stop with a {@link TrainingException} when a batch's loss is not
 * finite, step with the schedule's rate; then compute the validation loss, keep the best weights,
 * and stop after {@code patience} epochs without a strict improvement; after each epoch, write a
 * checkpoint when asked. A resumed run restores weights, optimizer state, early-stopping state
 * and replays the shuffles of the epochs done, so it ends bit-identical to an unbroken one.
 *
 * <p>Before each batch the loop looks at its {@link StopSignal}; once a stop is requested it
 * throws a {@link TrainingInterruptedException}. The checkpoint then holds the last complete
 * epoch (the batches of the unfinished one run again on resuming); a run stopped in its first
 * epoch first writes the starting point as the checkpoint of epoch 0, so that it too resumes.
 *
 * <p>A full-batch run gives the optimizer the trainer's objective over all training rows, with
 * at most {@code epochs} iterations, each reported as an epoch of one batch; with validation rows
 * it stops early per iteration the same way. It keeps no checkpoints.
 */
public final class TrainingLoop {
  private final TrainingRows train;
  private final TrainingRows validation;
  private final NetworkSpec network;
  private final LossFunction loss;
  private final TargetStatistics statistics;
  private final OptimizerProvider optimizer;
  private final Parameters optimizerParameters;
  private final Trainer trainer;
  private final TrainingConfig config;
  private final int maxEpochs;
  private final TrainingListener listener;
  private final RunRecord record;
  private final StopSignal stop;
  private final long wallStart = System.nanoTime();

  /**
   * The kept weights and what the run did.
   *
   * @param weights per layer W then b
   * @param summary what the run did
   * @param fullPrecision a full-batch run's kept weights before rounding to float32 (flat, in
   *     double), or {@code null} after a mini-batch run
   */
  public record Outcome(List<float[]> weights, TrainingSummary summary, double[] fullPrecision) {}

  /**
   * Runs the loop on rows that are already standardised, without a validation split: for trainer
   * authors and their tests, which check an engine against the reference with the loop every
   * user runs. {@link org.fracnet.core.Fracnet#train} is the way for everyone else.
   *
   * @param validation validation rows, or {@code null}
   * @param config the settings; its checkpoint file must be {@code null} (checkpoints reach the
   *     listener when it {@linkplain TrainingListener#wantsCheckpoints() wants them})
   * @param resumeFrom a checkpoint of the same run, or {@code null}
   */
  public static Outcome run(Trainer trainer, Dataset train, Dataset validation, NetworkSpec network,
      LossFunction loss, OptimizerProvider optimizer, Parameters optimizerParameters, TrainingConfig config,
      TrainingListener listener, TrainingCheckpoint resumeFrom) {
    TargetStatistics statistics = TargetStatistics.of(train.rows(), train.classCount(), train.targets(),
        train.weights(), train.weightsAreCounts());
    return run(trainer, train, validation, statistics, network, loss, optimizer, optimizerParameters, config, listener,
        resumeFrom);
  }

  /**
   * Runs the loop on rows of any kind ({@link TrainingRows}: in memory, in chunks, or held by the
   * trainer, such as a cluster's partitions), already standardised, with the target statistics
   * their loss and initial weights were made from: for trainer plugins whose rows are not a
   * {@link Dataset}. As {@link #run(Trainer, Dataset, Dataset, NetworkSpec, LossFunction,
   * OptimizerProvider, Parameters, TrainingConfig, TrainingListener, TrainingCheckpoint)} otherwise.
   */
  public static Outcome run(Trainer trainer, TrainingRows train, TrainingRows validation,
      TargetStatistics statistics, NetworkSpec network, LossFunction loss, OptimizerProvider optimizer,
      Parameters optimizerParameters, TrainingConfig config, TrainingListener listener, TrainingCheckpoint resumeFrom) {
    if (config.checkpoint() != null) {
      throw new SettingsException("checkpoint(file) needs a run record; train through Fracnet.train, or pass the"
          + " run's RunRecord to TrainingLoop.run, to keep checkpoint files");
    }
    return run(trainer, train, validation, statistics, network, loss, optimizer, optimizerParameters, config, listener,
        null, new StopSignal(), resumeFrom);
  }

  /**
   * Runs the loop on rows of any kind, as {@link #run(Trainer, TrainingRows, TrainingRows,
   * TargetStatistics, NetworkSpec, LossFunction, OptimizerProvider, Parameters, TrainingConfig,
   * TrainingListener, TrainingCheckpoint)} does, keeping checkpoints as
   * {@link org.fracnet.core.Fracnet#train} does: with {@link TrainingConfig#checkpoint()} set, a
   * mini-batch run writes it, with {@code record}, after every epoch (and when {@code stop} ends the
   * run before the first). For trainer plugins that train where {@code Fracnet.train} cannot, such
   * as a cluster's partitions. The caller holds the checkpoint's {@link CheckpointLock} for the run,
   * and deletes the checkpoint once the model is saved ({@link FitResult#save}).
   *
   * @param record the run's data and settings, written into its checkpoints
   * @param stop asks the run to stop after its current batch
   * @param resumeFrom the checkpoint to continue from, once {@link CheckpointFile#resumable} has
   *     checked it against {@code record}, or {@code null}
   * @throws org.fracnet.core.TrainingInterruptedException when {@code stop} was requested
   */
  public static Outcome run(Trainer trainer, TrainingRows train, TrainingRows validation,
      TargetStatistics statistics, NetworkSpec network, LossFunction loss, OptimizerProvider optimizer,
      Parameters optimizerParameters, TrainingConfig config, TrainingListener listener, RunRecord record,
      StopSignal stop, TrainingCheckpoint resumeFrom) {
    return new TrainingLoop(train, validation, network, loss, statistics, optimizer, optimizerParameters,
        trainer, config, config.epochs(optimizer.fullBatch()), listener, record, stop).run(resumeFrom);
  }

  TrainingLoop(TrainingRows train, TrainingRows validation, NetworkSpec network, LossFunction loss,
      TargetStatistics statistics, OptimizerProvider optimizer, Parameters optimizerParameters,
      Trainer trainer, TrainingConfig config, int maxEpochs, TrainingListener listener, RunRecord record,
      StopSignal stop) {
    this.train = train;
    this.validation = validation == null || validation.rows() == 0 ? null : validation;
    this.network = network;
    this.loss = loss;
    this.statistics = statistics;
    this.optimizer = optimizer;
    this.optimizerParameters = optimizerParameters;
    this.trainer = trainer;
    this.config = config;
    this.maxEpochs = maxEpochs;
    this.listener = listener;
    this.record = record;
    this.stop = stop;
  }

  /** Runs the training; {@code resumeFrom} is a checkpoint of this run, or {@code null}. */
  Outcome run(TrainingCheckpoint resumeFrom) {
    SplittableRandom root = new SplittableRandom(config.seed());
    float[] initial = Initialisation.weights(network, loss, statistics, root.split());
    if (optimizer.fullBatch()) {
      if (resumeFrom != null) {
        throw new SettingsException("resume(true) is not possible with the full-batch optimizer " + optimizer.id()
            + ", which keeps no checkpoints; run without resume(true)");
      }
      return fullBatch(initial);
    }
    return miniBatch(initial, root.split(), resumeFrom);
  }

  private Outcome miniBatch(float[] initial, SplittableRandom shuffler, TrainingCheckpoint resume) {
    Optimizer step = optimizer.create(optimizerParameters, network.parameterCount());
    int n = train.rows();
    int batch = Math.min(config.batchSize(), n);
    Feed feed = train instanceof ChunkedRows chunked ? new ChunkFeed(chunked) : new WholeFeed(n);
    Path checkpointFile = config.checkpoint();
    try (MiniBatchEngine engine = trainer.miniBatch(
        new EngineSetup(network, loss, train, validation, batch, initial, config.seed()))) {
      float[] best = null;
      double bestLoss = Double.POSITIVE_INFINITY;
      int bestEpoch = 0;
      int sinceBest = 0;
      int epochsRun = 0;
      double trainingLoss = Double.NaN;
      long trainNanos = 0;
      long samples = 0;
      String stopReason = "max epochs";
      int firstEpoch = 1;
      if (resume != null) {
        engine.setWeights(network.join(resume.weights()));
        step.restore(resume.optimizer());
        for (int e = 0; e < resume.epoch(); e++) {
          feed.replay(shuffler); // the epochs done, so the next shuffles are an unbroken run's
        }
        best = resume.bestWeights() == null ? null : network.join(resume.bestWeights());
        bestLoss = resume.bestLoss();
        bestEpoch = resume.bestEpoch();
        sinceBest = resume.sinceBest();
        epochsRun = resume.epoch();
        trainingLoss = resume.trainingLoss();
        trainNanos = resume.trainNanos();
        samples = resume.samples();
        firstEpoch = resume.epoch() + 1;
        if (validation != null && sinceBest >= config.patience()) {
          firstEpoch = maxEpochs + 1; // it had stopped early already
          stopReason = earlyStopping("epoch");
        }
      }
      listener.started(maxEpochs, feed.batches(batch));
      for (int epoch = firstEpoch; epoch <= maxEpochs; epoch++) {
        long start = System.nanoTime(); // the shuffle counts as training time, as in PyTorch's loop
        feed.shuffle(shuffler);
        int batches = feed.batches(batch);
        double sum = 0;
        double weight = 0;
        int b = 0;
        for (int g = 0; g < feed.groups(); g++) {
          int[] order = feed.group(g, engine, shuffler);
          int rows = feed.groupRows(g);
          for (int from = 0; from < rows; from += batch, b++) {
            if (stop.requested()) {
              TrainingSummary summary = new TrainingSummary(epochsRun, validation != null ? bestEpoch : epochsRun,
                  samplesPerSecond(samples, trainNanos), wallSeconds(), trainingLoss,
                  validation != null ? bestLoss : Double.NaN, TrainingSummary.STOPPED);
              throw stopped(epoch, b, batches, initial, summary);
            }
            double value = engine.gradient(order, from, Math.min(batch, rows - from));
            if (!Double.isFinite(value)) {
              throw diverged("training", value, epoch, b + 1, batches, epochsRun, trainNanos, samples);
            }
            engine.step(step, config.schedule().rate(config.learningRate(), epoch - 1, b, batches, maxEpochs));
            double w = engine.batchWeight();
            sum += value * w;
            weight += w;
            listener.batchDone(epoch, b + 1);
          }
        }
        trainNanos += System.nanoTime() - start;
        samples += n;
        epochsRun = epoch;
        trainingLoss = sum / weight;
        double validationLoss = Double.NaN;
        if (validation != null) {
          validationLoss = validationLoss(engine);
          if (!Double.isFinite(validationLoss)) {
            throw diverged("validation", validationLoss, epoch, b, b, epochsRun, trainNanos, samples);
          }
          if (validationLoss < bestLoss) {
            bestLoss = validationLoss;
            bestEpoch = epoch;
            best = engine.weights();
            sinceBest = 0;
          } else {
            sinceBest++;
          }
        }
        listener.epochDone(epoch, trainingLoss, validationLoss);
        if (checkpointFile != null || listener.wantsCheckpoints()) {
          TrainingCheckpoint checkpoint = new TrainingCheckpoint(epoch, network.split(engine.weights()),
              best == null ? null : network.split(best), bestEpoch, bestLoss, sinceBest, trainingLoss,
              samples, trainNanos, step.state());
          if (checkpointFile != null) {
            CheckpointFile.write(checkpointFile, checkpoint, record);
          }
          listener.checkpoint(checkpoint);
        }
        if (validation != null && sinceBest >= config.patience()) {
          stopReason = earlyStopping("epoch");
          break;
        }
      }
      float[] kept = best != null ? best : engine.weights();
      TrainingSummary summary = new TrainingSummary(epochsRun, validation != null ? bestEpoch : epochsRun,
          samplesPerSecond(samples, trainNanos), wallSeconds(), trainingLoss,
          validation != null ? bestLoss : Double.NaN, stopReason);
      listener.finished(summary);
      return new Outcome(network.split(kept), summary, null);
    }
  }

  /**
   * The exception for a run stopped before batch {@code batchesDone + 1} of {@code epoch}, after
   * keeping the starting point when no epoch is kept yet.
   */
  private TrainingInterruptedException stopped(int epoch, int batchesDone, int batches, float[] initial,
      TrainingSummary summary) {
    Path file = config.checkpoint();
    int kept = summary.epochs();
    if (kept == 0 && (file != null || listener.wantsCheckpoints())) {
      TrainingCheckpoint start = new TrainingCheckpoint(0, network.split(initial), null, 0, Double.POSITIVE_INFINITY,
          0, Double.NaN, 0, 0, optimizer.create(optimizerParameters, network.parameterCount()).state());
      if (file != null) {
        CheckpointFile.write(file, start, record);
      }
      listener.checkpoint(start);
    }
    listener.finished(summary);
    String where = "training stopped on request " + (batchesDone > 0
        ? "in epoch " + epoch + " after batch " + batchesDone + " of " + batches
        : epoch == 1 ? "before the first epoch" : "after epoch " + (epoch - 1));
    if (file == null) {
      return new TrainingInterruptedException(where, "without checkpoint(file) the run cannot be resumed", null,
          kept, epoch, batchesDone, batches);
    }
    return new TrainingInterruptedException(where + "; the checkpoint " + file + " holds "
        + (kept == 0 ? "the starting point" : kept == 1 ? "the first epoch" : "the " + kept + " epochs done"),
        "train again with the same data and settings and resume(true) to continue", file, kept, epoch,
        batchesDone, batches);
  }

  private Outcome fullBatch(float[] initial) {
    FullBatchOptimizer minimiser = optimizer.createFullBatch(optimizerParameters);
    int limit = minimiser.iterationLimit(maxEpochs);
    double[] x = new double[initial.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = initial[i];
    }
    try (DataObjective objective = trainer.fullBatch(network, train, loss);
        DataObjective held = validation == null ? null : trainer.fullBatch(network, validation, loss)) {
      EarlyStopping progress = new EarlyStopping(held);
      listener.started(limit, 1);
      long start = System.nanoTime();
      FullBatchOptimizer.Result r = minimiser.minimise(objective, x, maxEpochs, progress);
      long nanos = System.nanoTime() - start;
      if (r.stop() == FullBatchOptimizer.Stop.NOT_FINITE || !Double.isFinite(r.value())) {
        listener.finished(new TrainingSummary(r.iterations(), 0, Double.NaN, wallSeconds(), Double.NaN,
            Double.NaN, "diverged"));
        throw new TrainingException("training failed: the training loss of loss " + loss.id() + " is "
            + r.value() + " (gradient norm " + r.gradientNorm() + ") at the initial weights (optimizer "
            + optimizer.id() + ", full batch); check the targets and the loss's parameters (e.g. its"
            + " zero policy)");
      }
      double[] kept = x;
      int bestEpoch = r.iterations();
      double validationLoss = Double.NaN;
      if (held != null) {
        if (progress.best == null) { // no iteration ran: judge the start
          progress.bestLoss = held.value(x);
          progress.best = x.clone();
        }
        kept = progress.best;
        bestEpoch = progress.bestIteration;
        validationLoss = progress.bestLoss;
      }
      TrainingSummary summary = new TrainingSummary(r.iterations(), bestEpoch,
          nanos > 0 ? (double) train.rows() * objective.evaluations() / (nanos / 1e9) : Double.NaN,
          wallSeconds(), r.value(), validationLoss, fullBatchStopReason(r));
      listener.finished(summary);
      float[] rounded = new float[kept.length];
      for (int i = 0; i < kept.length; i++) {
        rounded[i] = (float) kept[i];
      }
      return new Outcome(network.split(rounded), summary, kept.clone());
    }
  }

  private String fullBatchStopReason(FullBatchOptimizer.Result r) {
    String norm = String.format(Locale.ROOT, "gradient norm %.3g", r.gradientNorm());
    return switch (r.stop()) {
      case CONVERGED -> "converged (" + norm + ")";
      case MAX_ITERATIONS -> "max iterations (" + norm + ")";
      case NO_PROGRESS -> "no further progress (" + norm + "; the line search found no lower"
          + " loss, usually rounding close to the minimum)";
      case STOPPED -> earlyStopping("iteration");
      case NOT_FINITE -> "diverged";
    };
  }

  private String earlyStopping(String unit) {
    int patience = config.patience();
    return "early stopping: no validation improvement in " + patience + " " + unit + (patience == 1 ? "" : "s");
  }

  /** Reports full-batch iterations as epochs and stops early on the validation loss. */
  private final class EarlyStopping implements FullBatchOptimizer.Listener {
    private final DataObjective held;
    double[] best;
    double bestLoss = Double.POSITIVE_INFINITY;
    int bestIteration;
    private int sinceBest;

    EarlyStopping(DataObjective held) {
      this.held = held;
    }

    @Override
    public boolean iterationDone(int iteration, double value, double gradientNorm, double[] x) {
      if (stop.requested()) {
        listener.finished(new TrainingSummary(iteration, bestIteration, Double.NaN, wallSeconds(), value,
            held == null ? Double.NaN : bestLoss, TrainingSummary.STOPPED));
        throw new TrainingInterruptedException("training stopped on request after iteration " + iteration + " of the"
            + " full-batch optimizer " + optimizer.id(), "it keeps no checkpoints, so train again to start over",
            null, 0, iteration + 1, 0, 1);
      }
      listener.batchDone(iteration, 1);
      double validationLoss = Double.NaN;
      if (held != null) {
        validationLoss = held.value(x);
        if (!Double.isFinite(validationLoss)) {
          listener.finished(new TrainingSummary(iteration, bestIteration, Double.NaN, wallSeconds(), value,
              Double.NaN, "diverged"));
          throw new TrainingException("training diverged: the validation loss became " + validationLoss
              + " at iteration " + iteration + " (optimizer " + optimizer.id() + ", full batch, training loss "
              + value + "); hold out more rows or check the validation targets");
        }
        if (validationLoss < bestLoss) {
          bestLoss = validationLoss;
          bestIteration = iteration;
          best = x.clone();
          sinceBest = 0;
        } else {
          sinceBest++;
        }
      }
      listener.epochDone(iteration, value, validationLoss);
      return held == null || sinceBest < config.patience();
    }
  }

  /**
   * The validation loss at the engine's weights: the engine's own for rows in memory, else the
   * weighted mean of the loss of each group of chunks.
   */
  private double validationLoss(MiniBatchEngine engine) {
    if (!(validation instanceof ChunkedRows chunked)) {
      return engine.validationLoss();
    }
    double total = 0;
    double weight = 0;
    for (int g = 0; g < chunked.groupsInOrder(); g++) {
      Dataset rows = chunked.readInOrder(g);
      double w = 0;
      for (double v : rows.weights()) {
        w += v;
      }
      total += engine.loss(rows) * w;
      weight += w;
    }
    return total / weight;
  }

  /**
   * How an epoch's rows reach the engine: in groups, each shuffled; {@link #shuffle} starts an
   * epoch, {@link #replay} draws the same random numbers without reading any row.
   */
  private interface Feed {
    void shuffle(SplittableRandom shuffler);

    void replay(SplittableRandom shuffler);

    int groups();

    int groupRows(int g);

    /** Makes group {@code g} the engine's rows (after {@link #shuffle}) and returns their order. */
    int[] group(int g, MiniBatchEngine engine, SplittableRandom shuffler);

    /** Batches of this epoch's groups. */
    default int batches(int batch) {
      int count = 0;
      for (int g = 0; g < groups(); g++) {
        count += (groupRows(g) + batch - 1) / batch;
      }
      return count;
    }
  }

  /** Rows in memory: one group, the engine's own rows, one permutation shuffled again each epoch. */
  private static final class WholeFeed implements Feed {
    private final int[] order;

    WholeFeed(int n) {
      order = identity(n);
    }

    @Override
    public void shuffle(SplittableRandom shuffler) {
      TrainingLoop.shuffle(order, shuffler);
    }

    @Override
    public void replay(SplittableRandom shuffler) {
      shuffle(shuffler);
    }

    @Override
    public int groups() {
      return 1;
    }

    @Override
    public int groupRows(int g) {
      return order.length;
    }

    @Override
    public int[] group(int g, MiniBatchEngine engine, SplittableRandom shuffler) {
      return order;
    }
  }

  /**
   * Rows in chunks: each epoch shuffles the chunk order (one permutation shuffled again, as for
   * rows in memory), then takes the chunks {@link ChunkedRows#groupChunks()} at a time; each group
   * is read, handed to the engine, and its rows shuffled.
   */
  private static final class ChunkFeed implements Feed {
    private final ChunkedRows rows;
    private final int[] chunkOrder;
    private final int per;

    ChunkFeed(ChunkedRows rows) {
      this.rows = rows;
      this.chunkOrder = identity(rows.chunks());
      this.per = rows.groupChunks();
    }

    @Override
    public void shuffle(SplittableRandom shuffler) {
      TrainingLoop.shuffle(chunkOrder, shuffler);
    }

    @Override
    public void replay(SplittableRandom shuffler) {
      shuffle(shuffler);
      for (int g = 0; g < groups(); g++) {
        for (int i = groupRows(g) - 1; i > 0; i--) {
          shuffler.nextInt(i + 1); // the draws of shuffling the group's rows, which depend on their number only
        }
      }
    }

    @Override
    public int groups() {
      return rows.groupsInOrder(); // as many groups as a pass in file order, whatever the chunk order
    }

    @Override
    public int groupRows(int g) {
      int sum = 0;
      for (int c : chunks(g)) {
        sum += rows.chunkRows(c);
      }
      return sum;
    }

    private int[] chunks(int g) {
      int from = g * per;
      return Arrays.copyOfRange(chunkOrder, from, Math.min(chunkOrder.length, from + per));
    }

    @Override
    public int[] group(int g, MiniBatchEngine engine, SplittableRandom shuffler) {
      Dataset data = rows.read(chunks(g));
      engine.useRows(data);
      int[] order = identity(data.rows());
      TrainingLoop.shuffle(order, shuffler);
      return order;
    }
  }

  private static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }

  private static void shuffle(int[] order, SplittableRandom shuffler) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = shuffler.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  private TrainingException diverged(String which, double value, int epoch, int batchNumber, int batches,
      int epochsRun, long trainNanos, long samples) {
    listener.finished(new TrainingSummary(epochsRun, 0, samplesPerSecond(samples, trainNanos), wallSeconds(),
        Double.NaN, Double.NaN, "diverged"));
    return new TrainingException("training diverged: the " + which + " loss became " + value + " at epoch "
        + epoch + ", batch " + batchNumber + " of " + batches + " (learningRate(" + decimal(config.learningRate())
        + "), optimizer " + optimizer.id() + "); lower the learning rate, e.g. learningRate("
        + decimal(config.learningRate() / 10) + "), or clip gradients with the trainer parameter clip-norm=1");
  }

  /** {@code 1.0E-4} as {@code 0.0001}, as a user writes a learning rate; very large or small values as Java does. */
  private static String decimal(double v) {
    return v >= 1e-9 && v < 1e6 ? new BigDecimal(v).round(new MathContext(6))
        .stripTrailingZeros().toPlainString() : String.valueOf(v);
  }

  private double wallSeconds() {
    return (System.nanoTime() - wallStart) / 1e9;
  }

  private static double samplesPerSecond(long samples, long nanos) {
    return nanos > 0 ? samples / (nanos / 1e9) : Double.NaN;
  }
}
