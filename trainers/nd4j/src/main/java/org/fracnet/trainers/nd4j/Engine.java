package org.fracnet.trainers.nd4j;

import java.nio.FloatBuffer;
import org.fracnet.core.spi.ElementwiseOptimizer;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Optimizer;

/**
 * The native training machinery for one run: the flat parameter buffer, one {@link Worker} per
 * thread and the {@link ThreadTeam} that drives them. Each batch is split into contiguous parts,
 * one per worker (the first {@code n % threads} parts one row longer); each worker computes the
 * weighted mean loss and its gradient on its part, and the parts are combined with the weights
 * {@code W_part / W_batch}, which gives exactly the batch's weighted mean loss and gradient. The
 * reduction runs in a fixed order, so a run is repeatable for a given thread count.
 *
 * <p>The reduction, gradient clipping and the optimizer step are split over the same threads by
 * parameter index ({@link #update}): each member takes a contiguous slice of the parameters and,
 * block by block while the block is in its cache, sums the workers' gradients and applies an
 * {@link ElementwiseOptimizer}'s step to it. Optimizers that are not element-wise get the reduced
 * gradient and step on the calling thread.
 *
 * <p>Not thread-safe; {@link #close()} stops the helper threads.
 */
final class Engine implements AutoCloseable {
  /** Parameters per block of the reduction and update: 64 KiB of floats, which stay in the L2 cache. */
  static final int REDUCE_BLOCK = 16384;

  final Layout layout;
  final NativeBuffer parameters;
  private final Worker[] workers;
  private final ThreadTeam team;
  /** Workers, each with its share of every batch. */
  private final int threads;
  /** Threads of the team: the workers, plus helpers that only share the update. */
  private final int teamSize;
  private final PartTask gradientTask = new PartTask(true);
  private final PartTask lossTask = new PartTask(false);
  private final UpdateTask updateTask;
  /** Per member: heap blocks for the reduction, so its loops vectorise. */
  private final float[][] reduceAccumulator;
  private final float[][] reducePart;

  /**
   * @param batchCapacity the most rows one call will pass (the batch size)
   * @param threads worker threads, at least 1
   */
  Engine(NetworkSpec network, LossFunction loss, int batchCapacity, int threads) {
    this(network, loss, batchCapacity, threads, threads);
  }

  /**
   * @param batchCapacity the most rows one call will pass (the batch size)
   * @param workers worker threads, each with a share of every batch, at least 1
   * @param teamSize threads that share the update, at least {@code workers}: more than {@code
   *     workers} when the forward and backward passes get their parallelism from BLAS threads
   */
  Engine(NetworkSpec network, LossFunction loss, int batchCapacity, int workers, int teamSize) {
    this.layout = new Layout(network);
    this.threads = Math.max(1, Math.min(workers, batchCapacity));
    this.teamSize = Math.max(this.threads, teamSize);
    this.parameters = new NativeBuffer(layout.parameterCount);
    int perWorker = (batchCapacity + this.threads - 1) / this.threads;
    this.workers = new Worker[this.threads];
    for (int t = 0; t < this.threads; t++) {
      this.workers[t] = new Worker(layout, loss, perWorker, parameters);
    }
    int block = this.threads > 1 ? REDUCE_BLOCK : 0;
    reduceAccumulator = new float[this.teamSize][block];
    reducePart = new float[this.teamSize][block];
    updateTask = new UpdateTask(); // after the sizes are set: it sizes its arrays by them
    team = new ThreadTeam(this.teamSize, "fracnet-nd4j");
  }

  /** The gradient of the last {@link #gradient} call, aliasing native memory. */
  FloatBuffer gradientBuffer() {
    return workers[0].grad.floats;
  }

  /** Sum of the row weights of the last batch. */
  double lastWeight() {
    return gradientTask.weight;
  }

  /**
   * Computes the weighted mean loss of rows {@code order[from .. from + n)} and leaves its
   * gradient in {@link #gradientBuffer()}.
   */
  double gradient(DeviceData data, int[] order, int from, int n) {
    double loss = partialGradients(data, order, from, n);
    update(null, 0, 0);
    return loss;
  }

  /**
   * Computes the weighted mean loss of rows {@code order[from .. from + n)} and each worker's
   * gradient of its part; {@link #update} then combines them and steps. Between the two calls the
   * caller may look at the loss (to stop on NaN) without paying for the reduction.
   */
  double partialGradients(DeviceData data, int[] order, int from, int n) {
    PartTask task = gradientTask;
    task.prepare(data, order, from, n);
    team.run(task);
    return task.reduceLoss(workers);
  }

  /**
   * Combines the gradients of the last {@link #partialGradients} into {@link #gradientBuffer()},
   * clips it to Euclidean norm {@code clipNorm} when that is positive and the gradient is longer,
   * and applies one step of {@code optimizer} (none when it is {@code null}).
   */
  void update(Optimizer optimizer, double learningRate, double clipNorm) {
    UpdateTask task = updateTask;
    task.prepare(gradientTask.weight);
    ElementwiseOptimizer split = optimizer instanceof ElementwiseOptimizer e ? e : null;
    boolean reduced = false;
    float scale = 1f;
    if (split == null || clipNorm > 0) {
      // the norm, or an optimizer that takes the whole gradient, needs the reduction done first
      task.run(UpdateTask.REDUCE, clipNorm > 0, 1f);
      reduced = true;
      if (clipNorm > 0) {
        scale = clipScale(task.squaredNorm(), clipNorm);
      }
    }
    if (split != null) {
      split.beginStep(learningRate);
      task.optimizer = split; // the hand-off orders beginStep before every member's stepRange
      task.run(reduced ? UpdateTask.SCALE_AND_STEP : UpdateTask.REDUCE_AND_STEP, false, scale);
      task.optimizer = null;
      return;
    }
    if (scale != 1f) {
      task.run(UpdateTask.SCALE, false, scale);
    }
    if (optimizer != null) {
      optimizer.step(parameters.floats, gradientBuffer(), learningRate);
    }
  }

  /** The factor that shortens a gradient of squared norm {@code sq} to {@code maxNorm}, or 1. */
  static float clipScale(double sq, double maxNorm) {
    double norm = Math.sqrt(sq);
    return norm > maxNorm ? (float) (maxNorm / norm) : 1f;
  }

  /** The weighted mean loss over all rows of {@code data}, in chunks of the batch capacity. */
  double loss(DeviceData data) {
    int chunk = workers[0].capacityRows() * threads;
    double total = 0;
    double weight = 0;
    for (int from = 0; from < data.rows; from += chunk) {
      int n = Math.min(chunk, data.rows - from);
      PartTask task = lossTask;
      task.prepare(data, null, from, n);
      team.run(task);
      double value = task.reduceLoss(workers);
      total += value * task.weight;
      weight += task.weight;
    }
    return total / weight;
  }

  @Override
  public void close() {
    team.close();
  }

  /**
   * The reduction and update, split by parameter index: member {@code t} of {@code T} takes the
   * slice {@code [t * P / T, (t + 1) * P / T)} (rounded to 16 values) in blocks of {@link
   * #REDUCE_BLOCK}. The reduction is g_0 = sum_t (W_t / W) g_t over the workers that had rows, in
   * worker order, on heap copies of a block (vectorised); worker 0 always has rows (it takes the
   * larger part), and when it alone had rows its factor is exactly 1 and nothing is summed.
   * Reused, so a step allocates nothing.
   */
  private final class UpdateTask implements ThreadTeam.Task {
    static final int REDUCE = 0;
    static final int SCALE = 1;
    static final int SCALE_AND_STEP = 2;
    static final int REDUCE_AND_STEP = 3;

    int phase;
    boolean wantNorm;
    float scale;
    ElementwiseOptimizer optimizer;
    /** Factors of the workers that had rows; {@code contributorCount < 2} means nothing to sum. */
    private final float[] factors = new float[threads];
    private final int[] contributors = new int[threads];
    private int contributorCount;
    private final double[] partialSquares = new double[teamSize];

    /** Runs {@code phase} on every member of the team. */
    void run(int phase, boolean wantNorm, float scale) {
      this.phase = phase;
      this.wantNorm = wantNorm;
      this.scale = scale;
      team.run(this);
    }

    void prepare(double weight) {
      int count = 0;
      for (int t = 0; t < threads; t++) {
        if (workers[t].rows > 0) {
          contributors[count] = t;
          factors[count] = (float) (workers[t].weightSum / weight);
          count++;
        }
      }
      contributorCount = count;
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
      int count = layout.parameterCount;
      int lo = sliceStart(member, count);
      int hi = sliceStart(member + 1, count);
      FloatBuffer g = gradientBuffer();
      double sq = 0;
      for (int start = lo; start < hi; start += REDUCE_BLOCK) {
        int n = Math.min(REDUCE_BLOCK, hi - start);
        switch (phase) {
          case REDUCE -> {
            reduce(member, start, n);
            if (wantNorm) {
              sq += squares(g, start, n);
            }
          }
          case SCALE -> scale(g, start, n, scale);
          case SCALE_AND_STEP -> {
            if (scale != 1f) {
              scale(g, start, n, scale);
            }
            optimizer.stepRange(parameters.floats, g, start, start + n);
          }
          default -> {
            reduce(member, start, n);
            optimizer.stepRange(parameters.floats, g, start, start + n);
          }
        }
      }
      partialSquares[member] = sq;
    }

    private int sliceStart(int member, int count) {
      if (member >= teamSize) {
        return count;
      }
      long start = (long) count * member / teamSize;
      return (int) Math.min(count, start & ~15L);
    }

    private void reduce(int member, int start, int n) {
      if (contributorCount < 2) {
        return;
      }
      float[] acc = reduceAccumulator[member];
      float[] part = reducePart[member];
      workers[contributors[0]].grad.floats.get(start, acc, 0, n);
      workers[contributors[1]].grad.floats.get(start, part, 0, n);
      float a0 = factors[0];
      float a1 = factors[1];
      for (int i = 0; i < n; i++) {
        acc[i] = a0 * acc[i] + a1 * part[i];
      }
      for (int c = 2; c < contributorCount; c++) {
        workers[contributors[c]].grad.floats.get(start, part, 0, n);
        float a = factors[c];
        for (int i = 0; i < n; i++) {
          acc[i] += a * part[i];
        }
      }
      workers[0].grad.floats.put(start, acc, 0, n);
    }

    private double squares(FloatBuffer g, int start, int n) {
      double sq = 0;
      for (int i = start; i < start + n; i++) {
        float v = g.get(i);
        sq += v * v;
      }
      return sq;
    }

    private void scale(FloatBuffer g, int start, int n, float factor) {
      for (int i = start; i < start + n; i++) {
        g.put(i, g.get(i) * factor);
      }
    }
  }

  /** A batch split over the workers; reused, so a step allocates nothing. */
  private final class PartTask implements ThreadTeam.Task {
    private final boolean withGradient;
    private DeviceData data;
    private int[] order;
    private int from;
    private int n;
    double weight;

    PartTask(boolean withGradient) {
      this.withGradient = withGradient;
    }

    void prepare(DeviceData data, int[] order, int from, int n) {
      this.data = data;
      this.order = order;
      this.from = from;
      this.n = n;
    }

    @Override
    public void run(int member) {
      if (member >= threads) {
        return; // a helper that only shares the update
      }
      int base = n / threads;
      int extra = n % threads;
      int start = from + member * base + Math.min(member, extra);
      int rows = base + (member < extra ? 1 : 0);
      Worker worker = workers[member];
      worker.load(data, order, start, rows);
      worker.compute(withGradient);
    }

    double reduceLoss(Worker[] all) {
      double total = 0;
      double w = 0;
      for (Worker worker : all) {
        if (worker.rows > 0) {
          total += worker.lossValue * worker.weightSum;
          w += worker.weightSum;
        }
      }
      weight = w;
      return total / w;
    }
  }
}
