package org.fracnet.core.spi;

/**
 * A fully connected layer {@code y = activation(W x + b)} with W of shape outputs x inputs
 * (row-major, as in PyTorch's {@code nn.Linear}) and b of length outputs.
 */
public record DenseLayerSpec(int inputs, int outputs, Activation activation) {
  public DenseLayerSpec {
    if (inputs < 1 || outputs < 1) {
      throw new IllegalArgumentException("a layer needs at least one input and one output, got "
          + inputs + " x " + outputs);
    }
    if (activation == null) {
      throw new IllegalArgumentException("activation is null");
    }
  }

  /** Number of trainable values: {@code outputs * inputs + outputs}. */
  public int parameterCount() {
    return outputs * inputs + outputs;
  }
}
