package org.fracnet.trainers.nd4j;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.fracnet.core.spi.ElementwiseOptimizer;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Optimizer;

/**
 * The native training machinery for one run: the flat parameter and gradient buffers, the batch
 * buffers, one {@link Worker} per thread, and the {@link ThreadTeam} that runs each phase of a
 * training step as one task, every member of the team taking one share of it.
 *
 * <ul>
 *   <li><b>Forward</b> ({@link ForwardTask}), split by rows: a batch is cut into parts of {@code
 *       ceil(capacity / threads)} rows, worker {@code t} taking rows {@code [t * part, (t + 1) *
 *       part)} (the last parts shorter or empty on a short batch), so the parts lie one after
 *       another in the batch buffers. Each worker runs its part through the network and the
 *       loss. On its own this phase gives the validation loss ({@link #loss}).
 *   <li><b>Backward</b> ({@link BackwardTask}), split by the same rows: each worker runs the
 *       forward phase of its part and then the backward deltas, scaled by {@code W_part /
 *       W_batch}, so that together they are the deltas of the batch's weighted mean loss. Both
 *       run in one hand-off, because a part's backward pass needs only its own forward pass. For
 *       a small layer each worker also takes its part's weight gradient (worker 0 into the
 *       gradient, the others into their own buffers).
 *   <li><b>Update</b> ({@link UpdateTask}), split by parameters: member {@code m} of {@code T}
 *       takes rows {@code [m * out / T, (m + 1) * out / T)} of every layer. It completes their
 *       gradient, for a large layer (at least {@link #WHOLE_BATCH_MIN_WEIGHTS} weights) by one
 *       {@code cblas_sgemm} and one {@code cblas_sgemv} over the whole batch, for a small one by
 *       adding the workers' parts, and at once applies an {@link ElementwiseOptimizer}'s step to
 *       those parameters while their gradient is still in its cache.
 * </ul>
 *
 * <p>A training step is {@link #partialGradients} (the backward task) then {@link #update} (the
 * update task): two hand-offs. Clipping needs the whole gradient's norm, and an optimizer that is
 * not element-wise needs the whole gradient, so then the update runs in two tasks: {@link
 * GradientTask} completes the gradient (and sums its squares), then {@link StepTask} scales it
 * and steps (or the optimizer steps on the calling thread). With one thread the worker takes
 * every weight gradient itself, and the update only steps.
 *
 * <p>Why the two ways of taking a weight gradient: a large layer's per-worker gradients would be
 * written and summed as extra copies of the whole layer (for a 1024 x 1024 layer, 4 MiB a worker,
 * every batch), while a small layer's whole-batch products are too small to pay for packing every
 * row of the batch on each thread (docs/performance.md, "Weight gradients: per part or whole
 * batch").
 *
 * <p>The sums and products run in a fixed order, so a run is repeatable for a given thread
 * count. Not thread-safe; {@link #close()} stops the helper threads.
 */
final class Engine implements AutoCloseable {
  /**
   * Layers with at least this many weights (512 x 512) get their gradient over the whole batch in
   * the update; smaller ones per worker part. The crossover lies between 256 x 256 (faster per
   * part) and 512 x 512 (faster whole-batch), measured with {@code PhaseProfileMain} on one
   * machine (docs/performance.md, "Weight gradients: per part or whole batch").
   */
  static final int WHOLE_BATCH_MIN_WEIGHTS = 1 << 18;
  /** Gradient entries per block of a sum of worker parts: 64 KiB of floats, for the L2 cache. */
  static final int SUM_BLOCK = 16384;

  final Layout layout;
  final NativeBuffer parameters;
  private final NativeBuffer gradient;
  /** Per worker, where its parts' weight gradients go: {@link #gradient} for worker 0. */
  private final NativeBuffer[] partGradient;
  /** Per layer, whether the update takes its gradient over the whole batch. */
  private final boolean[] wholeBatch;
  private final BatchBuffers batch;
  private final Worker[] workers;
  private final ThreadTeam team;
  /** Workers and members of the team. */
  private final int threads;
  /** Rows of each worker's part of a full batch. */
  private final int partRows;
  /** Per layer, member {@code m}'s first row in the parameter-split tasks ({@code threads + 1}). */
  private final int[][] firstRow;
  private final GradientCompletion completion;
  private final ForwardTask forwardTask;
  private final BackwardTask backwardTask;
  private final UpdateTask updateTask;
  private final GradientTask gradientTask;
  private final GradientTask gradientAndSquaresTask;
  private final StepTask stepTask;

  /**
   * @param batchCapacity the most rows one call will pass (the batch size)
   * @param threads worker threads, at least 1 (at most {@code batchCapacity} are used)
   */
  Engine(NetworkSpec network, LossFunction loss, int batchCapacity, int threads) {
    this(network, loss, batchCapacity, threads, 0);
  }

  /**
   * As {@link #Engine(NetworkSpec, LossFunction, int, int)}, with the run's {@code seed} for the
   * network's dropout masks ({@link org.fracnet.core.spi.Dropout}).
   */
  Engine(NetworkSpec network, LossFunction loss, int batchCapacity, int threads, long seed) {
    this.layout = new Layout(network);
    this.threads = Math.max(1, Math.min(threads, batchCapacity));
    this.parameters = new NativeBuffer(layout.parameterCount);
    this.gradient = new NativeBuffer(layout.parameterCount);
    this.partRows = (batchCapacity + this.threads - 1) / this.threads;
    this.batch = new BatchBuffers(layout, Math.multiplyExact(partRows, this.threads));
    this.wholeBatch = new boolean[layout.layers];
    boolean[] perPart = new boolean[layout.layers];
    boolean anyPerPart = false;
    for (int l = 0; l < layout.layers; l++) {
      wholeBatch[l] = takesWholeBatch(layout, l, this.threads);
      perPart[l] = !wholeBatch[l];
      anyPerPart |= perPart[l];
    }
    this.partGradient = new NativeBuffer[this.threads];
    this.workers = new Worker[this.threads];
    for (int t = 0; t < this.threads; t++) {
      partGradient[t] = t == 0 ? gradient
          : anyPerPart ? new NativeBuffer(layout.parameterCount) : null;
      this.workers[t] = new Worker(layout, loss, batch.rows(t * partRows, partRows), parameters,
          partGradient[t], perPart, network.dropout(), seed);
    }
    this.firstRow = new int[layout.layers][this.threads + 1];
    for (int l = 0; l < layout.layers; l++) {
      for (int m = 0; m <= this.threads; m++) {
        firstRow[l][m] = (int) ((long) layout.outputs[l] * m / this.threads);
      }
    }
    // the tasks size their arrays by the counts above
    completion = new GradientCompletion();
    forwardTask = new ForwardTask();
    backwardTask = new BackwardTask();
    updateTask = new UpdateTask();
    gradientTask = new GradientTask(false);
    gradientAndSquaresTask = new GradientTask(true);
    stepTask = new StepTask();
    team = new ThreadTeam(this.threads, "fracnet-nd4j");
  }

  /**
   * Whether the update takes layer {@code l}'s weight gradient over the whole batch rather than
   * each of {@code workers} workers over its part: for a layer of at least {@link
   * #WHOLE_BATCH_MIN_WEIGHTS} weights, when there are several workers.
   */
  static boolean takesWholeBatch(Layout layout, int l, int workers) {
    long weights = (long) layout.outputs[l] * layout.inputs[l];
    return workers > 1 && weights >= WHOLE_BATCH_MIN_WEIGHTS;
  }

  /** Sum of the row weights of the last batch of {@link #partialGradients}. */
  double lastWeight() {
    return backwardTask.weight;
  }

  /**
   * The forward and backward phases: computes the weighted mean loss of rows {@code order[from ..
   * from + n)} and the backward deltas of every part; {@link #update} then completes the gradient
   * and steps. Between the two calls the caller may look at the loss (to stop on NaN) before any
   * parameter changes.
   */
  double partialGradients(DeviceData data, int[] order, int from, int n) {
    backwardTask.prepare(data, order, from, n);
    team.run(backwardTask);
    return backwardTask.meanLoss();
  }

  /**
   * The update phase: completes the gradient of the last {@link #partialGradients}, clips it to
   * Euclidean norm {@code clipNorm} when that is positive and the gradient is longer, and applies
   * one step of {@code optimizer}. Call it once after each {@link #partialGradients} and before
   * any {@link #loss}, which overwrites the batch buffers the gradient is taken from.
   */
  void update(Optimizer optimizer, double learningRate, double clipNorm) {
    ElementwiseOptimizer elementwise = optimizer instanceof ElementwiseOptimizer e ? e : null;
    if (elementwise != null && !(clipNorm > 0)) {
      elementwise.beginStep(learningRate); // the hand-off orders it before every member's stepRange
      updateTask.run(elementwise);
      return;
    }
    // the norm, or an optimizer that takes the whole gradient, needs the whole gradient first
    float scale = 1f;
    if (clipNorm > 0) {
      team.run(gradientAndSquaresTask);
      scale = clipScale(gradientAndSquaresTask.squaredNorm(), clipNorm);
    } else {
      team.run(gradientTask);
    }
    if (elementwise != null) {
      elementwise.beginStep(learningRate);
      stepTask.run(scale, elementwise);
      return;
    }
    if (scale != 1f) {
      stepTask.run(scale, null);
    }
    optimizer.step(parameters.floats, gradient.floats, learningRate);
  }

  /** The factor that shortens a gradient of squared norm {@code sq} to {@code maxNorm}, or 1. */
  static float clipScale(double sq, double maxNorm) {
    double norm = Math.sqrt(sq);
    return norm > maxNorm ? (float) (maxNorm / norm) : 1f;
  }

  /**
   * The forward phase alone: the weighted mean loss over all rows of {@code data}, in chunks of
   * the batch capacity.
   */
  double loss(DeviceData data) {
    int chunk = batch.rows;
    double total = 0;
    double weight = 0;
    for (int from = 0; from < data.rows; from += chunk) {
      int n = Math.min(chunk, data.rows - from);
      forwardTask.prepare(data, null, from, n);
      team.run(forwardTask);
      total += forwardTask.meanLoss() * forwardTask.weight;
      weight += forwardTask.weight;
    }
    return total / weight;
  }

  @Override
  public void close() {
    team.close();
  }

  /** Rows of worker {@code t}'s part of a batch of {@code n} rows. */
  private int partRows(int t, int n) {
    return Math.max(0, Math.min(partRows, n - t * partRows));
  }

  /**
   * A task split by rows: worker {@code t} loads its part of the batch and runs {@link #runPart}
   * on it. Reused from batch to batch, so a step allocates nothing.
   */
  private abstract class PartTask implements ThreadTeam.Task {
    private final double[] partWeight = new double[threads];
    private DeviceData data;
    private int[] order;
    private int from;
    /** Rows of the batch. */
    int n;
    /** Sum of the row weights of the batch. */
    double weight;

    /** Sets the batch: rows {@code order[from .. from + n)}, or {@code from .. from + n}. */
    void prepare(DeviceData data, int[] order, int from, int n) {
      this.data = data;
      this.order = order;
      this.from = from;
      this.n = n;
      double total = 0;
      for (int t = 0; t < threads; t++) {
        partWeight[t] = data.weightSum(order, from + t * partRows, partRows(t, n));
        total += partWeight[t];
      }
      weight = total;
    }

    @Override
    public final void run(int member) {
      Worker worker = workers[member];
      worker.load(data, order, from + member * partRows, partRows(member, n));
      runPart(worker, partWeight[member] / weight);
    }

    /** The phase on {@code worker}'s loaded part, {@code share} of the batch's weight. */
    abstract void runPart(Worker worker, double share);

    /** The batch's weighted mean loss from the parts' after a run. */
    double meanLoss() {
      double total = 0;
      for (int t = 0; t < threads; t++) {
        if (partRows(t, n) > 0) {
          total += workers[t].lossValue * partWeight[t];
        }
      }
      return total / weight;
    }
  }

  /** The forward phase: each worker's part through the network and the loss. */
  private final class ForwardTask extends PartTask {
    @Override
    void runPart(Worker worker, double share) {
      worker.forward(false);
    }
  }

  /**
   * The backward phase, after the forward phase of the same part in the same hand-off: the
   * deltas, scaled by the part's share, and the weight gradients the workers take.
   */
  private final class BackwardTask extends PartTask {
    @Override
    void runPart(Worker worker, double share) {
      worker.forward(true);
      worker.backward(share);
    }
  }

  /**
   * A task split by parameters: member {@code m} visits rows {@code firstRow[l][m] ..
   * firstRow[l][m + 1]} of each layer {@code l} (its weights, then its biases) in {@link #rows}.
   */
  private abstract class ParameterTask implements ThreadTeam.Task {
    @Override
    public final void run(int member) {
      begin(member);
      for (int l = 0; l < layout.layers; l++) {
        int r0 = firstRow[l][member];
        int r1 = firstRow[l][member + 1];
        if (r0 != r1) {
          rows(member, l, r0, r1);
        }
      }
    }

    /** Called on each member before its first {@link #rows}. */
    void begin(int member) {}

    /** The task on rows {@code [r0, r1)} of layer {@code l}. */
    abstract void rows(int member, int l, int r0, int r1);

    /** Gradient index of the weight of row {@code r}, column 0, of layer {@code l}. */
    final int weightIndex(int l, int r) {
      return layout.weightOffset[l] + r * layout.inputs[l];
    }

    /** Gradient index of the bias of row {@code r} of layer {@code l}. */
    final int biasIndex(int l, int r) {
      return layout.biasOffset[l] + r;
    }
  }

  /**
   * The update phase in one hand-off: completes each slice of the gradient and steps it at once,
   * while it is in the member's cache.
   */
  private final class UpdateTask extends ParameterTask {
    private ElementwiseOptimizer optimizer;

    void run(ElementwiseOptimizer optimizer) {
      this.optimizer = optimizer;
      team.run(this);
      this.optimizer = null;
    }

    @Override
    void rows(int member, int l, int r0, int r1) {
      completion.complete(member, l, r0, r1);
      FloatBuffer p = parameters.floats;
      FloatBuffer g = gradient.floats;
      optimizer.stepRange(p, g, weightIndex(l, r0), weightIndex(l, r1));
      optimizer.stepRange(p, g, biasIndex(l, r0), biasIndex(l, r1));
    }
  }

  /**
   * The first half of a two-pass update: completes the gradient and, when asked, sums its
   * squares (for the norm).
   */
  private final class GradientTask extends ParameterTask {
    private final boolean withSquares;
    private final double[] squares = new double[threads];

    GradientTask(boolean withSquares) {
      this.withSquares = withSquares;
    }

    @Override
    void begin(int member) {
      squares[member] = 0;
    }

    @Override
    void rows(int member, int l, int r0, int r1) {
      completion.complete(member, l, r0, r1);
      if (withSquares) {
        squares[member] += sumOfSquares(weightIndex(l, r0), weightIndex(l, r1));
        squares[member] += sumOfSquares(biasIndex(l, r0), biasIndex(l, r1));
      }
    }

    private double sumOfSquares(int from, int to) {
      FloatBuffer g = gradient.floats;
      double sq = 0;
      for (int i = from; i < to; i++) {
        float v = g.get(i);
        sq += v * v;
      }
      return sq;
    }

    /** The squared norm of the gradient after a run, the members' sums added in order. */
    double squaredNorm() {
      double sq = 0;
      for (double part : squares) {
        sq += part;
      }
      return sq;
    }
  }

  /**
   * The second half of a two-pass update: scales the complete gradient (unless the scale is 1)
   * and steps (when there is an element-wise optimizer).
   */
  private final class StepTask extends ParameterTask {
    private float scale;
    private ElementwiseOptimizer optimizer;

    void run(float scale, ElementwiseOptimizer optimizer) {
      this.scale = scale;
      this.optimizer = optimizer;
      team.run(this);
      this.optimizer = null;
    }

    @Override
    void rows(int member, int l, int r0, int r1) {
      step(weightIndex(l, r0), weightIndex(l, r1));
      step(biasIndex(l, r0), biasIndex(l, r1));
    }

    private void step(int from, int to) {
      FloatBuffer g = gradient.floats;
      if (scale != 1f) {
        for (int i = from; i < to; i++) {
          g.put(i, g.get(i) * scale);
        }
      }
      if (optimizer != null) {
        optimizer.stepRange(parameters.floats, g, from, to);
      }
    }
  }

  /**
   * Completes rows of the gradient after the backward phase, the update phase's first step: over
   * the whole batch for a large layer, as the sum of the workers' parts for a small one, nothing
   * when one worker took it all. Pointers and scratch blocks are made once, per member.
   */
  private final class GradientCompletion {
    /** Per member and layer: the member's first delta column, gradient row and bias entry. */
    private final FloatPointer[][] deltaColumn;
    private final FloatPointer[][] gradientRow;
    private final FloatPointer[][] biasEntry;
    /** Per member: heap blocks for sums of parts, so the loops vectorise. */
    private final float[][] sum;
    private final float[][] part;

    GradientCompletion() {
      int layers = layout.layers;
      deltaColumn = new FloatPointer[threads][layers];
      gradientRow = new FloatPointer[threads][layers];
      biasEntry = new FloatPointer[threads][layers];
      int block = threads > 1 ? SUM_BLOCK : 0;
      sum = new float[threads][block];
      part = new float[threads][block];
      if (threads > 1) {
        for (int m = 0; m < threads; m++) {
          for (int l = 0; l < layers; l++) {
            int r0 = firstRow[l][m];
            deltaColumn[m][l] = batch.delta[l].at(r0);
            gradientRow[m][l] = gradient.at(layout.weightOffset[l] + r0 * layout.inputs[l]);
            biasEntry[m][l] = gradient.at(layout.biasOffset[l] + r0);
          }
        }
      }
    }

    /** Completes rows {@code [r0, r1)} of layer {@code l}'s weight and bias gradient. */
    void complete(int member, int l, int r0, int r1) {
      if (threads == 1) {
        return; // the one worker took every weight gradient
      }
      if (wholeBatch[l]) {
        batch.weightGradient(l, backwardTask.n, deltaColumn[member][l], r1 - r0,
            gradientRow[member][l], biasEntry[member][l]);
      } else {
        int in = layout.inputs[l];
        sumParts(member, layout.weightOffset[l] + r0 * in, layout.weightOffset[l] + r1 * in);
        sumParts(member, layout.biasOffset[l] + r0, layout.biasOffset[l] + r1);
      }
    }

    /**
     * Adds the other workers' part gradients to worker 0's over entries {@code [from, to)}, in
     * worker order, skipping workers that had no rows (their buffers hold an older batch).
     */
    private void sumParts(int member, int from, int to) {
      float[] acc = sum[member];
      float[] add = part[member];
      int rows = backwardTask.n;
      for (int start = from; start < to; start += SUM_BLOCK) {
        int count = Math.min(SUM_BLOCK, to - start);
        gradient.floats.get(start, acc, 0, count);
        for (int t = 1; t < threads && partRows(t, rows) > 0; t++) {
          partGradient[t].floats.get(start, add, 0, count);
          for (int i = 0; i < count; i++) {
            acc[i] += add[i];
          }
        }
        gradient.floats.put(start, acc, 0, count);
      }
    }
  }
}
