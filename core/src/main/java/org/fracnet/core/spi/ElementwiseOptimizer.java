package org.fracnet.core.spi;

import java.nio.FloatBuffer;

/**
 * An {@link Optimizer} whose update of each parameter depends only on that parameter, its own
 * gradient entry, its own state and scalars fixed for the whole step (learning rate, step count).
 * Such a step can be cut into index ranges and run on several threads: a trainer calls {@link
 * #beginStep} once, then {@link #stepRange} for disjoint ranges that together cover {@code [0,
 * parameterCount())} exactly once, in any order and from any threads, and the result equals one
 * {@link #step} with the same learning rate, bit for bit.
 *
 * <p>Thread safety: {@link #beginStep} and {@link #step} on one thread at a time, never while a
 * {@link #stepRange} of the step runs; concurrent {@link #stepRange} calls only on disjoint
 * ranges, each call after {@link #beginStep} has returned (a happens-before edge, such as a thread
 * hand-off, is the trainer's job). A trainer that wants none of this calls {@link #step}, which
 * does all three.
 */
public interface ElementwiseOptimizer extends Optimizer {
  /** The number of parameters this optimizer was created for. */
  int parameterCount();

  /**
   * Starts a step: advances step counters and fixes the step's scalars.
   *
   * @param learningRate the learning rate for this step (the trainer applies the schedule)
   */
  void beginStep(double learningRate);

  /**
   * Applies the begun step to parameters {@code [from, to)}: reads {@code gradient} and updates
   * {@code parameters} and the state in that range only. Buffers are absolute-indexed as in
   * {@link Optimizer}; the range is {@code 0 <= from <= to <= parameterCount()}.
   */
  void stepRange(FloatBuffer parameters, FloatBuffer gradient, int from, int to);

  /** {@link #beginStep} then {@link #stepRange} over all parameters. */
  @Override
  default void step(FloatBuffer parameters, FloatBuffer gradient, double learningRate) {
    beginStep(learningRate);
    stepRange(parameters, gradient, 0, parameterCount());
  }
}
