package org.fracnet.core.spi;

/**
 * A deterministic optimizer that minimises an {@link Objective} over the whole training set at
 * once (e.g. L-BFGS), as opposed to an {@link Optimizer} that takes one step per mini-batch.
 *
 * <p>Lifecycle: built by {@link OptimizerProvider#createFullBatch}, which validates the
 * parameters; {@link #minimise} then runs once per training run. Not thread-safe: one optimizer
 * serves one run at a time (it may keep working memory between calls; each call starts fresh).
 *
 * <h2>Iterations and stopping</h2>
 * One iteration is one accepted step (a search direction plus a line search, usually one to a few
 * objective evaluations). {@code minimise} stops at the first of:
 * <ul>
 *   <li>{@link Stop#CONVERGED}: the gradient norm at the current point is at most
 *       {@link #tolerance()} (checked at the start point too, so a converged start costs no
 *       iteration);</li>
 *   <li>{@link Stop#MAX_ITERATIONS}: the iteration limit was reached;</li>
 *   <li>{@link Stop#NO_PROGRESS}: no step decreased the objective any more (usually rounding
 *       noise close to a minimum, or a tolerance below what double precision can reach);</li>
 *   <li>{@link Stop#STOPPED}: the listener returned {@code false} (e.g. early stopping);</li>
 *   <li>{@link Stop#NOT_FINITE}: the objective or its gradient is not finite at the start
 *       point. (Non-finite values at trial points during a line search only shorten the
 *       step.)</li>
 * </ul>
 * The norm is the one the implementation documents (the built-in {@code lbfgs} uses the
 * Euclidean norm); {@link Result#gradientNorm()} reports it.
 */
public interface FullBatchOptimizer {
  /**
   * Minimises {@code objective} starting from {@code x}.
   *
   * @param objective the function; called on the caller's thread
   * @param x the start point on entry; on return the last accepted point, which has the lowest
   *     objective value seen, up to rounding (the optimizer accepts only decreasing steps)
   * @param maxIterations the caller's iteration limit, at least 1 (trainers pass
   *     {@link org.fracnet.core.training.TrainingConfig#epochs()}); an implementation may have a parameter that overrides
   *     it, and then says so in its parameter description
   * @param listener told about each accepted iteration; never null
   * @return how the run ended
   */
  Result minimise(Objective objective, double[] x, int maxIterations, Listener listener);

  /** The gradient-norm tolerance below which {@link #minimise} reports convergence. */
  double tolerance();

  /**
   * The iteration limit {@link #minimise} applies when the caller asks for {@code requested}, so
   * that a trainer can announce it (e.g. to a progress bar). The default returns
   * {@code requested}; an optimizer with its own limit parameter returns that.
   */
  default int iterationLimit(int requested) {
    return requested;
  }

  /** Why {@link #minimise} returned. */
  enum Stop {
    /** The gradient norm fell to the tolerance or below. */
    CONVERGED,
    /** The iteration limit was reached. */
    MAX_ITERATIONS,
    /** No step could decrease the objective further. */
    NO_PROGRESS,
    /** The listener asked to stop. */
    STOPPED,
    /** The objective or its gradient was not finite at the start point. */
    NOT_FINITE
  }

  /**
   * How a run ended.
   *
   * @param stop why it ended
   * @param iterations accepted iterations
   * @param evaluations calls of {@link Objective#valueAndGradient}
   * @param value the objective at the returned point
   * @param gradientNorm the gradient norm at the returned point
   */
  record Result(Stop stop, int iterations, int evaluations, double value, double gradientNorm) {}

  /** Receives progress from {@link #minimise}, on the caller's thread. */
  @FunctionalInterface
  interface Listener {
    /** A listener that never stops the run. */
    Listener NONE = (iteration, value, gradientNorm, x) -> true;

    /**
     * Called after each accepted iteration.
     *
     * @param iteration 1-based
     * @param value the objective at the new point
     * @param gradientNorm its gradient norm
     * @param x the new point; read it, do not modify or keep it (it changes on the next
     *     iteration)
     * @return {@code true} to continue, {@code false} to stop with {@link Stop#STOPPED}
     */
    boolean iterationDone(int iteration, double value, double gradientNorm, double[] x);
  }
}
