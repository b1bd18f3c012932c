package org.fracnet.core.spi;

/**
 * The dropout masks of a training step ({@link NetworkSpec#dropout()}), the same in every trainer:
 * a row's mask in a hidden layer depends only on the run's seed, the layer, the row's index in the
 * training rows and its position in the epoch's order. So it does not depend on how a batch is
 * split over threads, and a resumed run, which replays the epochs' orders, draws the same masks as
 * an unbroken one.
 */
public final class Dropout {
  private Dropout() {}

  /** Whether {@code share} is a dropout share a network takes: from 0 (none) to below 1. */
  public static boolean isShare(double share) {
    return share >= 0 && share < 1;
  }

  /**
   * Writes the mask of one row into {@code out[offset .. offset + width)}: 0 for a dropped output,
   * {@code 1 / (1 - rate)} for a kept one, each dropped with probability {@code rate}.
   *
   * @param seed the run's seed
   * @param layer the hidden layer, from 0
   * @param row the row's index in the training rows
   * @param position the row's position in the epoch's order
   */
  public static void mask(long seed, int layer, int row, int position, double rate, int width, float[] out,
      int offset) {
    long state = mix(mix(mix(seed ^ 0x5DEECE66DL) + layer) + ((long) row << 32 | (position & 0xFFFFFFFFL)));
    float keep = (float) (1 / (1 - rate));
    long threshold = (long) (rate * (1L << 53));
    for (int j = 0; j < width; j++) {
      state += 0x9E3779B97F4A7C15L;
      out[offset + j] = (mix(state) >>> 11) < threshold ? 0f : keep;
    }
  }

  /**
   * Writes the masks of the {@code n} rows at positions {@code from} to {@code from + n - 1} of
   * an epoch's {@code order} (row index {@code order[p]}, or {@code p} when {@code order} is null)
   * into {@code out}, row after row, {@code width} values each: {@link #mask} for every row.
   */
  public static void masks(long seed, int layer, int[] order, int from, int n, double rate, int width,
      float[] out) {
    for (int r = 0; r < n; r++) {
      int position = from + r;
      mask(seed, layer, order == null ? position : order[position], position, rate, width, out, r * width);
    }
  }

  /** SplitMix64's finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
