package org.fracnet.trainers.java;

import java.util.Arrays;
import java.util.List;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.DenseLayerSpec;
import org.fracnet.core.spi.ForwardPass;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.NetworkSpec;

/**
 * The network's loss and gradient in double precision and plain Java, written directly from the
 * definitions: the forward pass is core's {@link ForwardPass} (the one prediction uses), the
 * backward pass the chain rule over the stored layer outputs. It is the objective of the
 * {@code java} trainer and the reference the native trainer's tests check its float32 pass
 * against.
 *
 * <p>Parameters are flat in the layout of {@link NetworkSpec#split}. An instance keeps its buffers
 * between calls and reallocates them only when the row count grows; not thread-safe (one instance
 * per thread).
 */
public final class DoubleNetwork {
  private final NetworkSpec spec;
  private final List<DenseLayerSpec> layers;
  private int capacity = -1;
  private double[][] outputs;
  private double[][] deltas;

  /** A network of the given layers. */
  public DoubleNetwork(NetworkSpec spec) {
    this.spec = spec;
    this.layers = spec.layers();
  }

  /** Widens per-layer W, b arrays (a model's weights) into one flat double array. */
  public static double[] flatten(List<float[]> weights) {
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

  /**
   * The loss of rows {@code x} (n x inputs, standardised) with targets {@code p} and weights
   * {@code w} (the loss's weighted mean) and, when {@code gradient} is not null, its gradient
   * with respect to {@code params}, written (not accumulated) into {@code gradient}.
   */
  public double lossAndGradient(double[] params, double[] x, double[] p, double[] w, int n,
      LossFunction loss, double[] gradient) {
    return lossAndGradient(params, x, p, w, n, loss, gradient, null);
  }

  /**
   * As {@link #lossAndGradient(double[], double[], double[], double[], int, LossFunction, double[])}
   * with each hidden layer's outputs multiplied by its dropout mask ({@code masks[l]}, n x its
   * outputs, from {@link org.fracnet.core.spi.Dropout}; {@code null} for none).
   */
  public double lossAndGradient(double[] params, double[] x, double[] p, double[] w, int n,
      LossFunction loss, double[] gradient, float[][] masks) {
    allocate(n);
    double[] z = new ForwardPass(spec, params).run(x, n, outputs, masks);
    int last = layers.size() - 1;
    double[] delta = gradient == null ? null : deltas[last];
    double value = loss.valueAndGradient(n, z, p, w, delta);
    if (gradient == null) {
      return value;
    }
    Arrays.fill(gradient, 0, spec.parameterCount(), 0);
    for (int l = last; l >= 0; l--) {
      DenseLayerSpec layer = layers.get(l);
      int din = layer.inputs();
      int dout = layer.outputs();
      int wOffset = spec.weightOffset(l);
      int b = wOffset + dout * din;
      double[] out = outputs[l];
      delta = deltas[l];
      if (masks != null && l < last) { // out is the masked output: the derivative needs the unmasked one
        float[] mask = masks[l];
        for (int i = 0; i < n * dout; i++) {
          double m = mask[i];
          delta[i] = m == 0 ? 0 : delta[i] * m * derivativeFromOutput(layer.activation(), out[i] / m);
        }
      } else if (layer.activation() != Activation.IDENTITY) {
        for (int i = 0; i < n * dout; i++) {
          delta[i] *= derivativeFromOutput(layer.activation(), out[i]);
        }
      }
      double[] in = l == 0 ? x : outputs[l - 1];
      double[] next = l == 0 ? null : deltas[l - 1];
      if (next != null) {
        Arrays.fill(next, 0, n * din, 0);
      }
      for (int r = 0; r < n; r++) {
        for (int o = 0; o < dout; o++) {
          double d = delta[r * dout + o];
          gradient[b + o] += d;
          int wo = wOffset + o * din;
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
    if (n <= capacity) {
      return;
    }
    capacity = n;
    outputs = new double[layers.size()][];
    deltas = new double[layers.size()][];
    for (int l = 0; l < layers.size(); l++) {
      outputs[l] = new double[n * layers.get(l).outputs()];
      deltas[l] = new double[n * layers.get(l).outputs()];
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
