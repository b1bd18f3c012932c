package org.fracnet.trainers.nd4j;

import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.Parameters;

/**
 * A test-only soft-target cross-entropy {@code -sum_k p_k log softmax(z)_k}, weighted mean over
 * rows, so that this module's tests need no loss module. Gradient {@code w_i (q_i - p_i) / W}.
 */
final class SoftTargetCrossEntropy implements LossFunction {
  private final int classes;

  SoftTargetCrossEntropy(int classes) {
    this.classes = classes;
  }

  @Override
  public String id() {
    return "test-cross-entropy";
  }

  @Override
  public int classes() {
    return classes;
  }

  @Override
  public Parameters resolvedParameters() {
    return Parameters.empty();
  }

  @Override
  public double valueAndGradient(int n, double[] z, double[] p, double[] w, double[] grad) {
    checkShapes(n, z, p, w, grad);
    int k = classes;
    double total = 0;
    double weight = 0;
    for (int i = 0; i < n; i++) {
      double wi = w == null ? 1 : w[i];
      weight += wi;
    }
    for (int i = 0; i < n; i++) {
      double wi = w == null ? 1 : w[i];
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        max = Math.max(max, z[i * k + j]);
      }
      double sum = 0;
      for (int j = 0; j < k; j++) {
        sum += Math.exp(z[i * k + j] - max);
      }
      double logSum = max + Math.log(sum);
      double row = 0;
      for (int j = 0; j < k; j++) {
        double pj = p[i * k + j];
        if (pj > 0) {
          row -= pj * (z[i * k + j] - logSum);
        }
        if (grad != null) {
          grad[i * k + j] = wi * (Math.exp(z[i * k + j] - logSum) - pj) / weight;
        }
      }
      total += wi * row;
    }
    return total / weight;
  }

  @Override
  public void predict(int n, double[] z, double[] fractions) {
    int k = classes;
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        max = Math.max(max, z[i * k + j]);
      }
      double sum = 0;
      for (int j = 0; j < k; j++) {
        fractions[i * k + j] = Math.exp(z[i * k + j] - max);
        sum += fractions[i * k + j];
      }
      for (int j = 0; j < k; j++) {
        fractions[i * k + j] /= sum;
      }
    }
  }
}
