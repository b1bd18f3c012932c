package org.fracnet.trainers.nd4j;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemv;

import org.bytedeco.javacpp.FloatPointer;

/**
 * The off-heap inputs, activations and deltas of a batch, row-major, one row per sample: {@code
 * x} (rows x features), and per layer {@code h[l]} and {@code delta[l]} (rows x outputs of layer
 * l). The engine holds the whole batch; each worker gets a {@link #rows} window on its part, so
 * the parts of all workers lie one after another and the weight gradients can be taken over the
 * whole batch in one product per layer. {@link #weightGradient} takes them, for a worker's part
 * or for the whole batch.
 */
final class BatchBuffers {
  private final Layout layout;
  final int rows;
  final NativeBuffer x;
  final NativeBuffer[] h;
  final NativeBuffer[] delta;
  /** {@code rows} ones: the bias gradients are column sums, products with this vector. */
  private final NativeBuffer ones;

  BatchBuffers(Layout layout, int rows) {
    this.layout = layout;
    this.rows = rows;
    ones = NativeBuffer.ones(rows);
    x = new NativeBuffer(Math.multiplyExact(rows, layout.inputs[0]));
    h = new NativeBuffer[layout.layers];
    delta = new NativeBuffer[layout.layers];
    for (int l = 0; l < layout.layers; l++) {
      int size = Math.multiplyExact(rows, layout.outputs[l]);
      h[l] = new NativeBuffer(size);
      delta[l] = new NativeBuffer(size);
    }
  }

  private BatchBuffers(BatchBuffers whole, int from, int count) {
    layout = whole.layout;
    rows = count;
    ones = whole.ones.view(from, count);
    int features = layout.inputs[0];
    x = whole.x.view(from * features, count * features);
    h = new NativeBuffer[layout.layers];
    delta = new NativeBuffer[layout.layers];
    for (int l = 0; l < layout.layers; l++) {
      int width = layout.outputs[l];
      h[l] = whole.h[l].view(from * width, count * width);
      delta[l] = whole.delta[l].view(from * width, count * width);
    }
  }

  /** Rows {@code [from, from + count)}, sharing this batch's memory. */
  BatchBuffers rows(int from, int count) {
    return new BatchBuffers(this, from, count);
  }

  /** The input of layer {@code l}: the features for the first layer, else the previous layer's activations. */
  NativeBuffer input(int l) {
    return l == 0 ? x : h[l - 1];
  }

  /**
   * Layer {@code l}'s weight and bias gradient over the first {@code n} rows, for {@code units}
   * output units starting at the delta column {@code deltaColumns} points to: {@code dW} ({@code
   * units x in}) {@code = D[:, units]^T H_prev} by one {@code cblas_sgemm}, and {@code db =}
   * column sums of {@code D[:, units]} by one {@code cblas_sgemv} with the ones vector.
   */
  void weightGradient(int l, int n, FloatPointer deltaColumns, int units, FloatPointer weights,
      FloatPointer biases) {
    int out = layout.outputs[l];
    int in = layout.inputs[l];
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, units, in, n,
        1f, deltaColumns, out, input(l).pointer, in, 0f, weights, in);
    cblas_sgemv(CblasRowMajor, CblasTrans, n, units, 1f, deltaColumns, out, ones.pointer, 1,
        0f, biases, 1);
  }
}
