package org.fracnet.core.architectures;

import java.util.ArrayList;
import java.util.List;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.ArchitectureProvider;
import org.fracnet.core.spi.DenseLayerSpec;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.ParameterDescriptor;
import org.fracnet.core.spi.Parameters;

/**
 * {@code mlp}: fully connected hidden layers with one activation, then an affine output layer.
 * Parameters: {@code hidden} (comma list of widths, default {@value #DEFAULT_HIDDEN}),
 * {@code activation} ({@code relu} or {@code tanh}, default relu) and {@code dropout} (the share
 * of each hidden layer's outputs dropped in training, default 0; {@link NetworkSpec#dropout()}).
 */
public final class MlpArchitecture implements ArchitectureProvider {
  static final String DEFAULT_HIDDEN = "64,64";
  /** The widest hidden layer accepted. */
  static final int MAX_WIDTH = 65_536;

  @Override
  public String id() {
    return "mlp";
  }

  @Override
  public String description() {
    return "multi-layer perceptron: hidden dense layers, then an affine output layer";
  }

  @Override
  public List<ParameterDescriptor> parameters() {
    return List.of(
        new ParameterDescriptor("hidden", "comma list of hidden layer widths, each >= 1", DEFAULT_HIDDEN),
        new ParameterDescriptor("activation", "relu or tanh", "relu"),
        new ParameterDescriptor("dropout", "share of each hidden layer's outputs dropped in each training step,"
            + " from 0 (none) to below 1, e.g. 0.3", "0"));
  }

  @Override
  public NetworkSpec create(Parameters parameters, int inputs, int outputs) {
    Parameters p = parameters.withOwner("architecture mlp").requireKnown(parameters());
    int[] hidden = p.has("hidden") ? p.getInts("hidden") : new int[] {64, 64};
    long weights = 0;
    int previous = inputs;
    for (int h : hidden) {
      if (h < 1 || h > MAX_WIDTH) {
        throw p.invalid("hidden", p.getString("hidden", ""), "widths from 1 to " + MAX_WIDTH + " such as 64,64");
      }
      weights += (long) previous * h + h;
      previous = h;
    }
    if (weights + (long) previous * outputs + outputs > Integer.MAX_VALUE / 4) {
      throw p.invalid("hidden", p.getString("hidden", ""), "a network of fewer than "
          + Integer.MAX_VALUE / 4 + " weights (these widths give " + weights + ")");
    }
    String actName = p.getString("activation", "relu");
    Activation act = Activation.byId(actName);
    if (act != Activation.RELU && act != Activation.TANH) {
      throw p.invalid("activation", actName, "relu or tanh");
    }
    List<DenseLayerSpec> layers = new ArrayList<>();
    int in = inputs;
    for (int h : hidden) {
      layers.add(new DenseLayerSpec(in, h, act));
      in = h;
    }
    layers.add(new DenseLayerSpec(in, outputs, Activation.IDENTITY));
    double dropout = p.getDouble("dropout", 0);
    if (!org.fracnet.core.spi.Dropout.isShare(dropout)) {
      throw p.invalid("dropout", p.getString("dropout", ""), "a share from 0 to below 1, such as 0.3");
    }
    return new NetworkSpec(id(), layers, dropout);
  }
}
