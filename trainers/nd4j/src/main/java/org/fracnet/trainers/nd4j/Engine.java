package org.fracnet.trainers.nd4j;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.fracnet.core.spi.ElementwiseOptimizer;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Optimizer;

/**
 * The native training machinery for one run: the flat parameter and gradient buffers, the batch
 * buffers, one {@link Worker} per thread and the {@link ThreadTeam} that drives them. A training
 * step has two parts, each one hand-off to the team.
 *
 * <ol>
 *   <li>{@link #partialGradients}, split by rows: each batch is cut into parts of {@code
 *       ceil(capacity / workers)} rows, worker {@code t} taking rows {@code [t * part, (t + 1) *
 *       part)} (the last parts shorter or empty on a short batch), so the parts lie one after
 *       another in the batch buffers. Each worker runs the forward pass, the loss and the
 *       backward deltas of its part, the deltas scaled by {@code W_part / W_batch}; together they
 *       are the deltas of the batch's weighted mean loss. For small layers each worker also
 *       takes its part's weight gradient (worker 0 into the gradient, the others into their own
 *       buffers).
 *   <li>{@link #update}, split by parameters: member {@code m} of {@code T} takes rows {@code
 *       [m * out / T, (m + 1) * out / T)} of every layer. It completes their gradient, for a
 *       large layer (at least {@link #WHOLE_BATCH_MIN_WEIGHTS} weights) as one {@code
 *       cblas_sgemm} and one {@code cblas_sgemv} over the whole batch, for a small one by adding
 *       the other workers' parts, and at once applies an {@link ElementwiseOptimizer}'s step to
 *       those parameters while their gradient is still in its cache.
 * </ol>
 *
 * <p>Why two ways: a large layer's per-worker gradients would be written and summed as extra
 * copies of the whole layer (for the 1024 x 1024 layer, 4 MiB a worker, every batch), while a
 * small layer's whole-batch products are too small to pay for packing every row of the batch on
 * each thread (measured, see {@link #WHOLE_BATCH_MIN_WEIGHTS}).
 *
 * <p>One worker (one thread) takes every weight gradient itself, and the update only steps. Gradient clipping needs the
 * whole gradient's norm, and an optimizer that is not element-wise needs the whole gradient, so
 * those complete the gradient first and step in a second hand-off (or on the calling thread).
 * The sums and products run in a fixed order, so a run is repeatable for a given thread count.
 *
 * <p>Not thread-safe; {@link #close()} stops the helper threads.
 */
final class Engine implements AutoCloseable {
  /**
   * Layers with at least this many weights (512 x 512) get their gradient over the whole batch in
   * the update; smaller ones per worker part. Measured with {@code
   * PhaseProfileMain}, two threads: 32-256-256-6 ran at 304-305 k samples/s per part against
   * 291-294 k whole-batch, 32-512-512-6 at 69-85 k per part against 86 k whole-batch.
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
  /** Workers, each with its part of every batch, and members of the team. */
  private final int threads;
  /** Rows of each worker's part of a full batch. */
  private final int partRows;
  private final PartTask gradientTask;
  private final PartTask lossTask;
  private final UpdateTask updateTask;

  /**
   * @param batchCapacity the most rows one call will pass (the batch size)
   * @param threads worker threads, at least 1 (at most {@code batchCapacity} are used)
   */
  Engine(NetworkSpec network, LossFunction loss, int batchCapacity, int threads) {
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
          partGradient[t], perPart);
    }
    // the tasks size their arrays by the counts above
    gradientTask = new PartTask(true);
    lossTask = new PartTask(false);
    updateTask = new UpdateTask(this.threads > 1);
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

  /** Sum of the row weights of the last batch. */
  double lastWeight() {
    return gradientTask.weight;
  }

  /**
   * Computes the weighted mean loss of rows {@code order[from .. from + n)} and the backward
   * deltas of every part; {@link #update} then takes the gradient and steps. Between the two
   * calls the caller may look at the loss (to stop on NaN) before any parameter changes.
   */
  double partialGradients(DeviceData data, int[] order, int from, int n) {
    PartTask task = gradientTask;
    task.prepare(data, order, from, n);
    team.run(task);
    return task.meanLoss();
  }

  /**
   * Completes the gradient of the last {@link #partialGradients}, clips it to Euclidean norm
   * {@code clipNorm} when that is positive and the gradient is longer, and applies one step of
   * {@code optimizer} (an optimizer that is not element-wise gets the whole gradient, on the
   * calling thread). Call it once after
   * each {@link #partialGradients} and before any {@link #loss}, which overwrites the batch
   * buffers the gradient is taken from.
   */
  void update(Optimizer optimizer, double learningRate, double clipNorm) {
    UpdateTask task = updateTask;
    task.rows = gradientTask.n;
    boolean gradientPending = task.takesGradients;
    ElementwiseOptimizer split = optimizer instanceof ElementwiseOptimizer e ? e : null;
    float scale = 1f;
    if (split == null || clipNorm > 0) {
      // the norm, or an optimizer that takes the whole gradient, needs the whole gradient first
      task.run(gradientPending, clipNorm > 0, 1f, null);
      gradientPending = false;
      if (clipNorm > 0) {
        scale = clipScale(task.squaredNorm(), clipNorm);
      }
    }
    if (split != null) {
      split.beginStep(learningRate); // the hand-off orders it before every member's stepRange
      task.run(gradientPending, false, scale, split);
      return;
    }
    if (scale != 1f) {
      task.run(false, false, scale, null);
    }
    optimizer.step(parameters.floats, gradient.floats, learningRate);
  }

  /** The factor that shortens a gradient of squared norm {@code sq} to {@code maxNorm}, or 1. */
  static float clipScale(double sq, double maxNorm) {
    double norm = Math.sqrt(sq);
    return norm > maxNorm ? (float) (maxNorm / norm) : 1f;
  }

  /** The weighted mean loss over all rows of {@code data}, in chunks of the batch capacity. */
  double loss(DeviceData data) {
    int chunk = batch.rows;
    double total = 0;
    double weight = 0;
    for (int from = 0; from < data.rows; from += chunk) {
      int n = Math.min(chunk, data.rows - from);
      PartTask task = lossTask;
      task.prepare(data, null, from, n);
      team.run(task);
      total += task.meanLoss() * task.weight;
      weight += task.weight;
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
   * The update, split by parameters: member {@code m} visits rows {@code firstRow[l][m] ..
   * firstRow[l][m + 1]} of each layer {@code l}, weights then biases. For each such range it may
   * complete the gradient (when the workers left it incomplete), add its squares (for the norm),
   * scale it and step. Pointers and scratch arrays are made once, so a step allocates nothing.
   */
  private final class UpdateTask implements ThreadTeam.Task {
    /** Whether the workers leave the gradient incomplete (there are several). */
    final boolean takesGradients;
    /** Rows of the batch the gradients are taken over. */
    int rows;
    private boolean takeGradient;
    private boolean wantNorm;
    private float scale;
    private ElementwiseOptimizer optimizer;
    private final int[][] firstRow;
    private final double[] partialSquares = new double[threads];
    /** Per member and layer: the member's first delta column, gradient row and bias entry. */
    private final FloatPointer[][] deltaColumn;
    private final FloatPointer[][] gradientRow;
    private final FloatPointer[][] biasEntry;
    /** Per member: heap blocks for sums of parts, so the loops vectorise. */
    private final float[][] sum;
    private final float[][] part;

    UpdateTask(boolean takesGradients) {
      this.takesGradients = takesGradients;
      int layers = layout.layers;
      firstRow = new int[layers][threads + 1];
      for (int l = 0; l < layers; l++) {
        for (int m = 0; m <= threads; m++) {
          firstRow[l][m] = (int) ((long) layout.outputs[l] * m / threads);
        }
      }
      deltaColumn = new FloatPointer[threads][layers];
      gradientRow = new FloatPointer[threads][layers];
      biasEntry = new FloatPointer[threads][layers];
      int block = takesGradients ? SUM_BLOCK : 0;
      sum = new float[threads][block];
      part = new float[threads][block];
      if (takesGradients) {
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

    /** Runs one pass on every member of the team. */
    void run(boolean takeGradient, boolean wantNorm, float scale, ElementwiseOptimizer optimizer) {
      this.takeGradient = takeGradient;
      this.wantNorm = wantNorm;
      this.scale = scale;
      this.optimizer = optimizer;
      team.run(this);
      this.optimizer = null;
    }

    double squaredNorm() {
      double sq = 0;
      for (double part : partialSquares) {
        sq += part;
      }
      return sq;
    }

    @Override
    public void run(int member) {
      double sq = 0;
      for (int l = 0; l < layout.layers; l++) {
        int r0 = firstRow[l][member];
        int r1 = firstRow[l][member + 1];
        if (r0 == r1) {
          continue;
        }
        int in = layout.inputs[l];
        int weights = layout.weightOffset[l];
        int biases = layout.biasOffset[l];
        if (takeGradient && wholeBatch[l]) {
          takeGradient(member, l, r1 - r0);
        } else if (takeGradient) {
          sumParts(member, weights + r0 * in, weights + r1 * in);
          sumParts(member, biases + r0, biases + r1);
        }
        sq += visit(weights + r0 * in, weights + r1 * in);
        sq += visit(biases + r0, biases + r1);
      }
      partialSquares[member] = sq;
    }

    /** Rows {@code r0 .. r0 + count} of layer {@code l}'s gradient over the whole batch. */
    private void takeGradient(int member, int l, int count) {
      batch.weightGradient(l, rows, deltaColumn[member][l], count, gradientRow[member][l],
          biasEntry[member][l]);
    }

    /**
     * Adds the other workers' part gradients to worker 0's over entries {@code [from, to)}, in
     * worker order, skipping workers that had no rows (their buffers hold an older batch).
     */
    private void sumParts(int member, int from, int to) {
      float[] acc = sum[member];
      float[] add = part[member];
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

    /** Norm, scale and step over gradient entries {@code [from, to)}; their squares when wanted. */
    private double visit(int from, int to) {
      FloatBuffer g = gradient.floats;
      double sq = 0;
      if (wantNorm) {
        for (int i = from; i < to; i++) {
          float v = g.get(i);
          sq += v * v;
        }
      }
      if (scale != 1f) {
        for (int i = from; i < to; i++) {
          g.put(i, g.get(i) * scale);
        }
      }
      if (optimizer != null) {
        optimizer.stepRange(parameters.floats, g, from, to);
      }
      return sq;
    }
  }

  /** A batch split over the workers; reused, so a step allocates nothing. */
  private final class PartTask implements ThreadTeam.Task {
    private final boolean withGradient;
    private final double[] partWeight = new double[threads];
    private DeviceData data;
    private int[] order;
    private int from;
    int n;
    /** Sum of the row weights of the batch. */
    double weight;

    PartTask(boolean withGradient) {
      this.withGradient = withGradient;
    }

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
    public void run(int member) {
      Worker worker = workers[member];
      worker.load(data, order, from + member * partRows, partRows(member, n));
      worker.compute(withGradient, partWeight[member] / weight);
    }

    /** The batch's weighted mean loss from the parts' after {@link #run}. */
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
}
