package org.fracnet.core.training;

import org.fracnet.core.SettingsException;

/**
 * How the learning rate changes during training; the training loop calls {@link #rate} before
 * every optimizer step and passes the result to {@link org.fracnet.core.spi.Optimizer#step}.
 *
 * <ul>
 *   <li>{@code constant}: the base rate throughout;</li>
 *   <li>{@code step}: {@code base * gamma^floor(e / stepEpochs)} in (0-based) epoch e, as
 *       PyTorch's {@code StepLR};</li>
 *   <li>{@code cosine}: {@code base * (1 + cos(pi t / T)) / 2}, with t the fractional epoch
 *       (epoch plus the share of its batches done) and T the maximum epochs: annealed per step
 *       from the base rate towards 0, as PyTorch's {@code CosineAnnealingLR} with
 *       {@code eta_min = 0} stepped per batch.</li>
 * </ul>
 *
 * @param kind constant, step or cosine
 * @param stepEpochs epochs between decays of {@code step} (at least 1)
 * @param gamma decay factor of {@code step}, in (0, 1]
 */
public record LearningRateSchedule(Kind kind, int stepEpochs, double gamma) {
  /** The schedule kinds. */
  public enum Kind { CONSTANT, STEP, COSINE }

  /** The base rate throughout. */
  public static final LearningRateSchedule CONSTANT = new LearningRateSchedule(Kind.CONSTANT, 1, 1);

  /** Epochs between decays of a step schedule when not given. */
  public static final int DEFAULT_STEP_EPOCHS = 10;
  /** Decay factor of a step schedule when not given. */
  public static final double DEFAULT_GAMMA = 0.1;

  /** {@code base * gamma^floor(epoch / stepEpochs)}. */
  public static LearningRateSchedule step(int stepEpochs, double gamma) {
    return new LearningRateSchedule(Kind.STEP, stepEpochs, gamma);
  }

  /** Cosine annealing from the base rate to 0 at the last epoch. */
  public static LearningRateSchedule cosine() {
    return new LearningRateSchedule(Kind.COSINE, DEFAULT_STEP_EPOCHS, DEFAULT_GAMMA);
  }

  public LearningRateSchedule {
    if (kind == null) {
      throw new SettingsException("a learning-rate schedule needs a kind: constant, step or cosine");
    }
    if (stepEpochs < 1) {
      throw new SettingsException("lrStepEpochs(" + stepEpochs + ") is out of range; use 1 or more");
    }
    if (!(gamma > 0 && gamma <= 1)) {
      throw new SettingsException("lrGamma(" + gamma + ") is out of range; use a factor in (0, 1], e.g. 0.1");
    }
  }

  /**
   * Parses {@code constant}, {@code step} or {@code cosine}.
   *
   * @throws SettingsException naming the value and the accepted ones
   */
  public static LearningRateSchedule of(String name, int stepEpochs, double gamma) {
    for (Kind k : Kind.values()) {
      if (k.name().toLowerCase(java.util.Locale.ROOT).equals(name)) {
        return new LearningRateSchedule(k, stepEpochs, gamma);
      }
    }
    throw new SettingsException("schedule(" + name + ") is not known; use constant, step or cosine");
  }

  /**
   * The learning rate for a step.
   *
   * @param base the base learning rate
   * @param epoch the 0-based epoch
   * @param batch the 0-based batch within the epoch
   * @param batchesPerEpoch batches in an epoch (at least 1)
   * @param maxEpochs the most epochs the run may take
   */
  public double rate(double base, int epoch, int batch, int batchesPerEpoch, int maxEpochs) {
    return switch (kind) {
      case CONSTANT -> base;
      case STEP -> base * Math.pow(gamma, epoch / stepEpochs);
      case COSINE -> {
        double t = epoch + (double) batch / Math.max(1, batchesPerEpoch);
        yield base * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, t / Math.max(1, maxEpochs))));
      }
    };
  }

  /** The name used on the command line and in model files. */
  public String id() {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
