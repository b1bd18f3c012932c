package org.fracnet.trainers.nd4j;

import java.nio.FloatBuffer;
import java.util.Locale;
import java.util.SplittableRandom;
import org.fracnet.core.FracnetException;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.spi.FullBatchOptimizer;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.TrainingListener;
import org.fracnet.core.spi.TrainingOptions;
import org.fracnet.core.spi.TrainingRequest;
import org.fracnet.core.spi.TrainingResult;
import org.fracnet.core.spi.TrainingSummary;

/**
 * Training with a full-batch optimizer ({@code lbfgs}): chosen by {@link Nd4jTrainer} when the
 * request's {@link org.fracnet.core.spi.OptimizerProvider#fullBatch()} is true.
 *
 * <p>The objective is the loss's weighted mean over <em>all</em> training rows as a function of
 * all weights, computed in double precision in plain Java ({@link FullBatchObjective}); no ND4J
 * code runs, so nothing native starts. A run:
 * <ol>
 *   <li>checks the request like the mini-batch path, and creates the optimizer with
 *       {@code createFullBatch(optimizerParameters)};</li>
 *   <li>initialises the weights exactly as the mini-batch path does (fan-in uniform from the
 *       seed, softmax biases at the training class means), then widens them to double;</li>
 *   <li>minimises with at most {@link TrainingOptions#epochs()} iterations (unless the optimizer
 *       has its own limit); each iteration is reported as one epoch of one batch
 *       ({@code batchDone(i, 1)}, {@code epochDone(i, training loss, validation loss)});</li>
 *   <li>with validation rows, computes the validation loss after every iteration, keeps the best
 *       weights and stops after {@code patience} iterations without a strict improvement, as the
 *       mini-batch path does per epoch;</li>
 *   <li>rounds the kept weights to float32 for the {@link TrainingResult}.</li>
 * </ol>
 * Batch size and learning rate are not used (the line search chooses the steps), nor is
 * {@code clip-norm}, which is rejected. The summary's stop reason is {@code converged (gradient
 * norm X)}, {@code max iterations (gradient norm X)}, {@code no further progress (gradient norm
 * X)} or {@code early stopping: ...}; its samples/s counts rows times objective evaluations.
 */
final class FullBatchTrainer {
  private final int threads;

  /** @param threads the most threads to split the rows over (see {@link FullBatchObjective}) */
  FullBatchTrainer(int threads) {
    this.threads = threads;
  }

  /**
   * A run's result with the double-precision weights it rounded.
   *
   * @param parameters the kept weights, flat, in double precision
   * @param optimizer how the optimizer ended
   * @param result what {@link org.fracnet.core.spi.Trainer#train} returns
   */
  record Fit(double[] parameters, FullBatchOptimizer.Result optimizer, TrainingResult result) {}

  TrainingResult train(TrainingRequest request) {
    return fit(request).result();
  }

  Fit fit(TrainingRequest request) {
    long wallStart = System.nanoTime();
    Dataset train = request.train();
    Dataset validation = Nd4jTrainer.check(request);
    LossFunction loss = request.loss();
    TrainingOptions options = request.options();
    TrainingListener listener = request.listener();
    FullBatchOptimizer optimizer = request.optimizer()
        .createFullBatch(request.optimizerParameters());
    int limit = optimizer.iterationLimit(options.epochs());

    Layout layout = new Layout(request.network());
    float[] initial = new float[layout.parameterCount];
    FloatBuffer initialBuffer = FloatBuffer.wrap(initial);
    SplittableRandom root = new SplittableRandom(options.seed());
    Initialisation.fanInUniform(layout, initialBuffer, root.split());
    Initialisation.classMeanBias(layout, initialBuffer, train, loss);
    double[] x = new double[initial.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = initial[i];
    }

    try (FullBatchObjective objective =
            new FullBatchObjective(request.network(), train, loss, threads);
        FullBatchObjective held = validation == null ? null
            : new FullBatchObjective(request.network(), validation, loss, threads)) {
      Progress progress = new Progress(held, listener, options.patience(), request);
      listener.started(limit, 1);
      long start = System.nanoTime();
      FullBatchOptimizer.Result r = optimizer.minimise(objective, x, options.epochs(), progress);
      long nanos = System.nanoTime() - start;
      if (r.stop() == FullBatchOptimizer.Stop.NOT_FINITE || !Double.isFinite(r.value())) {
        listener.finished(new TrainingSummary(r.iterations(), 0, Double.NaN,
            (System.nanoTime() - wallStart) / 1e9, Double.NaN, Double.NaN, "diverged"));
        throw new FracnetException("training failed: the training loss of loss " + loss.id()
            + " is " + r.value() + " (gradient norm " + r.gradientNorm() + ") at the initial"
            + " weights (optimizer " + request.optimizer().id() + ", full batch); check the"
            + " targets and the loss's parameters (e.g. its zero policy)");
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
          (System.nanoTime() - wallStart) / 1e9, r.value(), validationLoss,
          stopReason(r, options.patience()));
      listener.finished(summary);
      float[] rounded = new float[kept.length];
      for (int i = 0; i < kept.length; i++) {
        rounded[i] = (float) kept[i];
      }
      return new Fit(kept.clone(), r, new TrainingResult(layout.split(rounded), summary));
    }
  }

  private static String stopReason(FullBatchOptimizer.Result r, int patience) {
    String norm = String.format(Locale.ROOT, "gradient norm %.3g", r.gradientNorm());
    return switch (r.stop()) {
      case CONVERGED -> "converged (" + norm + ")";
      case MAX_ITERATIONS -> "max iterations (" + norm + ")";
      case NO_PROGRESS -> "no further progress (" + norm + "; the line search found no lower"
          + " loss, usually rounding close to the minimum)";
      case STOPPED -> "early stopping: no validation improvement in " + patience
          + (patience == 1 ? " iteration" : " iterations");
      case NOT_FINITE -> "diverged";
    };
  }

  /** Reports iterations as epochs and tracks the validation loss for early stopping. */
  private static final class Progress implements FullBatchOptimizer.Listener {
    private final FullBatchObjective held;
    private final TrainingListener listener;
    private final int patience;
    private final TrainingRequest request;
    double[] best;
    double bestLoss = Double.POSITIVE_INFINITY;
    int bestIteration;
    private int sinceBest;

    Progress(FullBatchObjective held, TrainingListener listener, int patience,
        TrainingRequest request) {
      this.held = held;
      this.listener = listener;
      this.patience = patience;
      this.request = request;
    }

    @Override
    public boolean iterationDone(int iteration, double value, double gradientNorm, double[] x) {
      listener.batchDone(iteration, 1);
      double validationLoss = Double.NaN;
      if (held != null) {
        validationLoss = held.value(x);
        if (!Double.isFinite(validationLoss)) {
          listener.finished(new TrainingSummary(iteration, bestIteration, Double.NaN, Double.NaN,
              value, Double.NaN, "diverged"));
          throw new FracnetException("training diverged: the validation loss became "
              + validationLoss + " at iteration " + iteration + " (optimizer "
              + request.optimizer().id() + ", full batch, training loss " + value
              + "); hold out more rows or check the validation targets");
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
      return held == null || sinceBest < patience;
    }
  }
}
