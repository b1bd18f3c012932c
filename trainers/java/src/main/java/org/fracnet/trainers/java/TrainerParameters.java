package org.fracnet.trainers.java;

import org.fracnet.core.SettingsException;
import org.fracnet.core.spi.ParameterDescriptor;
import org.fracnet.core.spi.Parameters;

/**
 * The parameters every fracnet trainer takes, {@code threads} and {@code clip-norm}: their
 * descriptions, defaults and range checks, in one place for the {@code java} and {@code nd4j}
 * trainers.
 */
public final class TrainerParameters {
  /** The most threads accepted. */
  public static final int MAX_THREADS = 256;

  private TrainerParameters() {}

  /** The default thread count: the available processors, at most {@link #MAX_THREADS}. */
  public static int defaultThreads() {
    return Math.min(Runtime.getRuntime().availableProcessors(), MAX_THREADS);
  }

  /** {@code threads}, described by {@code meaning}. */
  public static ParameterDescriptor threadsDescriptor(String meaning) {
    return new ParameterDescriptor("threads", meaning + ", 1 to " + MAX_THREADS + " (default: available processors,"
        + " here " + defaultThreads() + ")", String.valueOf(defaultThreads()));
  }

  /** {@code clip-norm}. */
  public static ParameterDescriptor clipNormDescriptor() {
    return new ParameterDescriptor("clip-norm", "rescale each batch gradient to at most this L2 norm, > 0;"
        + " 0 turns clipping off", "0");
  }

  /** The checked thread count of {@code p} (its owner names the trainer in errors). */
  public static int threads(Parameters p) {
    int threads = p.getInt("threads", defaultThreads());
    if (!(threads >= 1 && threads <= MAX_THREADS)) {
      throw p.invalid("threads", p.getString("threads", ""), "an integer from 1 to " + MAX_THREADS);
    }
    return threads;
  }

  /** The checked clipping norm of {@code p}; 0 for none. */
  public static double clipNorm(Parameters p) {
    double clipNorm = p.getDouble("clip-norm", 0);
    if (!(clipNorm >= 0)) {
      throw p.invalid("clip-norm", p.getString("clip-norm", ""), "a number >= 0 (0: no clipping)");
    }
    return clipNorm;
  }

  /** Fails when a full-batch optimizer is asked to clip: its line search chooses the steps. */
  public static void requireNoClippingForFullBatch(double clipNorm) {
    if (clipNorm > 0) {
      throw new SettingsException("trainer parameter clip-norm=" + clipNorm + " has no effect with a"
          + " full-batch optimizer, whose line search chooses the steps; remove it");
    }
  }
}
