package org.fracnet.losses.crossentropy;

import java.util.ArrayList;
import java.util.List;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;
import org.fracnet.losses.support.ClassWeights;
import org.fracnet.losses.support.RowLoss;
import org.fracnet.losses.support.Softmax;

/**
 * {@code l = -sum_k c_k p'_k log q_k}, {@code q = softmax(z)}, {@code p' = (1 - eps) p + eps / K}.
 *
 * <p>Gradient: {@code d l / d z_j = (sum_k c_k p'_k) q_j - c_j p'_j}; {@code log q} is formed as
 * {@code z - logSumExp(z)}, so no finite {@code z} overflows. Predictions are {@code softmax(z)},
 * or {@code softmax(z - log c)} when de-biasing: the expected loss is minimised at
 * {@code q ∝ c E[p']}, which the shift maps back to {@code E[p']}.
 */
final class CrossEntropyLoss extends RowLoss {
  private final double[] weights;
  private final double[] logWeights;
  private final double eps;
  private final boolean debias;
  private final boolean unweighted;

  CrossEntropyLoss(double[] weights, double eps, boolean debias, Parameters resolved) {
    super(CrossEntropyProvider.ID, weights.length, weights.length, resolved);
    this.weights = weights.clone();
    this.eps = eps;
    this.debias = debias;
    this.unweighted = ClassWeights.allEqual(weights);
    this.logWeights = new double[weights.length];
    for (int j = 0; j < weights.length; j++) {
      logWeights[j] = Math.log(weights[j]);
    }
  }

  @Override
  protected double row(
      double[] z, int zOff, double[] p, int pOff, double rowWeight,
      double[] grad, int gOff, double gradScale, double[] scratch) {
    int k = weights.length;
    double lse = Softmax.logSumExp(z, zOff, k);
    double loss = 0;
    double mass = 0; // sum_k c_k p'_k
    for (int j = 0; j < k; j++) {
      double target = weights[j] * ((1 - eps) * p[pOff + j] + eps / k);
      scratch[j] = target;
      mass += target;
      if (target != 0) { // 0 * log 0 = 0; a non-finite z is caught by RowLoss's guard
        loss -= target * (z[zOff + j] - lse);
      }
    }
    if (grad != null) {
      for (int j = 0; j < k; j++) {
        grad[gOff + j] = gradScale * (mass * Math.exp(z[zOff + j] - lse) - scratch[j]);
      }
    }
    return loss;
  }

  @Override
  protected void predictRow(double[] z, int zOff, double[] out, int outOff) {
    if (debias) {
      Softmax.shiftedSoftmax(z, zOff, weights.length, logWeights, out, outOff);
    } else {
      Softmax.softmax(z, zOff, weights.length, out, outOff);
    }
  }

  /** softmax(z), without the de-biasing that {@link #predictRow} applies under class weights. */
  @Override
  protected void linkRow(double[] z, int zOff, double[] out, int outOff) {
    Softmax.softmax(z, zOff, weights.length, out, outOff);
  }

  /**
   * The centred log of the class means, so the first prediction is the mean target; with
   * de-biasing under class weights, {@code null} (zero biases), since the de-biased prediction of
   * those outputs would not be the mean.
   */
  @Override
  public double[] initialOutputs(TargetStatistics statistics) {
    return debias && !unweighted ? null : statistics.centredLogMeans();
  }

  @Override
  public boolean isProper() {
    return eps == 0 && (unweighted || debias);
  }

  @Override
  protected String notes() {
    List<String> why = new ArrayList<>();
    if (!unweighted && !debias) {
      why.add("with unequal class weights and debias=false the expected loss is minimised at "
          + "q proportional to c * p, not at p, so predictions lean towards heavily weighted classes");
    }
    if (eps > 0) {
      why.add("label smoothing moves the minimum to (1 - eps) p + eps / K, towards uniform");
    }
    return why.isEmpty() ? "" : "improper: " + String.join("; ", why);
  }
}
