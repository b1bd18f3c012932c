package org.fracnet.trainers.nd4j;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.Dropout;
import org.fracnet.core.spi.LossFunction;

/**
 * One thread's share of a mini-batch: a window of the engine's preallocated activations and
 * deltas and its own heap mirrors, so that the training step allocates nothing and two workers
 * never write the same memory.
 *
 * <p>It runs the engine's row-split phases on its part, once {@link #load} has gathered it.
 * {@link #forward}, per layer {@code l}: {@code H_l = act(H_{l-1} W_l^T + b_l)} with one {@code
 * cblas_sgemm} and a fused bias-plus-activation loop, written in place; the loss sees the last
 * layer's output as doubles. {@link #backward}: {@code D_L = s dLoss/dZ * act'}, where {@code s}
 * is the part's share of the batch weight, and {@code D_{l-1} = (D_l W_l) * act'(H_{l-1})}, the
 * derivative taken from the activation's output (ReLU: {@code H > 0}; tanh: {@code 1 - H^2}).
 * For the layers the engine gives it, a worker also takes its part's weight gradients, {@code
 * dW_l = D_l^T H_{l-1}} and {@code db_l = column sums of D_l} (a {@code cblas_sgemv} with a
 * vector of ones); the engine's update phase takes the other layers' over all parts at once.
 *
 * <p>The parameters are shared with the other workers and only read here; BLAS is called on
 * pointers created once. Element-wise work runs on heap mirrors of the activations and deltas
 * (one bulk copy in, one out): C2 on Java 17 vectorises one-dimensional loops over heap arrays,
 * but neither loops over direct buffers nor two-dimensional row loops with a per-column bias
 * (docs/performance.md, "Element-wise loops and the thread team"). So the bias is first tiled to a
 * batch-sized array. The loops are branch-free.
 */
final class Worker {
  private final Layout layout;
  private final LossFunction loss;
  private final int capacity;
  private final int features;
  private final int classes;
  private final int outputs;
  private final FloatBuffer params;
  private final FloatPointer[] paramW;
  private final BatchBuffers buffers;
  private final NativeBuffer x;
  private final NativeBuffer[] h;
  private final NativeBuffer[] delta;
  /** Per layer: where this worker's weight gradient goes, or null when the engine takes it. */
  private final FloatPointer[] gradW;
  private final double[] z;
  private final double[] dz;
  private final double[] p;
  private final double[] w;
  private final float[][] hHeap;
  private final float[] dHeap;
  private final float[] biasTile;
  private final FloatPointer[] gradB;
  /** The share of hidden outputs dropped in training steps, and the run's seed for the masks. */
  private final double dropout;
  private final long seed;
  /** Per hidden layer, the loaded rows' dropout masks. */
  private final float[][] masks;
  /** Where the last {@link #load} took its rows from: the epoch's order (or null) and the first position. */
  private int[] loadedOrder;
  private int loadedFrom;

  /** Rows loaded by the last {@link #load}. */
  int rows;
  /** Weighted mean loss of the loaded rows after {@link #forward}. */
  double lossValue;

  /**
   * @param buffers this worker's rows of the batch buffers; their row count is the most rows it
   *     takes at once
   * @param parameters the shared parameter buffer (read only)
   * @param gradient where this worker's weight gradients go ({@code null} when it takes none)
   * @param takesLayer per layer, whether this worker takes its part's weight gradient (else the
   *     engine takes the whole batch's)
   * @param dropout the network's dropout, applied in {@link #forward forward(true)}
   * @param seed the run's seed, for the dropout masks
   */
  Worker(Layout layout, LossFunction loss, BatchBuffers buffers, NativeBuffer parameters,
      NativeBuffer gradient, boolean[] takesLayer, double dropout, long seed) {
    this.layout = layout;
    this.loss = loss;
    this.capacity = buffers.rows;
    this.features = layout.inputs[0];
    this.classes = loss.classes();
    this.outputs = layout.networkOutputs();
    this.params = parameters.floats;
    int layers = layout.layers;
    this.buffers = buffers;
    this.x = buffers.x;
    this.h = buffers.h;
    this.delta = buffers.delta;
    paramW = new FloatPointer[layers];
    gradW = new FloatPointer[layers];
    gradB = new FloatPointer[layers];
    hHeap = new float[layers][];
    for (int l = 0; l < layers; l++) {
      paramW[l] = parameters.at(layout.weightOffset[l]);
      if (takesLayer[l]) {
        gradW[l] = gradient.at(layout.weightOffset[l]);
        gradB[l] = gradient.at(layout.biasOffset[l]);
      }
      hHeap[l] = new float[Math.multiplyExact(capacity, layout.outputs[l])];
    }
    this.dropout = dropout;
    this.seed = seed;
    masks = new float[dropout == 0 ? 0 : layers - 1][];
    for (int l = 0; l < masks.length; l++) {
      masks[l] = new float[hHeap[l].length];
    }
    dHeap = new float[Math.multiplyExact(capacity, layout.maxWidth)];
    biasTile = new float[dHeap.length];
    z = new double[capacity * outputs];
    dz = new double[capacity * outputs];
    p = new double[capacity * classes];
    w = new double[capacity];
  }

  /**
   * Gathers rows {@code order[from .. from + n)} (or {@code from .. from + n} when {@code order}
   * is null) of {@code data} into this worker's batch buffers.
   */
  void load(DeviceData data, int[] order, int from, int n) {
    if (n > capacity) {
      throw new IllegalStateException(n + " rows exceed the worker's capacity " + capacity);
    }
    int d = features;
    int k = classes;
    FloatBuffer src = data.x.floats;
    FloatBuffer dst = x.floats;
    double[] dp = data.p;
    double[] dw = data.w;
    for (int r = 0; r < n; r++) {
      int i = order == null ? from + r : order[from + r];
      dst.put(r * d, src, i * d, d);
      System.arraycopy(dp, i * k, p, r * k, k);
      w[r] = dw[i];
    }
    rows = n;
    loadedOrder = order;
    loadedFrom = from;
  }

  /**
   * The forward phase on the loaded rows: the network's outputs and the loss, {@link #lossValue};
   * with {@code forBackward}, also the loss's gradient, which {@link #backward} starts from. With
   * no rows loaded, sets the loss to 0.
   */
  void forward(boolean forBackward) {
    int n = rows;
    if (n == 0) {
      lossValue = 0;
      return;
    }
    outputs(n, forBackward && dropout > 0);
    lossValue = loss.valueAndGradient(n, z, p, w, forBackward ? dz : null);
  }

  /**
   * The backward phase on the loaded rows, after {@link #forward forward(true)}: the deltas of the
   * loss times {@code share} (this part's weight over the batch's) and, for the layers this
   * worker takes, the weight gradients. With no rows loaded, does nothing.
   */
  void backward(double share) {
    int n = rows;
    if (n == 0) {
      return;
    }
    deltas(n, share);
  }

  /**
   * The layers' activations of {@code n} rows, the last layer's as doubles in {@code z}. With
   * {@code drop}, each hidden layer's outputs are passed on times their dropout masks, while its
   * heap mirror keeps them unmasked for the derivative.
   */
  private void outputs(int n, boolean drop) {
    FloatPointer in = x.pointer;
    int inDim = features;
    int top = layout.layers - 1;
    for (int l = 0; l <= top; l++) {
      int out = layout.outputs[l];
      int count = n * out;
      NativeBuffer hl = h[l];
      float[] a = hHeap[l];
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, out, inDim,
          1f, in, inDim, paramW[l], inDim, 0f, hl.pointer, out);
      hl.floats.get(0, a, 0, count);
      tileBias(layout.biasOffset[l], out, count);
      biasAndActivation(a, biasTile, count, layout.activation[l]);
      if (l < top && drop) {
        float[] mask = masks[l];
        Dropout.masks(seed, l, loadedOrder, loadedFrom, n, dropout, out, mask);
        float[] dropped = dHeap; // free until the backward phase
        for (int i = 0; i < count; i++) {
          dropped[i] = a[i] * mask[i];
        }
        hl.floats.put(0, dropped, 0, count);
      } else if (l < top) {
        hl.floats.put(0, a, 0, count);
      }
      in = hl.pointer;
      inDim = out;
    }
    float[] last = hHeap[top];
    int count = n * outputs;
    for (int i = 0; i < count; i++) {
      z[i] = last[i];
    }
  }

  /** Fills {@code biasTile[0 .. count)} with copies of the bias of length {@code width}. */
  private void tileBias(int offset, int width, int count) {
    float[] t = biasTile;
    params.get(offset, t, 0, width);
    for (int filled = width; filled < count; ) {
      int c = Math.min(filled, count - filled);
      System.arraycopy(t, 0, t, filled, c);
      filled += c;
    }
  }

  /** The deltas of {@code n} rows, and the weight gradients this worker takes. */
  private void deltas(int n, double share) {
    int top = layout.layers - 1;
    int count = n * outputs;
    float[] d = dHeap;
    for (int i = 0; i < count; i++) {
      d[i] = (float) (dz[i] * share);
    }
    timesDerivative(d, hHeap[top], count, layout.activation[top]);
    delta[top].floats.put(0, d, 0, count);
    for (int l = top; l >= 0; l--) {
      int out = layout.outputs[l];
      int inDim = layout.inputs[l];
      NativeBuffer dl = delta[l];
      if (gradW[l] != null) {
        buffers.weightGradient(l, n, dl.pointer, out, gradW[l], gradB[l]);
      }
      if (l > 0) {
        // D_prev (n x in) = D (n x out) . W (out x in), then times act'(H_prev)
        NativeBuffer prev = delta[l - 1];
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, inDim, out,
            1f, dl.pointer, out, paramW[l], inDim, 0f, prev.pointer, inDim);
        Activation act = layout.activation[l - 1];
        boolean drop = dropout > 0; // deltas follow only a forward(true), which dropped
        if (act != Activation.IDENTITY || drop) {
          int size = n * inDim;
          prev.floats.get(0, d, 0, size);
          if (drop) {
            float[] mask = masks[l - 1];
            for (int i = 0; i < size; i++) {
              d[i] *= mask[i];
            }
          }
          timesDerivative(d, hHeap[l - 1], size, act);
          prev.floats.put(0, d, 0, size);
        }
      }
    }
  }

  /** {@code a[i] = act(a[i] + bias[i])} in place, for {@code i < count}. */
  static void biasAndActivation(float[] a, float[] bias, int count, Activation act) {
    switch (act) {
      case IDENTITY -> {
        for (int i = 0; i < count; i++) {
          a[i] += bias[i];
        }
      }
      case RELU -> {
        for (int i = 0; i < count; i++) {
          a[i] = Math.max(a[i] + bias[i], 0f);
        }
      }
      case TANH -> {
        for (int i = 0; i < count; i++) {
          a[i] = tanh(a[i] + bias[i]);
        }
      }
      default -> throw new IllegalStateException("activation " + act);
    }
  }

  /**
   * {@code tanh} through the exp intrinsic ({@link Math#tanh} is not intrinsic on Java 17):
   * {@code 1 - 2 / (e^{2v} + 1)}, exact to double rounding and saturating cleanly to +-1.
   */
  static float tanh(float v) {
    return (float) (1 - 2 / (Math.exp(2.0 * v) + 1));
  }

  /**
   * {@code d[i] *= act'(h[i])} where {@code h} is the activation's output. ReLU's derivative is
   * written {@code min(h * 2^126, 1)}, which C2 vectorises (a compare-and-select does not): it is
   * exactly 1 for every normal positive h and 0 for h = 0; only a subnormal output (below
   * 1.2e-38) would get a factor below 1.
   */
  static void timesDerivative(float[] d, float[] h, int count, Activation act) {
    switch (act) {
      case IDENTITY -> {
        // derivative 1
      }
      case RELU -> {
        for (int i = 0; i < count; i++) {
          d[i] *= Math.min(h[i] * 0x1p126f, 1f);
        }
      }
      case TANH -> {
        for (int i = 0; i < count; i++) {
          float a = h[i];
          d[i] *= 1f - a * a;
        }
      }
      default -> throw new IllegalStateException("activation " + act);
    }
  }
}
