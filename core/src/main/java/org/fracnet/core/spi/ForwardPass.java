package org.fracnet.core.spi;

import java.util.List;

/**
 * The network's forward pass in double precision and plain Java: the one used by prediction and
 * by the pure-Java trainer (the reference the native trainer is tested against).
 *
 * <p>Each output is {@code b[o] + sum_c W[o][c] * in[c]}, summed in ascending {@code c}, then
 * the layer's activation. The sums run column by column over a transposed copy of each W, so the
 * inner loop updates every output of a layer at once and vectorises, where a row-by-row dot
 * product is one long chain of dependent additions (the measured difference is in
 * docs/performance.md, "Predict start-up"). An input of exactly zero (half of a ReLU layer's)
 * adds nothing and is skipped. The order of the additions is the dot product's, so for finite weights so are
 * the results.
 *
 * <p>An instance is made for one set of weights and is immutable; {@link #run} may be called
 * from several threads at once with separate output arrays.
 */
public final class ForwardPass {
  private final NetworkSpec network;
  private final List<DenseLayerSpec> layers;
  /** Per layer, W transposed (inputs x outputs, row-major). */
  private final double[][] transposed;
  private final double[][] biases;

  /**
   * @param network the layers
   * @param parameters flat weights in the layout of {@link NetworkSpec#split}
   */
  public ForwardPass(NetworkSpec network, double[] parameters) {
    this.network = network;
    this.layers = network.layers();
    if (parameters.length != network.parameterCount()) {
      throw new IllegalArgumentException(parameters.length + " parameters for a network of "
          + network.parameterCount());
    }
    transposed = new double[layers.size()][];
    biases = new double[layers.size()][];
    int offset = 0;
    for (int l = 0; l < layers.size(); l++) {
      DenseLayerSpec layer = layers.get(l);
      int inputs = layer.inputs();
      int outputs = layer.outputs();
      double[] t = new double[inputs * outputs];
      for (int o = 0; o < outputs; o++) {
        for (int c = 0; c < inputs; c++) {
          t[c * outputs + o] = parameters[offset + o * inputs + c];
        }
      }
      transposed[l] = t;
      offset += inputs * outputs;
      biases[l] = java.util.Arrays.copyOfRange(parameters, offset, offset + outputs);
      offset += outputs;
    }
  }

  /** A forward pass for float32 weights per layer, W then b (a model file's form). */
  public static ForwardPass of(NetworkSpec network, List<float[]> weights) {
    float[] flat = network.join(weights);
    double[] wide = new double[flat.length];
    for (int i = 0; i < flat.length; i++) {
      wide[i] = flat[i];
    }
    return new ForwardPass(network, wide);
  }

  /** The network. */
  public NetworkSpec network() {
    return network;
  }

  /**
   * Runs rows {@code x} (n x inputs, row-major, already standardised) through the network.
   *
   * @param layerOutputs {@code null}, or one array per layer of at least n x (its outputs) values
   *     that receive each layer's outputs after its activation (a backward pass needs them)
   * @return the raw outputs z, n x outputs: a new array, or {@code layerOutputs}' last one
   */
  public double[] run(double[] x, int n, double[][] layerOutputs) {
    return run(x, n, layerOutputs, null);
  }

  /**
   * As {@link #run(double[], int, double[][])}, in a training step with dropout: each hidden layer
   * l's outputs are multiplied by {@code masks[l]} (n x its outputs, from {@link Dropout}) before
   * they are stored and passed on.
   *
   * @param masks {@code null} for none, else one array per hidden layer
   */
  public double[] run(double[] x, int n, double[][] layerOutputs, float[][] masks) {
    int d = network.inputs();
    if (x.length < (long) n * d) {
      throw new IllegalArgumentException("x has " + x.length + " values for " + n + " rows of " + d);
    }
    int widest = d;
    for (DenseLayerSpec layer : layers) {
      widest = Math.max(widest, layer.outputs());
    }
    double[] in = new double[widest];
    double[] out = new double[widest];
    int m = network.outputs();
    double[] z = layerOutputs != null ? layerOutputs[layers.size() - 1] : new double[n * m];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x, i * d, in, 0, d);
      for (int l = 0; l < layers.size(); l++) {
        DenseLayerSpec layer = layers.get(l);
        int outputs = layer.outputs();
        double[] wt = transposed[l];
        System.arraycopy(biases[l], 0, out, 0, outputs);
        for (int c = 0; c < layer.inputs(); c++) {
          double v = in[c];
          if (v == 0) {
            continue;
          }
          int row = c * outputs;
          for (int o = 0; o < outputs; o++) {
            out[o] += wt[row + o] * v;
          }
        }
        Activation act = layer.activation();
        if (act != Activation.IDENTITY) {
          for (int o = 0; o < outputs; o++) {
            out[o] = act.apply(out[o]);
          }
        }
        if (masks != null && l < layers.size() - 1) {
          float[] mask = masks[l];
          for (int o = 0; o < outputs; o++) {
            out[o] *= mask[i * outputs + o];
          }
        }
        if (layerOutputs != null) {
          System.arraycopy(out, 0, layerOutputs[l], i * outputs, outputs);
        }
        double[] t = in;
        in = out;
        out = t;
      }
      if (layerOutputs == null) {
        System.arraycopy(in, 0, z, i * m, m);
      }
    }
    return z;
  }
}
