package org.fracnet.core.spi;

/**
 * Supplies a loss by id. Found through {@link java.util.ServiceLoader}: list the implementation
 * in {@code META-INF/services/org.fracnet.core.spi.LossProvider}.
 *
 * <p>Contract (besides {@link Provider}'s): {@link #create} validates every parameter in one
 * place, rejecting unknown keys ({@link Parameters#requireKnown}) and values out of range with a
 * {@link org.fracnet.core.FracnetException} naming key, value and accepted range; it may use
 * {@code statistics} for data-dependent defaults, and must then report the values it chose in
 * {@link LossFunction#resolvedParameters()} so that {@code create(resolved, any statistics with
 * the same K)} builds an identical loss. That is how a saved model recreates its loss.
 * {@link #parameters()} lists every key {@code create} accepts: training refuses any other key
 * before it creates the loss (and {@code Fracnet.checkSettings} before any data is read).
 */
public interface LossProvider extends Provider {
  /**
   * Builds the loss for {@code statistics.classes()} classes.
   *
   * @param parameters the user's parameters (may be empty)
   * @param statistics the training targets' statistics; {@link TargetStatistics#uniform(int)}
   *     when recreating a saved loss
   */
  LossFunction create(Parameters parameters, TargetStatistics statistics);
}
