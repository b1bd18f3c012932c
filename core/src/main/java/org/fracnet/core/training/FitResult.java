package org.fracnet.core.training;

import org.fracnet.core.data.Dataset;
import org.fracnet.core.model.FittedModel;
import org.fracnet.core.spi.LossFunction;

/**
 * A fitted model with what is needed to judge it right away.
 *
 * @param model the model, ready to save
 * @param loss the loss it was trained with (its link maps raw outputs to fractions)
 * @param validation the held-out rows, raw (not standardised), or {@code null}
 * @param resumedAfterEpoch the checkpoint's epoch when the run resumed one, else 0
 */
public record FitResult(FittedModel model, LossFunction loss, Dataset validation, int resumedAfterEpoch) {}
