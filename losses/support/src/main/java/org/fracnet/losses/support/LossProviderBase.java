package org.fracnet.losses.support;

import java.util.List;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.LossProvider;
import org.fracnet.core.spi.ParameterDescriptor;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;

/**
 * What the bundled loss providers share: id, description, parameter descriptors, and a
 * {@link #create} that attributes the parameters to this loss and rejects unknown keys before
 * {@link #build} validates the values. Constructing one does nothing else.
 */
public abstract class LossProviderBase implements LossProvider {
  private final String id;
  private final String description;
  private final List<ParameterDescriptor> parameters;

  protected LossProviderBase(String id, String description, List<ParameterDescriptor> parameters) {
    this.id = id;
    this.description = description;
    this.parameters = List.copyOf(parameters);
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
  public final LossFunction create(Parameters parameters, TargetStatistics statistics) {
    return build(parameters.withOwner("loss " + id).requireKnown(this.parameters), statistics);
  }

  /**
   * Validates every value (in this one place) and builds the loss.
   *
   * @param parameters only known keys, attributed to this loss for messages
   */
  protected abstract LossFunction build(Parameters parameters, TargetStatistics statistics);

  /** Empty parameters owned by this loss, to collect the resolved ones. */
  protected final Parameters resolved() {
    return Parameters.empty().withOwner("loss " + id);
  }
}
