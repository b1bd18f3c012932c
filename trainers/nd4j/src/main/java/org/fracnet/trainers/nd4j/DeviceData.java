package org.fracnet.trainers.nd4j;

import org.fracnet.core.data.Dataset;

/**
 * A data set as the workers read it: features converted once to float32 off-heap (n x d,
 * row-major), targets and weights shared with the {@link Dataset} (read-only).
 */
final class DeviceData {
  final int rows;
  final int features;
  final int classes;
  final NativeBuffer x;
  final double[] p;
  final double[] w;

  DeviceData(Dataset data) {
    rows = data.rows();
    features = data.featureCount();
    classes = data.classCount();
    double[] source = data.features();
    x = new NativeBuffer(Math.multiplyExact(rows, features));
    for (int i = 0; i < source.length; i++) {
      x.floats.put(i, (float) source[i]);
    }
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
