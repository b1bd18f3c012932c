package org.fracnet.spark;

import java.io.Serializable;
import org.fracnet.core.model.Standardization;
import org.fracnet.core.training.RowStatistics;

/**
 * The validated rows of one partition as flat row-major arrays: n x d features, n x k fractions,
 * n weights, and the global index of its first row among the rows of its kind (training or
 * validation), so a batch of global row indices can be found on the partitions. What a Spark job
 * caches and ships; immutable.
 */
final class RowBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  final int rows;
  final int features;
  final int classes;
  final double[] x;
  final double[] p;
  final double[] w;
  final long offset;

  RowBlock(int rows, int features, int classes, double[] x, double[] p, double[] w, long offset) {
    this.rows = rows;
    this.features = features;
    this.classes = classes;
    this.x = x;
    this.p = p;
    this.w = w;
    this.offset = offset;
  }

  /** The same rows with features standardised by {@code mean} and {@code scale}, starting at {@code at}. */
  RowBlock standardised(double[] mean, double[] scale, long at) {
    return new RowBlock(rows, features, classes, new Standardization(mean, scale).apply(x), p, w, at);
  }

  /** The one-pass statistics of these rows. */
  RowStatistics statistics(boolean weightsAreCounts) {
    RowStatistics s = new RowStatistics(features, classes, weightsAreCounts);
    for (int i = 0; i < rows; i++) {
      s.add(x, i * features, p, i * classes, w[i]);
    }
    return s;
  }

  /**
   * The rows among {@code batch} (global indices, in that order) that lie on this block, or
   * {@code null} when none does.
   */
  RowBlock gather(int[] batch) {
    int count = 0;
    for (int g : batch) {
      if (g >= offset && g < offset + rows) {
        count++;
      }
    }
    if (count == 0) {
      return null;
    }
    double[] bx = new double[count * features];
    double[] bp = new double[count * classes];
    double[] bw = new double[count];
    int r = 0;
    for (int g : batch) {
      if (g >= offset && g < offset + rows) {
        int i = (int) (g - offset);
        System.arraycopy(x, i * features, bx, r * features, features);
        System.arraycopy(p, i * classes, bp, r * classes, classes);
        bw[r++] = w[i];
      }
    }
    return new RowBlock(count, features, classes, bx, bp, bw, -1);
  }

  /** The sum of the row weights. */
  double weight() {
    double sum = 0;
    for (double v : w) {
      sum += v;
    }
    return sum;
  }
}
