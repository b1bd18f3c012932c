package org.fracnet.core.spi;

/**
 * How to train.
 *
 * @param epochs maximum passes over the training rows (at least 1)
 * @param batchSize rows per mini-batch (at least 1)
 * @param learningRate the base learning rate (positive)
 * @param seed drives weight initialisation and shuffling
 * @param patience epochs without validation improvement before stopping (ignored without
 *     validation rows)
 * @param schedule how the learning rate changes from {@code learningRate} over the run
 */
public record TrainingOptions(int epochs, int batchSize, double learningRate, long seed, int patience,
    LearningRateSchedule schedule) {
  /** Options with a constant learning rate. */
  public TrainingOptions(int epochs, int batchSize, double learningRate, long seed, int patience) {
    this(epochs, batchSize, learningRate, seed, patience, LearningRateSchedule.CONSTANT);
  }

  public TrainingOptions {
    if (schedule == null) {
      throw new IllegalArgumentException("schedule is null; use LearningRateSchedule.CONSTANT");
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
    }
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be >= 1, got " + patience);
    }
  }
}
