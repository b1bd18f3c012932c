package org.fracnet.core.training;

/** Receives progress from a training run; called on the thread that runs {@link org.fracnet.core.Fracnet#train}. */
public interface TrainingListener {
  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};

  /** Called once before the first epoch (of an ensemble: once per member). */
  default void started(int maxEpochs, int batchesPerEpoch) {}

  /**
   * Called before member {@code member} (from 0) of an ensemble of {@code members} starts (or
   * resumes) training with {@code seed}, before its {@link #started}; not for a single network.
   * Its {@link #finished} follows, as for a single run.
   */
  default void memberStarted(int member, int members, long seed) {}

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

  /** Called once when training ends, for whatever reason (of an ensemble: once per member). */
  default void finished(TrainingSummary summary) {}
}
