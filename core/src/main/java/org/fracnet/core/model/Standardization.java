package org.fracnet.core.model;

/**
 * Per-feature centring and scaling: {@code x' = (x - mean) / scale}. A feature that is constant in
 * the training data gets scale {@value #CONSTANT_SCALE}, so that it maps to 0 whatever value it
 * takes later: the network never saw it vary, and the weights it leads to were never trained, so
 * a new value would move the prediction at random. A binary feature (every
 * training value 0 or 1: a flag, a one-hot column) is left as it is (mean 0, scale 1): standardised,
 * a flag set in 7 of 7755 rows would become 33 in those rows, which a network memorises (on the
 * Movie label-distribution set, keeping flags as they are lowers KL by 6 %; docs/benchmarks.md).
 *
 * @param mean d means
 * @param scale d positive scales (standard deviations)
 */
public record Standardization(double[] mean, double[] scale) {
  /** The scale of a feature constant in the training data: finite, as a model file needs, and large. */
  public static final double CONSTANT_SCALE = 1e300;

  /**
   * Computes the (unweighted) mean and population standard deviation of n x d features; a binary
   * feature keeps mean 0 and scale 1.
   */
  public static Standardization fit(int n, int d, double[] x) {
    double[] mean = new double[d];
    double[] m2 = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double v = x[i * d + j];
        double delta = v - mean[j];
        mean[j] += delta / (i + 1);
        m2[j] += delta * (v - mean[j]);
      }
    }
    boolean[] binary = new boolean[d];
    java.util.Arrays.fill(binary, n > 0);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double v = x[i * d + j];
        binary[j] &= v == 0 || v == 1;
      }
    }
    return of(n, mean, m2, binary);
  }

  /**
   * The standardisation of {@code n} rows from their moments: per feature the mean, the sum of
   * squared deviations from it ({@code m2}), and whether every value was 0 or 1 (the arrays are
   * taken over). For statistics gathered one row at a time or merged from parts.
   */
  public static Standardization of(long n, double[] mean, double[] m2, boolean[] binary) {
    int d = mean.length;
    double[] scale = new double[d];
    for (int j = 0; j < d; j++) {
      double sd = Math.sqrt(m2[j] / Math.max(1, n));
      scale[j] = sd > 1e-12 * Math.max(1, Math.abs(mean[j])) ? sd : CONSTANT_SCALE;
      if (binary[j] && scale[j] != CONSTANT_SCALE) {
        mean[j] = 0;
        scale[j] = 1;
      }
    }
    return new Standardization(mean, scale);
  }

  /** A new array with every row of {@code x} (n x d) standardised. */
  public double[] apply(double[] x) {
    return standardise(x, new double[x.length]);
  }

  /** Standardises every row of {@code x} (n x d) in place and returns {@code x}. */
  public double[] applyInPlace(double[] x) {
    return standardise(x, x);
  }

  private double[] standardise(double[] x, double[] out) {
    int d = mean.length;
    for (int i = 0; i < x.length; i++) {
      int j = i % d;
      out[i] = (x[i] - mean[j]) / scale[j];
    }
    return out;
  }
}
