package org.fracnet.core.training;

/**
 * What a training run did, stored in the model file.
 *
 * @param epochs epochs run
 * @param bestEpoch the epoch whose weights were kept
 * @param samplesPerSecond training rows processed per second of the training loop: each epoch's
 *     shuffle and batches (forward, backward, step), not validation, checkpoints or set-up
 * @param wallSeconds wall time of the whole run
 * @param trainingLoss the training loss of the last epoch (weighted mean over its batches)
 * @param validationLoss the validation loss of the kept weights, NaN without validation rows
 * @param stopReason why training ended, e.g. "max epochs", "early stopping", {@value #STOPPED}
 */
public record TrainingSummary(int epochs, int bestEpoch, double samplesPerSecond, double wallSeconds,
    double trainingLoss, double validationLoss, String stopReason) {
  /** The {@link #stopReason()} of a run that a {@link StopSignal} stopped. */
  public static final String STOPPED = "stopped on request";

  /** Whether a {@link StopSignal} stopped the run (it then throws rather than returning a model). */
  public boolean stopped() {
    return STOPPED.equals(stopReason);
  }
}
