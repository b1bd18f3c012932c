package org.fracnet.spark;

import java.io.Serializable;
import org.fracnet.trainers.java.DoubleNetwork;

/**
 * What {@code treeAggregate} adds up over partitions: the sum of the row weights, the weighted sum
 * of the loss and, when asked, the weighted sum of its gradient. Each partition computes the
 * weighted mean loss and gradient of its rows with the pure-Java {@link DoubleNetwork} (the local
 * trainer's code) and adds them weighted by its total weight, so the result divided by the total
 * weight is the loss's weighted mean over all rows, as the local full-batch objective gives it.
 * Mutable; serializable to travel between tasks and to the driver.
 */
final class Sums implements Serializable {
  private static final long serialVersionUID = 1L;

  double weight;
  double loss;
  final double[] gradient;

  Sums(int parameters, boolean withGradient) {
    this.gradient = withGradient ? new double[parameters] : null;
  }

  /** Adds rows {@code x, p, w} (n of them), at parameters {@code params}. */
  Sums add(NetworkRecipe recipe, double[] params, double[] x, double[] p, double[] w, int n) {
    if (n == 0) {
      return this;
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += w[i];
    }
    double[] g = gradient == null ? null : new double[gradient.length];
    double mean = new DoubleNetwork(recipe.network()).lossAndGradient(params, x, p, w, n, recipe.loss(), g);
    weight += total;
    loss += total * mean;
    if (g != null) {
      for (int i = 0; i < g.length; i++) {
        gradient[i] += total * g[i];
      }
    }
    return this;
  }

  /** Adds another partition's sums; returns this. */
  Sums merge(Sums other) {
    weight += other.weight;
    loss += other.loss;
    if (gradient != null) {
      for (int i = 0; i < gradient.length; i++) {
        gradient[i] += other.gradient[i];
      }
    }
    return this;
  }

  /** The weighted mean loss; writes the weighted mean gradient into {@code out} when given. */
  double mean(double[] out) {
    if (out != null) {
      for (int i = 0; i < out.length; i++) {
        out[i] = gradient[i] / weight;
      }
    }
    return loss / weight;
  }
}
