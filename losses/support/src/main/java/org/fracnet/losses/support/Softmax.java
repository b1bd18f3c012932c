package org.fracnet.losses.support;

/**
 * Numerically stable softmax and log-sum-exp over a slice of an array.
 *
 * <p>Both subtract the maximum before exponentiating, so no finite input overflows. A NaN or
 * infinite input gives NaN outputs (never an exception): {@code +inf - +inf} is NaN.
 */
public final class Softmax {
  private Softmax() {}

  /** {@code log sum_j exp(x[off + j])} for {@code j < len}. */
  public static double logSumExp(double[] x, int off, int len) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < len; j++) {
      max = Math.max(max, x[off + j]);
    }
    if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
      // all -inf (no mass) or some +inf: the sum is not defined by a finite shift
      return max == Double.POSITIVE_INFINITY ? Double.NaN : Double.NEGATIVE_INFINITY;
    }
    double sum = 0;
    for (int j = 0; j < len; j++) {
      sum += Math.exp(x[off + j] - max);
    }
    return max + Math.log(sum);
  }

  /**
   * Writes {@code softmax(x[off .. off+len))} to {@code out[outOff ..]} and returns the
   * log-sum-exp of the slice, so callers can form log-probabilities as {@code x - lse}.
   */
  public static double softmax(double[] x, int off, int len, double[] out, int outOff) {
    double lse = logSumExp(x, off, len);
    for (int j = 0; j < len; j++) {
      out[outOff + j] = Math.exp(x[off + j] - lse);
    }
    return lse;
  }

  /**
   * Writes {@code softmax(x - shift)} to {@code out}, where {@code shift} has {@code len} entries
   * (e.g. {@code log c} to de-bias a class-weighted loss).
   */
  public static void shiftedSoftmax(double[] x, int off, int len, double[] shift, double[] out, int outOff) {
    for (int j = 0; j < len; j++) {
      out[outOff + j] = x[off + j] - shift[j];
    }
    softmax(out, outOff, len, out, outOff);
  }
}
