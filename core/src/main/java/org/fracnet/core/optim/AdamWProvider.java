package org.fracnet.core.optim;

import java.util.List;
import org.fracnet.core.spi.Optimizer;
import org.fracnet.core.spi.OptimizerProvider;
import org.fracnet.core.spi.ParameterDescriptor;
import org.fracnet.core.spi.Parameters;

/** The {@code adamw} optimizer: Adam with decoupled weight decay (Loshchilov and Hutter 2019), as torch.optim.AdamW. */
public final class AdamWProvider implements OptimizerProvider {
  private static final List<ParameterDescriptor> PARAMETERS = Adam.descriptors(true);

  /** Does nothing; {@link java.util.ServiceLoader} needs it. */
  public AdamWProvider() {}

  @Override
  public String id() {
    return "adamw";
  }

  @Override
  public String description() {
    return "Adam with decoupled weight decay (Loshchilov and Hutter 2019), as torch.optim.AdamW";
  }

  @Override
  public List<ParameterDescriptor> parameters() {
    return PARAMETERS;
  }

  @Override
  public Optimizer create(Parameters parameters, int parameterCount) {
    Parameters p = parameters.withOwner("optimizer adamw").requireKnown(PARAMETERS);
    return Adam.create("adamw", true, p, parameterCount);
  }

  @Override
  public String toString() {
    return "AdamWProvider[adamw]";
  }
}
