package org.fracnet.core.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fracnet.core.OutputFileException;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.io.IoErrors;
import org.fracnet.core.model.Evaluation;
import org.fracnet.core.model.Model;

/**
 * A trained model with what is needed to judge it right away.
 *
 * @param model the model, ready to predict and save
 * @param validation the held-out rows, raw (not standardised), or {@code null} when none were
 *     held out or they were streamed (too many to hold; {@code heldOut} is there all the same)
 * @param heldOut the model's metrics on the held-out rows against the mean predictor, or
 *     {@code null} when none were held out. Of an ensemble, out of bag: on the rows the first
 *     member held out, each predicted by the mean of the members that held it out too (each member
 *     draws its own validation rows and trains on the rest, so the others trained on most of
 *     these). It is fair, no network judges a row it trained on, but conservative: it is the
 *     figure of a smaller ensemble (1 + (n - 1) x the validation fraction members on average); expect
 *     the whole ensemble to do somewhat better on new rows
 * @param resumedAfterEpoch the checkpoint's epoch when the run resumed one, else 0; of an
 *     ensemble, the epochs restored from its members' checkpoints, summed
 */
public record FitResult(Model model, Dataset validation, Evaluation heldOut, int resumedAfterEpoch) {
  /**
   * Saves the model to {@code file} atomically, then deletes the run's checkpoint (if it kept
   * one; of an ensemble, its members' checkpoints too): the run is complete, and nothing is lost if the process dies between the two. When
   * another run has taken the checkpoint's {@link CheckpointLock} since, its files are left to it. An
   * existing {@code file} is replaced, as {@link Model#save} does; to refuse that, check with
   * {@link org.fracnet.core.io.OutputFiles} before training.
   *
   * @param checkpoint the run's checkpoint file, or {@code null}
   * @throws org.fracnet.core.OutputFileException when the model cannot be written (the previous
   *     file is unchanged), or when the checkpoint cannot be deleted (the model is written)
   */
  public void save(Path file, Path checkpoint) {
    model.save(file);
    if (checkpoint == null) {
      return;
    }
    try (CheckpointLock lock = CheckpointLock.tryAcquire(checkpoint)) {
      if (lock == null) {
        return; // another run has started with this checkpoint since: the files are its now
      }
      for (int m = model.members().size() - 1; m >= 0; m--) { // the first member's, the one resume needs, last
        Path member = TrainingConfig.memberCheckpoint(checkpoint, m);
        try {
          Files.deleteIfExists(member);
        } catch (IOException e) {
          throw new OutputFileException("the model is written to " + file + ", but the checkpoint " + member
              + " cannot be deleted: " + IoErrors.reason(e) + "; delete it by hand", e);
        }
      }
    }
  }

  /**
   * A warning when the model is no better than the mean predictor on the held-out rows, or
   * {@code null}: when training ran to its last epoch with the held-out loss still falling, that
   * it may be under-trained, else {@link Evaluation#warning}'s overfitting or uninformative
   * features.
   */
  public String warning() {
    if (heldOut == null) {
      return null;
    }
    TrainingSummary run = model.summary();
    // one network's epochs: an ensemble's summary adds its members' up
    boolean stillFalling = model.members().size() == 1 && run.epochs() >= 2 && run.bestEpoch() == run.epochs()
        && run.epochs() == model.run().epochs();
    return heldOut.warning(model.run().trainingRows(), model.featureNames().size(), stillFalling ? run.epochs() : 0);
  }
}
