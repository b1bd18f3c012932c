package org.fracnet.core.spi;

import org.fracnet.core.FracnetException;

/**
 * Supplies an optimizer by id ({@code sgd}, {@code adam}, {@code lbfgs}, ...). Listed in
 * {@code META-INF/services/org.fracnet.core.spi.OptimizerProvider}.
 *
 * <p>An optimizer is either <em>mini-batch</em> ({@link #fullBatch()} is {@code false}, the
 * default): {@link #create} builds an {@link Optimizer} that takes one step per mini-batch; or
 * <em>full-batch</em> ({@link #fullBatch()} is {@code true}): {@link #createFullBatch} builds a
 * {@link FullBatchOptimizer} that minimises the loss over all training rows, and {@link #create}
 * throws a {@link FracnetException} saying so. A trainer asks {@link #fullBatch()} first and
 * fails with a clear message if it cannot train the kind it gets.
 *
 * <p>Contract (besides {@link Provider}'s): {@link #create} and {@link #createFullBatch} validate
 * their parameters in one place and return a fresh optimizer with zeroed state.
 */
public interface OptimizerProvider extends Provider {
  /**
   * Builds an optimizer for a model with {@code parameterCount} trainable values.
   *
   * @param parameters e.g. {@code momentum}, {@code beta1}, {@code weight-decay}
   * @throws FracnetException on invalid parameters, or when this provider is
   *     {@linkplain #fullBatch() full-batch}
   */
  Optimizer create(Parameters parameters, int parameterCount);

  /**
   * Whether this provider's optimizer works on the whole training set at once; then trainers
   * call {@link #createFullBatch} instead of {@link #create}. {@code false} unless overridden.
   */
  default boolean fullBatch() {
    return false;
  }

  /**
   * Builds a full-batch optimizer. Only for providers whose {@link #fullBatch()} is {@code true};
   * the default throws.
   *
   * @param parameters e.g. {@code history}, {@code tolerance}
   * @throws FracnetException on invalid parameters, or when this provider is mini-batch only
   */
  default FullBatchOptimizer createFullBatch(Parameters parameters) {
    throw new FracnetException("optimizer " + id() + " takes mini-batch steps and has no"
        + " full-batch form; use a full-batch optimizer such as lbfgs, or train with " + id()
        + " on mini-batches");
  }
}
