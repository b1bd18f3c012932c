package org.fracnet.core.optim;

import java.util.List;
import org.fracnet.core.spi.Optimizer;
import org.fracnet.core.spi.OptimizerProvider;
import org.fracnet.core.spi.ParameterDescriptor;
import org.fracnet.core.spi.Parameters;

/** The {@code adam} optimizer: Adam (Kingma and Ba 2015) with optional L2 weight decay, as torch.optim.Adam. */
public final class AdamProvider implements OptimizerProvider {
  private static final List<ParameterDescriptor> PARAMETERS = Adam.descriptors(false);

  /** Does nothing; {@link java.util.ServiceLoader} needs it. */
  public AdamProvider() {}

  @Override
  public String id() {
    return "adam";
  }

  @Override
  public String description() {
    return "Adam (Kingma and Ba 2015) with optional L2 weight decay, as torch.optim.Adam";
  }

  @Override
  public List<ParameterDescriptor> parameters() {
    return PARAMETERS;
  }

  @Override
  public Optimizer create(Parameters parameters, int parameterCount) {
    Parameters p = parameters.withOwner("optimizer adam").requireKnown(PARAMETERS);
    return Adam.create("adam", false, p, parameterCount);
  }

  @Override
  public String toString() {
    return "AdamProvider[adam]";
  }
}
