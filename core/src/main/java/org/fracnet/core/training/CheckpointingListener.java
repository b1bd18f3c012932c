package org.fracnet.core.training;

import java.nio.file.Path;
import java.util.Map;
import org.fracnet.core.model.CheckpointFile;
import org.fracnet.core.spi.TrainingCheckpoint;
import org.fracnet.core.spi.TrainingListener;
import org.fracnet.core.spi.TrainingSummary;

/** Passes progress on to another listener and writes a checkpoint file after every epoch. */
final class CheckpointingListener implements TrainingListener {
  private final TrainingListener next;
  private final Path file;
  private final Map<String, Object> run;

  CheckpointingListener(TrainingListener next, Path file, Map<String, Object> run) {
    this.next = next;
    this.file = file;
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
    return true;
  }

  @Override
  public void checkpoint(TrainingCheckpoint checkpoint) {
    CheckpointFile.write(file, checkpoint, run);
    next.checkpoint(checkpoint);
  }

  @Override
  public void finished(TrainingSummary summary) {
    next.finished(summary);
  }
}
