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
 */
public record FitRequest(Dataset data, double validationFraction, String loss, Parameters lossParameters,
    String architecture, Parameters architectureParameters, String optimizer, Parameters optimizerParameters,
    String trainer, Parameters trainerParameters, TrainingOptions options, TrainingListener listener) {
  public FitRequest {
    Objects.requireNonNull(data, "data");
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new org.fracnet.core.FracnetException("--validation " + validationFraction
          + " is out of range; use a fraction in [0, 1), e.g. 0.2");
    }
  }
}
