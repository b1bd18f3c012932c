package org.fracnet.trainers.nd4j;

import java.util.List;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.DenseLayerSpec;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.NetworkSpec;

/**
 * A plain double-precision forward and backward pass, written as directly as possible from the
 * definitions, to check the native path. Parameters are flat in the trainer's layout: per layer
 * W (outputs x inputs, row-major) then b.
 */
final class ReferenceNetwork {
  private ReferenceNetwork() {}

  /** Flattens per-layer W, b arrays (as in a TrainingResult) into one array. */
  static double[] flatten(List<float[]> weights) {
    int total = weights.stream().mapToInt(a -> a.length).sum();
    double[] out = new double[total];
    int at = 0;
    for (float[] a : weights) {
      for (float v : a) {
        out[at++] = v;
      }
    }
    return out;
  }

  /** Raw outputs z (n x m) for the rows of {@code x} (n x d). */
  static double[] forward(NetworkSpec spec, double[] params, double[] x, int n) {
    double[] a = x;
    int offset = 0;
    for (DenseLayerSpec layer : spec.layers()) {
      a = dense(layer, params, offset, a, n);
      offset += layer.parameterCount();
    }
    return a;
  }

  private static double[] dense(DenseLayerSpec layer, double[] params, int offset, double[] in,
      int n) {
    int din = layer.inputs();
    int dout = layer.outputs();
    double[] out = new double[n * dout];
    for (int r = 0; r < n; r++) {
      for (int o = 0; o < dout; o++) {
        double s = params[offset + dout * din + o];
        for (int i = 0; i < din; i++) {
          s += params[offset + o * din + i] * in[r * din + i];
        }
        out[r * dout + o] = layer.activation().apply(s);
      }
    }
    return out;
  }

  /** The loss of all rows of {@code data} and its gradient with respect to {@code params}. */
  static double lossAndGradient(NetworkSpec spec, double[] params, Dataset data,
      LossFunction loss, double[] gradient) {
    int n = data.rows();
    List<DenseLayerSpec> layers = spec.layers();
    double[][] acts = new double[layers.size() + 1][];
    acts[0] = data.features();
    int[] offsets = new int[layers.size()];
    int offset = 0;
    for (int l = 0; l < layers.size(); l++) {
      offsets[l] = offset;
      acts[l + 1] = dense(layers.get(l), params, offset, acts[l], n);
      offset += layers.get(l).parameterCount();
    }
    double[] delta = new double[n * spec.outputs()];
    double value = loss.valueAndGradient(n, acts[layers.size()], data.targets(), data.weights(),
        delta);
    for (int l = layers.size() - 1; l >= 0; l--) {
      DenseLayerSpec layer = layers.get(l);
      int din = layer.inputs();
      int dout = layer.outputs();
      double[] out = acts[l + 1];
      for (int i = 0; i < delta.length; i++) {
        delta[i] *= derivativeFromOutput(layer.activation(), out[i]);
      }
      double[] in = acts[l];
      double[] next = new double[n * din];
      for (int r = 0; r < n; r++) {
        for (int o = 0; o < dout; o++) {
          double d = delta[r * dout + o];
          gradient[offsets[l] + dout * din + o] += d;
          for (int i = 0; i < din; i++) {
            gradient[offsets[l] + o * din + i] += d * in[r * din + i];
            next[r * din + i] += d * params[offsets[l] + o * din + i];
          }
        }
      }
      delta = next;
    }
    return value;
  }

  private static double derivativeFromOutput(Activation act, double y) {
    return switch (act) {
      case IDENTITY -> 1;
      case RELU -> y > 0 ? 1 : 0;
      case TANH -> 1 - y * y;
    };
  }
}
