package org.fracnet.core.spi;

/**
 * Supplies an optimizer by id ({@code sgd}, {@code adam}, ...). Listed in
 * {@code META-INF/services/org.fracnet.core.spi.OptimizerProvider}.
 *
 * <p>Contract (besides {@link Provider}'s): {@link #create} validates its parameters in one place
 * and returns a fresh optimizer with zeroed state for {@code parameterCount} parameters.
 */
public interface OptimizerProvider extends Provider {
  /**
   * Builds an optimizer for a model with {@code parameterCount} trainable values.
   *
   * @param parameters e.g. {@code momentum}, {@code beta1}, {@code weight-decay}
   */
  Optimizer create(Parameters parameters, int parameterCount);
}
