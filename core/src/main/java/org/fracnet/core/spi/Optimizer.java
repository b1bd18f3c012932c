package org.fracnet.core.spi;

import java.nio.FloatBuffer;

/**
 * A first-order optimizer with its own state (moments, velocity).
 *
 * <p>Lifecycle: created once per training run by {@link OptimizerProvider#create}; the trainer
 * then calls {@link #step} once per mini-batch, after it has written the gradient of the batch
 * loss (the weighted mean, see {@link LossFunction}) into {@code gradient}. The optimizer changes
 * {@code parameters} in place and never changes {@code gradient}'s meaning for the caller (it may
 * use it as scratch only if documented). Not thread-safe: one optimizer serves one run.
 *
 * <p>Buffers are absolute-indexed from 0 to {@code parameterCount}; their position and limit are
 * ignored. They may be direct buffers over native memory.
 */
public interface Optimizer {
  /**
   * Applies one update.
   *
   * @param parameters the model's parameters, updated in place
   * @param gradient d(batch loss)/d(parameters), same layout
   * @param learningRate the learning rate for this step (the trainer applies the schedule)
   */
  void step(FloatBuffer parameters, FloatBuffer gradient, double learningRate);

  /**
   * A copy of the state, for a checkpoint, or {@code null} when this optimizer cannot be
   * checkpointed (then training cannot be resumed). Default: {@code null}.
   */
  default OptimizerState state() {
    return null;
  }

  /**
   * Restores a state from {@link #state()} of an optimizer of the same kind, parameters and size,
   * so that the following steps equal those the saved optimizer would have taken.
   *
   * @throws org.fracnet.core.FracnetException when this optimizer cannot restore state, or the
   *     state does not fit
   */
  default void restore(OptimizerState state) {
    throw new org.fracnet.core.FracnetException(getClass().getSimpleName() + " cannot resume from a checkpoint");
  }
}
