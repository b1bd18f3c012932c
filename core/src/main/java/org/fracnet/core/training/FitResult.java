package org.fracnet.core.training;

import org.fracnet.core.data.Dataset;
import org.fracnet.core.model.Evaluation;
import org.fracnet.core.model.Model;

/**
 * A trained model with what is needed to judge it right away.
 *
 * @param model the model, ready to predict and save
 * @param validation the held-out rows, raw (not standardised), or {@code null} when none were
 *     held out
 * @param heldOut the model's metrics on the held-out rows against the mean predictor, or
 *     {@code null} when none were held out
 * @param resumedAfterEpoch the checkpoint's epoch when the run resumed one, else 0
 */
public record FitResult(Model model, Dataset validation, Evaluation heldOut, int resumedAfterEpoch) {
  /**
   * A warning when the model is no better than the mean predictor on the held-out rows, or
   * {@code null}; see {@link Evaluation#warning}.
   */
  public String warning() {
    return heldOut == null ? null
        : heldOut.warning(model.run().trainingRows(), model.featureNames().size());
  }
}
