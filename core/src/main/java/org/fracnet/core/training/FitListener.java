package org.fracnet.core.training;

import java.nio.file.Path;
import java.util.Map;
import org.fracnet.core.model.CheckpointFile;
import org.fracnet.core.spi.TrainingCheckpoint;
import org.fracnet.core.spi.TrainingListener;
import org.fracnet.core.spi.TrainingSummary;

/**
 * Passes progress on to the caller's listener, writes a checkpoint file after every epoch when
 * given one, and makes sure the caller's listener hears {@link #finished} once even when a
 * trainer fails without saying so (a progress bar must be closed before the error is printed).
 */
final class FitListener implements TrainingListener {
  private final TrainingListener next;
  private final Path checkpointFile;
  private final Map<String, Object> run;
  private boolean finished;

  /**
   * @param checkpointFile where to write checkpoints, or {@code null} for none
   * @param run the run's settings, stored in each checkpoint
   */
  FitListener(TrainingListener next, Path checkpointFile, Map<String, Object> run) {
    this.next = next;
    this.checkpointFile = checkpointFile;
    this.run = run;
  }

  @Override
  public void started(int maxEpochs, int batchesPerEpoch) {
    next.started(maxEpochs, batchesPerEpoch);
  }

  @Override
  public void batchDone(int epoch, int batch) {
    next.batchDone(epoch, batch);
  }

  @Override
  public void epochDone(int epoch, double trainingLoss, double validationLoss) {
    next.epochDone(epoch, trainingLoss, validationLoss);
  }

  @Override
  public boolean wantsCheckpoints() {
    return checkpointFile != null || next.wantsCheckpoints();
  }

  @Override
  public void checkpoint(TrainingCheckpoint checkpoint) {
    if (checkpointFile != null) {
      CheckpointFile.write(checkpointFile, checkpoint, run);
    }
    next.checkpoint(checkpoint);
  }

  @Override
  public void finished(TrainingSummary summary) {
    if (!finished) {
      finished = true;
      next.finished(summary);
    }
  }

  /** Tells the caller's listener that training ended with {@code failure}, unless it was told already. */
  void failed(Throwable failure) {
    finished(new TrainingSummary(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
        "failed: " + failure.getMessage()));
  }
}
