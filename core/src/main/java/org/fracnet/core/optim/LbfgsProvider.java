package org.fracnet.core.optim;

import java.util.List;
import org.fracnet.core.FracnetException;
import org.fracnet.core.spi.FullBatchOptimizer;
import org.fracnet.core.spi.Optimizer;
import org.fracnet.core.spi.OptimizerProvider;
import org.fracnet.core.spi.ParameterDescriptor;
import org.fracnet.core.spi.Parameters;

/**
 * The {@code lbfgs} optimizer: full-batch limited-memory BFGS with a strong Wolfe line search
 * (see {@link Lbfgs}), for the {@code linear} model and small networks. With the {@code linear}
 * architecture and soft-target cross-entropy on count data it computes the maximum-likelihood
 * fit of the multinomial logit model (as R's {@code nnet::multinom}).
 *
 * <p>Full-batch: {@link #fullBatch()} is {@code true}; {@link #create} (a mini-batch optimizer)
 * throws a {@link FracnetException}.
 */
public final class LbfgsProvider implements OptimizerProvider {
  /** The default number of curvature pairs kept. */
  public static final int DEFAULT_HISTORY = 10;
  /** The default gradient 2-norm for convergence. */
  public static final double DEFAULT_TOLERANCE = 1e-7;

  private static final List<ParameterDescriptor> PARAMETERS = List.of(
      new ParameterDescriptor("history", "curvature pairs (s, y) kept, an integer >= 1",
          String.valueOf(DEFAULT_HISTORY)),
      new ParameterDescriptor("tolerance", "stop when the Euclidean norm of the gradient of the"
          + " training loss (weighted mean) is at most this, > 0", "1e-7"),
      new ParameterDescriptor("max-iterations", "iteration limit, an integer >= 1 (default:"
          + " the trainer's epochs; one iteration counts as one epoch)", ""),
      new ParameterDescriptor("weight-decay", "L2 penalty: minimise loss + weight-decay / 2 *"
          + " |weights|^2 (biases included), >= 0; 0 gives the maximum-likelihood fit", "0"));

  /** Does nothing; {@link java.util.ServiceLoader} needs it. */
  public LbfgsProvider() {}

  @Override
  public String id() {
    return "lbfgs";
  }

  @Override
  public String description() {
    return "full-batch L-BFGS with a strong Wolfe line search, for linear and small models";
  }

  @Override
  public List<ParameterDescriptor> parameters() {
    return PARAMETERS;
  }

  @Override
  public boolean fullBatch() {
    return true;
  }

  @Override
  public FullBatchOptimizer createFullBatch(Parameters parameters) {
    Parameters p = parameters.withOwner("optimizer lbfgs").requireKnown(PARAMETERS);
    int history = Check.intAtLeast(p, "history", DEFAULT_HISTORY, 1);
    double tolerance = Check.positive(p, "tolerance", DEFAULT_TOLERANCE);
    int maxIterations = p.has("max-iterations") ? Check.intAtLeast(p, "max-iterations", 0, 1) : 0;
    double weightDecay = Check.nonNegative(p, "weight-decay", 0);
    return new Lbfgs(history, tolerance, maxIterations, weightDecay);
  }

  /**
   * Always fails: L-BFGS needs the gradient of the whole training loss at every step.
   *
   * @throws FracnetException naming the fix
   */
  @Override
  public Optimizer create(Parameters parameters, int parameterCount) {
    throw new FracnetException("optimizer lbfgs is full-batch (it minimises the loss over all"
        + " training rows at once) but the trainer asked for a mini-batch optimizer; use a trainer"
        + " that supports full-batch optimizers (nd4j) or a mini-batch optimizer (sgd, adam,"
        + " adamw)");
  }

  @Override
  public String toString() {
    return "LbfgsProvider[lbfgs]";
  }
}
