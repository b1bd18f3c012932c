package org.fracnet.core.spi;

import java.util.Arrays;

/**
 * Summary statistics of the training targets, handed to {@link LossProvider#create} so a loss can
 * choose data-dependent settings (class weights from class means, a zero policy), which it then
 * reports in {@link LossFunction#resolvedParameters()} to be stored with the model.
 *
 * <p>All statistics are weighted by the row weights. Immutable.
 */
public final class TargetStatistics {
  private final double[] classMeans;
  private final double[] classVariances;
  private final double[] zeroShares;
  private final boolean weightsAreCounts;

  private TargetStatistics(
      double[] classMeans, double[] classVariances, double[] zeroShares, boolean weightsAreCounts) {
    this.classMeans = classMeans;
    this.classVariances = classVariances;
    this.zeroShares = zeroShares;
    this.weightsAreCounts = weightsAreCounts;
  }

  /**
   * Computes the statistics of {@code n} rows of {@code k} fractions (row-major) with row weights
   * {@code w} ({@code null} for all ones).
   *
   * @param weightsAreCounts whether {@code w} holds the number of units per row (the targets were
   *     given as counts), so that {@code p[i,k] * w[i]} is a count
   */
  public static TargetStatistics of(int n, int k, double[] p, double[] w, boolean weightsAreCounts) {
    double[] mean = new double[k];
    double[] sq = new double[k];
    double[] zeros = new double[k];
    double total = 0;
    for (int i = 0; i < n; i++) {
      double wi = w == null ? 1 : w[i];
      total += wi;
      for (int j = 0; j < k; j++) {
        double v = p[i * k + j];
        mean[j] += wi * v;
        sq[j] += wi * v * v;
        if (v == 0) {
          zeros[j] += wi;
        }
      }
    }
    return ofSums(total, mean, sq, zeros, weightsAreCounts);
  }

  /**
   * The statistics from weighted sums over the rows (the arrays are taken over), for rows seen one
   * at a time or in parts: {@code total} = sum of w, {@code sums[j]} = sum of w p_j,
   * {@code squares[j]} = sum of w p_j^2, {@code zeros[j]} = sum of w where p_j = 0.
   */
  public static TargetStatistics ofSums(double total, double[] sums, double[] squares, double[] zeros,
      boolean weightsAreCounts) {
    int k = sums.length;
    double[] mean = sums;
    double[] var = new double[k];
    for (int j = 0; j < k; j++) {
      mean[j] /= total;
      var[j] = Math.max(0, squares[j] / total - mean[j] * mean[j]);
      zeros[j] /= total;
    }
    return new TargetStatistics(mean, var, zeros, weightsAreCounts);
  }

  /** Statistics for {@code k} classes with no data: uniform means, zero variance, no zeros. */
  public static TargetStatistics uniform(int k) {
    double[] mean = new double[k];
    Arrays.fill(mean, 1.0 / k);
    return new TargetStatistics(mean, new double[k], new double[k], false);
  }

  /** The number of classes K. */
  public int classes() {
    return classMeans.length;
  }

  /** Weighted mean fraction per class (sums to 1). A copy. */
  public double[] classMeans() {
    return classMeans.clone();
  }

  /**
   * The raw outputs whose softmax is the class means: {@code log(max(mean, 1e-6))} per class,
   * centred to sum to zero (the floor keeps a class that never occurs finite). What a loss with a
   * softmax link returns from {@link LossFunction#initialOutputs}, so that training starts from
   * the class means.
   */
  public double[] centredLogMeans() {
    int k = classMeans.length;
    double[] z = new double[k];
    double centre = 0;
    for (int j = 0; j < k; j++) {
      z[j] = Math.log(Math.max(classMeans[j], 1e-6));
      centre += z[j] / k;
    }
    for (int j = 0; j < k; j++) {
      z[j] -= centre;
    }
    return z;
  }

  /** Weighted variance of the fraction per class. A copy. */
  public double[] classVariances() {
    return classVariances.clone();
  }

  /** Weighted share of rows whose fraction is exactly 0, per class. A copy. */
  public double[] zeroShares() {
    return zeroShares.clone();
  }

  /** Whether row weights are unit counts (targets were given as counts). */
  public boolean weightsAreCounts() {
    return weightsAreCounts;
  }

  @Override
  public String toString() {
    return "TargetStatistics[means=" + Arrays.toString(classMeans) + ", counts=" + weightsAreCounts + "]";
  }
}
