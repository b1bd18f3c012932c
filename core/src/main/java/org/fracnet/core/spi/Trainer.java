package org.fracnet.core.spi;

/**
 * Fits the weights of a {@link NetworkSpec} to a data set by minimising a {@link LossFunction}.
 *
 * <p>Contract: the trainer receives features that are already standardised; it initialises the
 * weights from {@link TrainingOptions#seed()} alone, so that the same request with the same seed
 * and thread count gives the same weights. It reports progress to the request's listener, stops
 * early when validation loss has not improved for {@link TrainingOptions#patience()} epochs
 * (returning the best weights seen), and throws a {@link org.fracnet.core.FracnetException} when
 * the loss becomes NaN or infinite, naming the epoch and the likely fix.
 */
public interface Trainer {
  /** Runs the training and returns the fitted weights and a summary. */
  TrainingResult train(TrainingRequest request);
}
