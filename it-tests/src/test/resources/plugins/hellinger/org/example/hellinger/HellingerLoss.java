package org.example.hellinger;

import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.Parameters;

/**
 * Squared Hellinger distance after a softmax: l = 1/2 sum_k (sqrt(q_k) - sqrt(p_k))^2 with
 * q = softmax(z). A plugin example written against fracnet-core alone (see docs/plugins.md).
 */
public final class HellingerLoss implements LossFunction {
  private final int classes;

  HellingerLoss(int classes) {
    this.classes = classes;
  }

  @Override
  public String id() {
    return HellingerLossProvider.ID;
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
    double totalWeight = 0;
    for (int i = 0; i < n; i++) {
      totalWeight += w == null ? 1 : w[i];
    }
    double[] q = new double[k];
    double[] g = new double[k];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double wi = (w == null ? 1 : w[i]) / totalWeight;
      softmax(z, i * k, q);
      double row = 0;
      double qg = 0;
      for (int j = 0; j < k; j++) {
        if (!Double.isFinite(z[i * k + j])) {
          row = Double.NaN;   // the contract: a non-finite output gives a non-finite value
        }
      }
      for (int j = 0; j < k; j++) {
        double d = Math.sqrt(q[j]) - Math.sqrt(p[i * k + j]);
        row += 0.5 * d * d;
        g[j] = 0.5 * d / Math.sqrt(q[j]);   // d l / d q_j
        qg += q[j] * g[j];
      }
      sum += wi * row;
      if (grad != null) {
        for (int j = 0; j < k; j++) {
          grad[i * k + j] = wi * q[j] * (g[j] - qg);   // chain rule through the softmax
        }
      }
    }
    return sum;
  }

  @Override
  public void predict(int n, double[] z, double[] fractions) {
    if (z.length < n * classes || fractions.length < n * classes) {
      throw new IllegalArgumentException("z and fractions need " + n * classes + " values each");
    }
    double[] q = new double[classes];
    for (int i = 0; i < n; i++) {
      softmax(z, i * classes, q);
      System.arraycopy(q, 0, fractions, i * classes, classes);
    }
  }

  /** The expected squared Hellinger distance is minimised where sqrt(q) is proportional to E[sqrt(p)], not at E[p]. */
  @Override
  public boolean isProper() {
    return false;
  }

  @Override
  public String toString() {
    return "hellinger (improper: the expected loss is minimised at q proportional to E[sqrt p]^2, not at E[p])";
  }

  private void softmax(double[] z, int off, double[] q) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < classes; j++) {
      max = Math.max(max, z[off + j]);
    }
    double s = 0;
    for (int j = 0; j < classes; j++) {
      q[j] = Math.exp(z[off + j] - max);
      s += q[j];
    }
    for (int j = 0; j < classes; j++) {
      q[j] /= s;
    }
  }
}
