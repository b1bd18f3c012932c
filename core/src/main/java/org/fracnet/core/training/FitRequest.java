package org.fracnet.core.training;

import java.util.Objects;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TrainingListener;
import org.fracnet.core.spi.TrainingOptions;

/**
 * What to fit, by provider ids and their parameters.
 *
 * @param data all rows; a share of them is held out for validation
 * @param validationFraction share of rows held out for validation and early stopping, in [0, 1)
 * @param loss loss id; {@code lossParameters} its parameters
 * @param architecture architecture id; {@code architectureParameters} its parameters
 * @param optimizer optimizer id; {@code optimizerParameters} its parameters
 * @param trainer trainer id; {@code trainerParameters} its parameters
 * @param options epochs, batch size, learning rate, seed, patience
 * @param listener receives progress
 * @param checkpoint where to keep a checkpoint after every epoch, or {@code null} for none
 * @param resume whether to continue from {@code checkpoint}, written by a run with the same
 *     settings (only the maximum epochs may differ)
 */
public record FitRequest(Dataset data, double validationFraction, String loss, Parameters lossParameters,
    String architecture, Parameters architectureParameters, String optimizer, Parameters optimizerParameters,
    String trainer, Parameters trainerParameters, TrainingOptions options, TrainingListener listener,
    java.nio.file.Path checkpoint, boolean resume) {
  /** A request without checkpoints. */
  public FitRequest(Dataset data, double validationFraction, String loss, Parameters lossParameters,
      String architecture, Parameters architectureParameters, String optimizer, Parameters optimizerParameters,
      String trainer, Parameters trainerParameters, TrainingOptions options, TrainingListener listener) {
    this(data, validationFraction, loss, lossParameters, architecture, architectureParameters, optimizer,
        optimizerParameters, trainer, trainerParameters, options, listener, null, false);
  }

  public FitRequest {
    if (resume && checkpoint == null) {
      throw new org.fracnet.core.FracnetException("--resume needs a checkpoint file to resume from");
    }
    Objects.requireNonNull(data, "data");
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new org.fracnet.core.FracnetException("--validation " + validationFraction
          + " is out of range; use a fraction in [0, 1), e.g. 0.2");
    }
  }
}
