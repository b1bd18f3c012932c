package org.fracnet.trainers.nd4j;

import org.fracnet.core.data.Dataset;

/**
 * A data set as the workers read it: features converted to float32 off-heap (n x d, row-major),
 * targets and weights shared with the {@link Dataset} (read-only). {@link #load} puts other rows
 * into the same memory when they fit, so a run fed chunk by chunk allocates once.
 */
final class DeviceData {
  /** Values converted at a time when loading: a small heap buffer, copied to native memory in bulk. */
  private static final int STAGE = 1 << 16;

  int rows;
  final int features;
  final int classes;
  /** The features, {@link #rows} x {@link #features} (the buffer may be longer). */
  NativeBuffer x;
  double[] p;
  double[] w;

  DeviceData(Dataset data) {
    features = data.featureCount();
    classes = data.classCount();
    load(data);
  }

  /** Replaces the rows with {@code data}'s, in this memory when it is large enough. */
  void load(Dataset data) {
    double[] source = data.features();
    if (x == null || x.length < source.length) {
      x = new NativeBuffer(Math.multiplyExact(data.rows(), features));
    }
    float[] staged = new float[Math.min(source.length, STAGE)];
    for (int from = 0; from < source.length; from += staged.length) { // converted on the heap, copied in bulk
      int n = Math.min(staged.length, source.length - from);
      for (int i = 0; i < n; i++) {
        staged[i] = (float) source[from + i];
      }
      x.floats.put(from, staged, 0, n);
    }
    rows = data.rows();
    p = data.targets();
    w = data.weights();
  }

  /** The sum of the weights of rows {@code order[from .. from + n)} ({@code from .. from + n} when {@code order} is null). */
  double weightSum(int[] order, int from, int n) {
    double sum = 0;
    for (int r = 0; r < n; r++) {
      sum += w[order == null ? from + r : order[from + r]];
    }
    return sum;
  }
}
