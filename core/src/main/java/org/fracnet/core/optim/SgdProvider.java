package org.fracnet.core.optim;

import java.util.List;
import org.fracnet.core.spi.Optimizer;
import org.fracnet.core.spi.OptimizerProvider;
import org.fracnet.core.spi.ParameterDescriptor;
import org.fracnet.core.spi.Parameters;

/** The {@code sgd} optimizer: stochastic gradient descent with momentum and Nesterov momentum. */
public final class SgdProvider implements OptimizerProvider {
  private static final List<ParameterDescriptor> PARAMETERS = List.of(
      new ParameterDescriptor("momentum", "momentum factor, in [0, 1)", "0"),
      new ParameterDescriptor("nesterov", "Nesterov momentum, true or false (needs momentum > 0)",
          "false"),
      new ParameterDescriptor("weight-decay", "L2 penalty added to the gradient, >= 0", "0"));

  /** Does nothing; {@link java.util.ServiceLoader} needs it. */
  public SgdProvider() {}

  @Override
  public String id() {
    return "sgd";
  }

  @Override
  public String description() {
    return "stochastic gradient descent with optional (Nesterov) momentum, as torch.optim.SGD";
  }

  @Override
  public List<ParameterDescriptor> parameters() {
    return PARAMETERS;
  }

  @Override
  public Optimizer create(Parameters parameters, int parameterCount) {
    Parameters p = parameters.withOwner("optimizer sgd").requireKnown(PARAMETERS);
    double momentum = Check.inRange(p, "momentum", 0, 1);
    boolean nesterov = p.getBoolean("nesterov", false);
    double weightDecay = Check.nonNegative(p, "weight-decay", 0);
    if (nesterov && momentum == 0) {
      throw p.invalid("nesterov", "true", "false when momentum is 0 (Nesterov momentum needs"
          + " momentum > 0, e.g. momentum=0.9)");
    }
    Check.parameterCount("optimizer sgd", parameterCount);
    return new Sgd(parameterCount, momentum, nesterov, weightDecay);
  }

  @Override
  public String toString() {
    return "SgdProvider[sgd]";
  }
}
