package org.fracnet.losses.support;

import org.fracnet.core.spi.Parameters;

/**
 * The squared error after a softmax, {@code l = (1/K) sum_k c_k (q_k - p_k)^2} with
 * {@code q = softmax(z)}: {@code mse} is this with {@code c = 1}, {@code weighted-mse} with its
 * class weights. Predictions are {@code softmax(z)}; proper for any positive {@code c}.
 *
 * <p>Gradient: with {@code g_k = 2 c_k (q_k - p_k) / K} and {@code s = sum_k q_k g_k},
 * {@code d l / d z_j = q_j (g_j - s)}. The factor {@code q_j} is why small classes learn slowly.
 */
public final class SoftmaxSquaredError extends RowLoss {
  private final double[] weights;

  /**
   * @param weights class weights, or {@code null} for all ones
   */
  public SoftmaxSquaredError(String id, int classes, double[] weights, Parameters resolved) {
    super(id, classes, classes, resolved);
    this.weights = weights == null ? null : weights.clone();
  }

  @Override
  protected double row(
      double[] z, int zOff, double[] p, int pOff, double rowWeight,
      double[] grad, int gOff, double gradScale, double[] scratch) {
    int k = classes();
    Softmax.softmax(z, zOff, k, scratch, 0);
    double loss = 0;
    double s = 0;
    for (int j = 0; j < k; j++) {
      double q = scratch[j];
      double d = q - p[pOff + j];
      double cj = weights == null ? 1 : weights[j];
      loss += cj * d * d;
      double g = 2 * cj * d / k;
      scratch[k + j] = g;
      s += q * g;
    }
    if (grad != null) {
      for (int j = 0; j < k; j++) {
        grad[gOff + j] = gradScale * scratch[j] * (scratch[k + j] - s);
      }
    }
    return loss / k;
  }

  /** The centred log of the class means: the first prediction is the mean target. */
  @Override
  public double[] initialOutputs(org.fracnet.core.spi.TargetStatistics statistics) {
    return statistics.centredLogMeans();
  }

  @Override
  protected void predictRow(double[] z, int zOff, double[] out, int outOff) {
    Softmax.softmax(z, zOff, classes(), out, outOff);
  }
}
