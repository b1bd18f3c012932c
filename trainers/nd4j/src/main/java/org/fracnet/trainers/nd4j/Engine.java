package org.fracnet.trainers.nd4j;

import java.nio.FloatBuffer;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.NetworkSpec;

/**
 * The native training machinery for one run: the flat parameter buffer, one {@link Worker} per
 * thread and the {@link ThreadTeam} that drives them. Each batch is split into contiguous parts,
 * one per worker (the first {@code n % threads} parts one row longer); each worker computes the
 * weighted mean loss and its gradient on its part, and the parts are combined with the weights
 * {@code W_part / W_batch}, which gives exactly the batch's weighted mean loss and gradient. The
 * reduction runs in a fixed order, so a run is repeatable for a given thread count.
 *
 * <p>Not thread-safe; {@link #close()} stops the helper threads.
 */
final class Engine implements AutoCloseable {
  final Layout layout;
  final NativeBuffer parameters;
  private final Worker[] workers;
  private final ThreadTeam team;
  private final int threads;
  private final PartTask gradientTask = new PartTask(true);
  private final PartTask lossTask = new PartTask(false);
  private final float[] reduceAccumulator;
  private final float[] reducePart;

  /**
   * @param batchCapacity the most rows one call will pass (the batch size)
   * @param threads worker threads, at least 1
   */
  Engine(NetworkSpec network, LossFunction loss, int batchCapacity, int threads) {
    this.layout = new Layout(network);
    this.threads = Math.max(1, Math.min(threads, batchCapacity));
    this.parameters = new NativeBuffer(layout.parameterCount);
    int perWorker = (batchCapacity + this.threads - 1) / this.threads;
    workers = new Worker[this.threads];
    for (int t = 0; t < this.threads; t++) {
      workers[t] = new Worker(layout, loss, perWorker, parameters);
    }
    reduceAccumulator = new float[this.threads > 1 ? layout.parameterCount : 0];
    reducePart = new float[reduceAccumulator.length];
    team = new ThreadTeam(this.threads, "fracnet-nd4j");
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
    PartTask task = gradientTask;
    task.prepare(data, order, from, n);
    team.run(task);
    double loss = task.reduceLoss(workers);
    reduceGradients(task.weight);
    return loss;
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

  /**
   * g_0 = sum_t (W_t / W) g_t over the workers that had rows, in worker order, on heap copies
   * (vectorised). Worker 0 always has rows (it takes the larger part); when it alone had rows its
   * factor is exactly 1 and nothing is done.
   */
  private void reduceGradients(double weight) {
    float[] acc = reduceAccumulator;
    float[] part = reducePart;
    int count = layout.parameterCount;
    boolean started = false;
    for (int t = 1; t < threads; t++) {
      Worker worker = workers[t];
      if (worker.rows == 0) {
        continue;
      }
      float a = (float) (worker.weightSum / weight);
      worker.grad.floats.get(0, part, 0, count);
      if (!started) {
        float a0 = (float) (workers[0].weightSum / weight);
        workers[0].grad.floats.get(0, acc, 0, count);
        for (int i = 0; i < count; i++) {
          acc[i] = a0 * acc[i] + a * part[i];
        }
        started = true;
      } else {
        for (int i = 0; i < count; i++) {
          acc[i] += a * part[i];
        }
      }
    }
    if (started) {
      workers[0].grad.floats.put(0, acc, 0, count);
    }
  }

  @Override
  public void close() {
    team.close();
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
