package org.fracnet.core.optim;

import java.util.List;
import org.fracnet.core.spi.Optimizer;
import org.fracnet.core.spi.OptimizerProvider;
import org.fracnet.core.spi.ParameterDescriptor;
import org.fracnet.core.spi.Parameters;

/**
 * What {@code adam} and {@code adamw} share: one {@link Adam}, with weight decay either added to
 * the gradient (L2) or decoupled. The two providers differ only in id, description and that flag.
 */
abstract class AdamFamilyProvider implements OptimizerProvider {
  private final String id;
  private final boolean decoupled;
  private final String description;
  private final List<ParameterDescriptor> parameters;

  AdamFamilyProvider(String id, boolean decoupled, String description) {
    this.id = id;
    this.decoupled = decoupled;
    this.description = description;
    this.parameters = Adam.descriptors(decoupled);
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final List<ParameterDescriptor> parameters() {
    return parameters;
  }

  @Override
  public final Optimizer create(Parameters parameters, int parameterCount) {
    Parameters p = parameters.withOwner("optimizer " + id).requireKnown(this.parameters);
    return Adam.create(id, decoupled, p, parameterCount);
  }

  @Override
  public final String toString() {
    return getClass().getSimpleName() + "[" + id + "]";
  }
}
