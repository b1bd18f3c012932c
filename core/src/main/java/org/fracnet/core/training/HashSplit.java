package org.fracnet.core.training;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * Holds rows out for validation by a hash of the row (its features, fractions and weight as
 * validated), or of its group, mixed with the seed: whether a row is held out depends on that row
 * alone, so rows read once in a stream, in chunks or on a cluster's partitions are split the same
 * way every epoch, on resume and on every machine, without keeping a list of rows. The share held
 * out is {@code fraction} in expectation, not exactly (it is exact for {@link ModelFitter}'s
 * split of rows in memory). Identical rows fall on the same side.
 *
 * <p>Immutable; serializable so a cluster can ship it.
 */
public final class HashSplit implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double fraction;
  private final long seed;

  /** Holds out {@code fraction} (0 to below 1) of the rows, as chosen by {@code seed}. */
  public HashSplit(double fraction, long seed) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("fraction " + fraction + " is not in [0, 1)");
    }
    this.fraction = fraction;
    this.seed = seed;
  }

  /** The share held out in expectation. */
  public double fraction() {
    return fraction;
  }

  /** Whether the row of features {@code x[xFrom .. xFrom + d)}, fractions and weight is held out. */
  public boolean heldOut(double[] x, int xFrom, int d, double[] p, int pFrom, int k, double w) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    for (int j = 0; j < d; j++) {
      h = mix(h ^ bits(x[xFrom + j]));
    }
    for (int j = 0; j < k; j++) {
      h = mix(h ^ bits(p[pFrom + j]));
    }
    return below(mix(h ^ bits(w)));
  }

  /** Whether the rows of group {@code group} (all of them, together) are held out. */
  public boolean heldOut(String group) {
    long h = mix(seed ^ 0xC2B2AE3D27D4EB4FL);
    for (byte b : group.getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ b);
    }
    return below(h);
  }

  private boolean below(long h) {
    return (h >>> 11) * 0x1.0p-53 < fraction;
  }

  private static long bits(double v) {
    return Double.doubleToLongBits(v == 0 ? 0.0 : v); // -0.0 and 0.0 are the same value
  }

  /** SplitMix64's finaliser: every bit of the input moves every bit of the output. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
