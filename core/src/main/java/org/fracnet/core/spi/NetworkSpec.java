package org.fracnet.core.spi;

import java.util.List;

/**
 * A feed-forward network as a chain of dense layers; the last layer's outputs are the raw
 * outputs {@code z} the loss sees (its activation is {@link Activation#IDENTITY}).
 *
 * @param architecture the id of the architecture that built it, e.g. {@code mlp}
 * @param layers at least one layer; each layer's inputs equal the previous layer's outputs
 * @param dropout the share of every hidden layer's outputs set to 0 in each training step, the
 *     others scaled by {@code 1 / (1 - dropout)} (inverted dropout, masks from {@link Dropout});
 *     0 for none. Prediction never drops, so model files do not keep it (the run record's
 *     architecture parameters do).
 */
public record NetworkSpec(String architecture, List<DenseLayerSpec> layers, double dropout) {
  public NetworkSpec {
    layers = List.copyOf(layers);
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a network needs at least one layer");
    }
    if (!Dropout.isShare(dropout)) {
      throw new IllegalArgumentException("dropout " + dropout + " is not in [0, 1)");
    }
    for (int i = 1; i < layers.size(); i++) {
      if (layers.get(i).inputs() != layers.get(i - 1).outputs()) {
        throw new IllegalArgumentException("layer " + i + " takes " + layers.get(i).inputs()
            + " inputs but layer " + (i - 1) + " gives " + layers.get(i - 1).outputs());
      }
    }
  }

  /** A network without dropout. */
  public NetworkSpec(String architecture, List<DenseLayerSpec> layers) {
    this(architecture, layers, 0);
  }

  public int inputs() {
    return layers.get(0).inputs();
  }

  public int outputs() {
    return layers.get(layers.size() - 1).outputs();
  }

  /**
   * The network in a few words for people: e.g. {@code mlp 6-64-64-6, relu} or, with dropout,
   * {@code mlp 24-256-256-3, relu, dropout 0.3}; the hidden layers' activation is named when
   * there are hidden layers.
   */
  public String describe() {
    StringBuilder out = new StringBuilder(architecture).append(' ').append(inputs());
    for (DenseLayerSpec l : layers) {
      out.append('-').append(l.outputs());
    }
    if (layers.size() > 1) {
      out.append(", ").append(layers.get(0).activation().id());
    }
    if (dropout > 0) {
      out.append(", dropout ").append(org.fracnet.core.internal.PlainNumbers.plain(dropout));
    }
    return out.toString();
  }

  /**
   * Where layer {@code layer}'s W (outputs x inputs, row-major) starts in the flat parameter
   * vector. The flat layout, used by every trainer, optimizer and checkpoint: per layer W then b,
   * layer after layer.
   */
  public int weightOffset(int layer) {
    int offset = 0;
    for (int l = 0; l < layer; l++) {
      offset = Math.addExact(offset, layers.get(l).parameterCount());
    }
    return offset;
  }

  /** Where layer {@code layer}'s b starts in the flat parameter vector. */
  public int biasOffset(int layer) {
    DenseLayerSpec l = layers.get(layer);
    return weightOffset(layer) + l.inputs() * l.outputs();
  }

  /** Splits flat parameters into W, b per layer (copies): the form of model files. */
  public List<float[]> split(float[] flat) {
    if (flat.length != parameterCount()) {
      throw new IllegalArgumentException(flat.length + " parameters for a network of " + parameterCount());
    }
    List<float[]> out = new java.util.ArrayList<>(2 * layers.size());
    int offset = 0;
    for (DenseLayerSpec l : layers) {
      int w = l.inputs() * l.outputs();
      out.add(java.util.Arrays.copyOfRange(flat, offset, offset + w));
      out.add(java.util.Arrays.copyOfRange(flat, offset + w, offset + w + l.outputs()));
      offset += w + l.outputs();
    }
    return out;
  }

  /**
   * Joins W, b per layer into flat parameters, the inverse of {@link #split}.
   *
   * @throws IllegalArgumentException when the arrays do not fit this network
   */
  public float[] join(List<float[]> arrays) {
    if (arrays.size() != 2 * layers.size()) {
      throw new IllegalArgumentException(arrays.size() / 2 + " layers of weights for a network of "
          + layers.size());
    }
    float[] flat = new float[parameterCount()];
    int offset = 0;
    for (int l = 0; l < layers.size(); l++) {
      DenseLayerSpec layer = layers.get(l);
      float[] w = arrays.get(2 * l);
      float[] b = arrays.get(2 * l + 1);
      if (w.length != layer.inputs() * layer.outputs() || b.length != layer.outputs()) {
        throw new IllegalArgumentException("weights of layer " + l + " do not fit "
            + layer.outputs() + " x " + layer.inputs());
      }
      System.arraycopy(w, 0, flat, offset, w.length);
      System.arraycopy(b, 0, flat, offset + w.length, b.length);
      offset += w.length + b.length;
    }
    return flat;
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
