package org.fracnet.core.training;

/** Receives progress from a training run; called on the thread that runs {@link org.fracnet.core.Fracnet#train}. */
public interface TrainingListener {
  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};

  /** Called once before the first epoch. */
  default void started(int maxEpochs, int batchesPerEpoch) {}

  /** Called after each mini-batch of the current epoch (1-based {@code batch}). */
  default void batchDone(int epoch, int batch) {}

  /**
   * Called after each epoch (1-based).
   *
   * @param validationLoss NaN without validation rows
   */
  default void epochDone(int epoch, double trainingLoss, double validationLoss) {}

  /**
   * Whether this listener wants {@link #checkpoint} calls (they copy the weights and optimizer
   * state, so trainers skip them when nobody listens). Default: false.
   */
  default boolean wantsCheckpoints() {
    return false;
  }

  /** Called after each epoch's {@link #epochDone} when {@link #wantsCheckpoints()}. */
  default void checkpoint(TrainingCheckpoint checkpoint) {}

  /** Called once when training ends, for whatever reason. */
  default void finished(TrainingSummary summary) {}
}
