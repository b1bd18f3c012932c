package org.fracnet.trainers.java;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fracnet.core.TrainingException;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.spi.DataObjective;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.NetworkSpec;

/**
 * The loss over all rows of a data set (the loss's weighted mean) as a function of the flat
 * network parameters, with its gradient, in double precision ({@link DoubleNetwork}).
 *
 * <p>The rows are split into contiguous parts, one per thread: {@code min(threads, rows / 1024)}
 * parts, at least one, so small data sets run on the caller's thread alone. Each part computes
 * its own weighted mean and gradient; they are combined with weights {@code W_part / W} in part
 * order, so the same rows and thread count give bit-identical results. Close it to stop the
 * threads.
 */
final class RowSplitObjective implements DataObjective {
  /** Rows per part below which no further thread is used. */
  static final int MIN_ROWS_PER_PART = 1024;

  private final LossFunction loss;
  private final Dataset[] parts;
  private final double[] shares;
  private final DoubleNetwork[] networks;
  private final double[][] gradients;
  private final ExecutorService pool;
  private int evaluations;

  RowSplitObjective(NetworkSpec network, Dataset data, LossFunction loss, int threads) {
    this.loss = loss;
    int n = data.rows();
    int count = Math.max(1, Math.min(threads, n / MIN_ROWS_PER_PART));
    parts = new Dataset[count];
    shares = new double[count];
    networks = new DoubleNetwork[count];
    gradients = new double[count][];
    double total = 0;
    for (double w : data.weights()) {
      total += w;
    }
    for (int p = 0; p < count; p++) {
      int from = (int) ((long) n * p / count);
      int to = (int) ((long) n * (p + 1) / count);
      int[] rows = new int[to - from];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = from + i;
      }
      parts[p] = count == 1 ? data : data.select(rows);
      double w = 0;
      for (double v : parts[p].weights()) {
        w += v;
      }
      shares[p] = w / total;
      networks[p] = new DoubleNetwork(network);
      gradients[p] = new double[network.parameterCount()];
    }
    pool = count == 1 ? null : Executors.newFixedThreadPool(count - 1, r -> {
      Thread t = new Thread(r, "fracnet-full-batch");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public double valueAndGradient(double[] x, double[] grad) {
    evaluations++;
    return compute(x, grad);
  }

  @Override
  public double value(double[] x) {
    return compute(x, null);
  }

  @Override
  public int evaluations() {
    return evaluations;
  }

  private double part(int p, double[] x, double[] grad) {
    Dataset d = parts[p];
    return networks[p].lossAndGradient(x, d.features(), d.targets(), d.weights(), d.rows(), loss, grad);
  }

  private double compute(double[] x, double[] grad) {
    if (parts.length == 1) {
      return part(0, x, grad);
    }
    List<Future<Double>> futures = new ArrayList<>();
    for (int p = 1; p < parts.length; p++) {
      int index = p;
      futures.add(pool.submit(() -> part(index, x, grad == null ? null : gradients[index])));
    }
    double[] values = new double[parts.length];
    values[0] = part(0, x, grad == null ? null : gradients[0]);
    for (int p = 1; p < parts.length; p++) {
      values[p] = join(futures.get(p - 1));
    }
    double value = 0;
    for (int p = 0; p < parts.length; p++) {
      value += shares[p] * values[p];
    }
    if (grad != null) {
      Arrays.fill(grad, 0);
      for (int p = 0; p < parts.length; p++) {
        double s = shares[p];
        double[] g = gradients[p];
        for (int i = 0; i < grad.length; i++) {
          grad[i] += s * g[i];
        }
      }
    }
    return value;
  }

  private static double join(Future<Double> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrainingException("full-batch training was interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
