package org.fracnet.trainers.nd4j;

import java.util.SplittableRandom;
import org.fracnet.core.FracnetException;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.Optimizer;
import org.fracnet.core.spi.Trainer;
import org.fracnet.core.spi.TrainingCheckpoint;
import org.fracnet.core.spi.TrainingListener;
import org.fracnet.core.spi.TrainingOptions;
import org.fracnet.core.spi.TrainingRequest;
import org.fracnet.core.spi.TrainingResult;
import org.fracnet.core.spi.TrainingSummary;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batch training on the native backend (see {@link Engine} for one step, and the module's
 * README for the design).
 *
 * <p>A run: validate the request; create the optimizer; set OpenBLAS to one thread (parallelism
 * comes from the Java workers; the previous setting is restored afterwards); initialise weights
 * fan-in uniform ({@code U(-1/sqrt(inputs), 1/sqrt(inputs))}) from the seed, biases zero,
 * except the last layer's biases, which are set so the initial prediction is the training class
 * means when the loss's link is a softmax; convert the features to float32 once; then per epoch
 * shuffle the rows with the seed, run every batch (the last one may be smaller: no row is
 * dropped), check the loss is finite, optionally clip the gradient norm, take one optimizer step;
 * then evaluate the validation loss and stop early after {@code patience} epochs without a
 * strict improvement, keeping the best weights.
 *
 * <p>A request whose optimizer is full-batch ({@code lbfgs}) goes to {@link FullBatchTrainer}
 * instead: double precision, plain Java, no ND4J.
 *
 * <p>The same request, seed and thread count give bit-identical weights. Instances are
 * immutable; concurrent runs are possible but share OpenBLAS's process-wide thread setting.
 */
final class Nd4jTrainer implements Trainer {
  private final int threads;
  private final double clipNorm;

  /**
   * @param threads threads (at least 1)
   * @param clipNorm the largest gradient L2 norm before rescaling, or 0 for no clipping
   */
  Nd4jTrainer(int threads, double clipNorm) {
    this.threads = threads;
    this.clipNorm = clipNorm;
  }

  @Override
  public TrainingResult train(TrainingRequest request) {
    if (request.optimizer().fullBatch()) {
      if (clipNorm > 0) {
        throw new FracnetException("trainer parameter clip-norm=" + clipNorm + " has no effect"
            + " with the full-batch optimizer " + request.optimizer().id() + "; remove it");
      }
      return new FullBatchTrainer(threads).train(request); // double precision, no native code
    }
    long wallStart = System.nanoTime();
    Dataset train = request.train();
    Dataset validation = check(request);
    LossFunction loss = request.loss();
    TrainingOptions options = request.options();
    Optimizer optimizer = request.optimizer()
        .create(request.optimizerParameters(), request.network().parameterCount());
    int batch = Math.min(options.batchSize(), train.rows());

    Blas blas = Nd4j.factory().blas();
    int previousBlasThreads = blas.getMaxThreads();
    blas.setMaxThreads(1);
    try (Engine engine = new Engine(request.network(), loss, batch, threads)) {
      SplittableRandom root = new SplittableRandom(options.seed());
      Initialisation.fanInUniform(engine.layout, engine.parameters.floats, root.split());
      Initialisation.classMeanBias(engine.layout, engine.parameters.floats, train, loss);
      return new Run(engine, request, optimizer, batch, validation, root.split(), wallStart).call();
    } finally {
      blas.setMaxThreads(previousBlasThreads);
    }
  }

  /**
   * Checks what both the mini-batch and the full-batch path need; returns the validation rows,
   * or {@code null} when there are none.
   */
  static Dataset check(TrainingRequest request) {
    Dataset validation = request.validation();
    if (validation != null && validation.rows() == 0) {
      validation = null;
    }
    check(request.train(), validation, request.loss());
    return validation;
  }

  private static void check(Dataset train, Dataset validation, LossFunction loss) {
    if (train.rows() == 0) {
      throw new FracnetException("no training rows in " + train.source()
          + ": the trainer needs at least one row");
    }
    if (train.classCount() != loss.classes()) {
      throw new FracnetException(train.source() + " has " + train.classCount()
          + " classes but loss " + loss.id() + " was built for " + loss.classes());
    }
    if (validation != null && (validation.featureCount() != train.featureCount()
        || validation.classCount() != train.classCount())) {
      throw new FracnetException("validation rows from " + validation.source() + " have "
          + validation.featureCount() + " features and " + validation.classCount()
          + " classes, but the training rows have " + train.featureCount() + " and "
          + train.classCount() + "; use the same columns for both");
    }
  }

  @Override
  public String toString() {
    return "nd4j[threads=" + threads + ", clip-norm=" + clipNorm + "]";
  }

  /** The state of one training run. */
  private final class Run {
    private final Engine engine;
    private final TrainingRequest request;
    private final TrainingOptions options;
    private final TrainingListener listener;
    private final Optimizer optimizer;
    private final int batch;
    private final SplittableRandom shuffler;
    private final long wallStart;
    private final DeviceData trainData;
    private final DeviceData validationData;

    Run(Engine engine, TrainingRequest request, Optimizer optimizer, int batch,
        Dataset validation, SplittableRandom shuffler, long wallStart) {
      this.engine = engine;
      this.request = request;
      this.options = request.options();
      this.listener = request.listener();
      this.optimizer = optimizer;
      this.batch = batch;
      this.shuffler = shuffler;
      this.wallStart = wallStart;
      this.trainData = new DeviceData(request.train());
      this.validationData = validation == null ? null : new DeviceData(validation);
    }

    TrainingResult call() {
      int n = trainData.rows;
      int batches = (n + batch - 1) / batch;
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      double learningRate = options.learningRate();
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
      TrainingCheckpoint resume = request.resumeFrom();
      if (resume != null) {
        engine.parameters.floats.put(0, engine.layout.join(resume.weights()));
        optimizer.restore(resume.optimizer());
        for (int e = 0; e < resume.epoch(); e++) {
          shuffle(order); // the shuffles of the epochs done, so the next ones are those of an unbroken run
        }
        best = resume.bestWeights() == null ? null : engine.layout.join(resume.bestWeights());
        bestLoss = resume.bestLoss();
        bestEpoch = resume.bestEpoch();
        sinceBest = resume.sinceBest();
        epochsRun = resume.epoch();
        trainingLoss = resume.trainingLoss();
        trainNanos = resume.trainNanos();
        samples = resume.samples();
        firstEpoch = resume.epoch() + 1;
        if (validationData != null && sinceBest >= options.patience()) {
          firstEpoch = options.epochs() + 1; // it had already stopped early
          stopReason = "early stopping: no validation improvement in " + options.patience()
              + (options.patience() == 1 ? " epoch" : " epochs");
        }
      }

      listener.started(options.epochs(), batches);
      for (int epoch = firstEpoch; epoch <= options.epochs(); epoch++) {
        long start = System.nanoTime(); // the shuffle counts as training time, as in PyTorch's loop
        shuffle(order);
        double sum = 0;
        double weight = 0;
        for (int b = 0; b < batches; b++) {
          int from = b * batch;
          double value =
              engine.partialGradients(trainData, order, from, Math.min(batch, n - from));
          if (!Double.isFinite(value)) {
            throw diverged("training", value, epoch, b + 1, batches, epochsRun, trainNanos, samples);
          }
          engine.update(optimizer,
              options.schedule().rate(learningRate, epoch - 1, b, batches, options.epochs()),
              clipNorm);
          double w = engine.lastWeight();
          sum += value * w;
          weight += w;
          listener.batchDone(epoch, b + 1);
        }
        trainNanos += System.nanoTime() - start;
        samples += n;
        epochsRun = epoch;
        trainingLoss = sum / weight;

        double validationLoss = Double.NaN;
        if (validationData != null) {
          validationLoss = engine.loss(validationData);
          if (!Double.isFinite(validationLoss)) {
            throw diverged("validation", validationLoss, epoch, batches, batches, epochsRun,
                trainNanos, samples);
          }
          if (validationLoss < bestLoss) {
            bestLoss = validationLoss;
            bestEpoch = epoch;
            best = engine.parameters.toArray();
            sinceBest = 0;
          } else {
            sinceBest++;
          }
        }
        listener.epochDone(epoch, trainingLoss, validationLoss);
        if (listener.wantsCheckpoints()) {
          listener.checkpoint(new TrainingCheckpoint(epoch,
              engine.layout.split(engine.parameters.toArray()),
              best == null ? null : engine.layout.split(best), bestEpoch, bestLoss, sinceBest,
              trainingLoss, samples, trainNanos, optimizer.state()));
        }
        if (validationData != null && sinceBest >= options.patience()) {
          stopReason = "early stopping: no validation improvement in " + options.patience()
              + (options.patience() == 1 ? " epoch" : " epochs");
          break;
        }
      }
      float[] kept = best != null ? best : engine.parameters.toArray();
      TrainingSummary summary = new TrainingSummary(epochsRun,
          validationData != null ? bestEpoch : epochsRun, samplesPerSecond(samples, trainNanos),
          (System.nanoTime() - wallStart) / 1e9, trainingLoss,
          validationData != null ? bestLoss : Double.NaN, stopReason);
      listener.finished(summary);
      return new TrainingResult(engine.layout.split(kept), summary);
    }

    private void shuffle(int[] order) {
      for (int i = order.length - 1; i > 0; i--) {
        int j = shuffler.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }

    private FracnetException diverged(String which, double value, int epoch, int batchNumber,
        int batches, int epochsRun, long trainNanos, long samples) {
      String message = "training diverged: the " + which + " loss became " + value + " at epoch "
          + epoch + ", batch " + batchNumber + " of " + batches + " (learning rate "
          + options.learningRate() + ", optimizer " + request.optimizer().id()
          + "); lower the learning rate (e.g. " + options.learningRate() / 10
          + ") or clip gradients with the trainer parameter clip-norm=1";
      listener.finished(new TrainingSummary(epochsRun, 0, samplesPerSecond(samples, trainNanos),
          (System.nanoTime() - wallStart) / 1e9, Double.NaN, Double.NaN, "diverged"));
      return new FracnetException(message);
    }
  }

  private static double samplesPerSecond(long samples, long nanos) {
    return nanos > 0 ? samples / (nanos / 1e9) : Double.NaN;
  }
}
