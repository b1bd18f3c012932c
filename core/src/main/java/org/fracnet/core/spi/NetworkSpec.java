package org.fracnet.core.spi;

import java.util.List;

/**
 * A feed-forward network as a chain of dense layers; the last layer's outputs are the raw
 * outputs {@code z} the loss sees (its activation is {@link Activation#IDENTITY}).
 *
 * @param architecture the id of the architecture that built it, e.g. {@code mlp}
 * @param layers at least one layer; each layer's inputs equal the previous layer's outputs
 */
public record NetworkSpec(String architecture, List<DenseLayerSpec> layers) {
  public NetworkSpec {
    layers = List.copyOf(layers);
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a network needs at least one layer");
    }
    for (int i = 1; i < layers.size(); i++) {
      if (layers.get(i).inputs() != layers.get(i - 1).outputs()) {
        throw new IllegalArgumentException("layer " + i + " takes " + layers.get(i).inputs()
            + " inputs but layer " + (i - 1) + " gives " + layers.get(i - 1).outputs());
      }
    }
  }

  public int inputs() {
    return layers.get(0).inputs();
  }

  public int outputs() {
    return layers.get(layers.size() - 1).outputs();
  }

  /** Total number of trainable values. */
  public int parameterCount() {
    int total = 0;
    for (DenseLayerSpec l : layers) {
      total += l.parameterCount();
    }
    return total;
  }
}
