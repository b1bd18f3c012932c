package org.fracnet.core.architectures;

import java.util.List;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.ArchitectureProvider;
import org.fracnet.core.spi.DenseLayerSpec;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Parameters;

/**
 * {@code linear}: one affine layer from features to raw outputs. With a softmax link and
 * cross-entropy this is the multinomial logit model. No parameters.
 */
public final class LinearArchitecture implements ArchitectureProvider {
  @Override
  public String id() {
    return "linear";
  }

  @Override
  public String description() {
    return "one affine layer (multinomial logit with a softmax link)";
  }

  @Override
  public NetworkSpec create(Parameters parameters, int inputs, int outputs) {
    parameters.withOwner("architecture linear").requireKnown(parameters());
    return new NetworkSpec(id(), List.of(new DenseLayerSpec(inputs, outputs, Activation.IDENTITY)));
  }
}
