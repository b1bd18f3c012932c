package org.fracnet.trainers.nd4j;

import java.util.List;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.DenseLayerSpec;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.NetworkSpec;

/**
 * The network's forward and backward pass in double precision and plain Java, written directly
 * from the definitions. It is the objective of full-batch training ({@link FullBatchObjective})
 * and the reference that the tests check the native float32 path ({@link Engine}) against.
 *
 * <p>Parameters are flat in the trainer's layout ({@link Layout}): per layer W (outputs x inputs,
 * row-major) then b. An instance keeps its activation buffers between calls and reallocates them
 * only when the row count changes; not thread-safe (one instance per thread).
 */
final class DoubleNetwork {
  private final NetworkSpec spec;
  private final List<DenseLayerSpec> layers;
  private final int[] offsets;
  private int rows = -1;
  private double[][] acts;
  private double[][] deltas;

  DoubleNetwork(NetworkSpec spec) {
    this.spec = spec;
    this.layers = spec.layers();
    this.offsets = new int[layers.size()];
    int offset = 0;
    for (int l = 0; l < layers.size(); l++) {
      offsets[l] = offset;
      offset += layers.get(l).parameterCount();
    }
  }

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

  /** Raw outputs z (n x m, a new array) for the rows of {@code x} (n x d). */
  static double[] forward(NetworkSpec spec, double[] params, double[] x, int n) {
    DoubleNetwork net = new DoubleNetwork(spec);
    net.allocate(n);
    return net.forward(params, x, n).clone();
  }

  /**
   * The loss of all rows of {@code data} (the loss's weighted mean) and, when {@code gradient}
   * is not null, its gradient with respect to {@code params}, written (not accumulated) into
   * {@code gradient}.
   */
  double lossAndGradient(double[] params, Dataset data, LossFunction loss, double[] gradient) {
    int n = data.rows();
    allocate(n);
    double[] z = forward(params, data.features(), n);
    int last = layers.size() - 1;
    double[] delta = gradient == null ? null : deltas[last];
    double value = loss.valueAndGradient(n, z, data.targets(), data.weights(), delta);
    if (gradient == null) {
      return value;
    }
    java.util.Arrays.fill(gradient, 0, spec.parameterCount(), 0);
    for (int l = last; l >= 0; l--) {
      DenseLayerSpec layer = layers.get(l);
      int din = layer.inputs();
      int dout = layer.outputs();
      int w = offsets[l];
      int b = w + dout * din;
      double[] out = acts[l + 1];
      delta = deltas[l];
      if (layer.activation() != Activation.IDENTITY) {
        for (int i = 0; i < n * dout; i++) {
          delta[i] *= derivativeFromOutput(layer.activation(), out[i]);
        }
      }
      double[] in = l == 0 ? data.features() : acts[l];
      double[] next = l == 0 ? null : deltas[l - 1];
      if (next != null) {
        java.util.Arrays.fill(next, 0, n * din, 0);
      }
      for (int r = 0; r < n; r++) {
        for (int o = 0; o < dout; o++) {
          double d = delta[r * dout + o];
          gradient[b + o] += d;
          int wo = w + o * din;
          int ri = r * din;
          for (int i = 0; i < din; i++) {
            gradient[wo + i] += d * in[ri + i];
          }
          if (next != null) {
            for (int i = 0; i < din; i++) {
              next[ri + i] += d * params[wo + i];
            }
          }
        }
      }
    }
    return value;
  }

  private void allocate(int n) {
    if (n == rows) {
      return;
    }
    rows = n;
    acts = new double[layers.size() + 1][];
    deltas = new double[layers.size()][];
    for (int l = 0; l < layers.size(); l++) {
      acts[l + 1] = new double[n * layers.get(l).outputs()];
      deltas[l] = new double[n * layers.get(l).outputs()];
    }
  }

  /** Fills the activation buffers; returns the raw outputs (a buffer of this instance). */
  private double[] forward(double[] params, double[] x, int n) {
    acts[0] = x;
    for (int l = 0; l < layers.size(); l++) {
      dense(layers.get(l), params, offsets[l], acts[l], acts[l + 1], n);
    }
    acts[0] = null;
    return acts[layers.size()];
  }

  private static void dense(DenseLayerSpec layer, double[] params, int offset, double[] in,
      double[] out, int n) {
    int din = layer.inputs();
    int dout = layer.outputs();
    Activation act = layer.activation();
    for (int r = 0; r < n; r++) {
      for (int o = 0; o < dout; o++) {
        double s = params[offset + dout * din + o];
        int wo = offset + o * din;
        int ri = r * din;
        for (int i = 0; i < din; i++) {
          s += params[wo + i] * in[ri + i];
        }
        out[r * dout + o] = act.apply(s);
      }
    }
  }

  private static double derivativeFromOutput(Activation act, double y) {
    return switch (act) {
      case IDENTITY -> 1;
      case RELU -> y > 0 ? 1 : 0;
      case TANH -> 1 - y * y;
    };
  }
}
