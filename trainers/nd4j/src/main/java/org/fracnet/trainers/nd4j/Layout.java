package org.fracnet.trainers.nd4j;

import java.util.ArrayList;
import java.util.List;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.DenseLayerSpec;
import org.fracnet.core.spi.NetworkSpec;

/**
 * Where each layer's weights live in the one flat parameter buffer: per layer, W (outputs x
 * inputs, row-major) then b (outputs), layer after layer. The same order as
 * {@link org.fracnet.core.spi.TrainingResult#weights()}, so the result is a plain split.
 */
final class Layout {
  final int layers;
  final int[] inputs;
  final int[] outputs;
  final int[] weightOffset;
  final int[] biasOffset;
  final Activation[] activation;
  final int parameterCount;
  final int maxWidth;

  Layout(NetworkSpec spec) {
    List<DenseLayerSpec> specs = spec.layers();
    layers = specs.size();
    inputs = new int[layers];
    outputs = new int[layers];
    weightOffset = new int[layers];
    biasOffset = new int[layers];
    activation = new Activation[layers];
    int offset = 0;
    int widest = 0;
    for (int l = 0; l < layers; l++) {
      DenseLayerSpec s = specs.get(l);
      inputs[l] = s.inputs();
      outputs[l] = s.outputs();
      activation[l] = s.activation();
      weightOffset[l] = offset;
      offset = Math.addExact(offset, Math.multiplyExact(s.outputs(), s.inputs()));
      biasOffset[l] = offset;
      offset = Math.addExact(offset, s.outputs());
      widest = Math.max(widest, s.outputs());
    }
    parameterCount = offset;
    maxWidth = widest;
  }

  /** Number of raw outputs of the network. */
  int networkOutputs() {
    return outputs[layers - 1];
  }

  /** Splits flat parameters into W, b per layer (copies). */
  List<float[]> split(float[] flat) {
    List<float[]> out = new ArrayList<>(2 * layers);
    for (int l = 0; l < layers; l++) {
      float[] w = new float[outputs[l] * inputs[l]];
      System.arraycopy(flat, weightOffset[l], w, 0, w.length);
      float[] b = new float[outputs[l]];
      System.arraycopy(flat, biasOffset[l], b, 0, b.length);
      out.add(w);
      out.add(b);
    }
    return out;
  }

  /**
   * Joins W, b per layer into flat parameters, the inverse of {@link #split}.
   *
   * @throws org.fracnet.core.FracnetException when the arrays do not fit this network
   */
  float[] join(List<float[]> arrays) {
    if (arrays.size() != 2 * layers) {
      throw new org.fracnet.core.FracnetException("the checkpoint has " + arrays.size() / 2
          + " layers but the network has " + layers + "; resume with the same architecture");
    }
    float[] flat = new float[parameterCount];
    for (int l = 0; l < layers; l++) {
      float[] w = arrays.get(2 * l);
      float[] b = arrays.get(2 * l + 1);
      if (w.length != outputs[l] * inputs[l] || b.length != outputs[l]) {
        throw new org.fracnet.core.FracnetException("the checkpoint's layer " + l + " does not fit the network's "
            + outputs[l] + " x " + inputs[l] + "; resume with the same architecture and data");
      }
      System.arraycopy(w, 0, flat, weightOffset[l], w.length);
      System.arraycopy(b, 0, flat, biasOffset[l], b.length);
    }
    return flat;
  }
}
