package org.fracnet.trainers.nd4j;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A zero-initialised off-heap float array allocated by ND4J, with two aliases of the same
 * memory: a {@link FloatBuffer} for Java loops (absolute get/put) and a {@link FloatPointer} for
 * BLAS. The ND4J array is held so that the memory lives as long as this object. A {@link #view}
 * is a window on part of another buffer, indexed from 0 in both aliases.
 */
final class NativeBuffer {
  @SuppressWarnings("unused") // keeps the off-heap memory reachable
  private final INDArray array;
  final FloatBuffer floats;
  final FloatPointer pointer;
  final int length;

  NativeBuffer(int length) {
    this.length = length;
    this.array = Nd4j.create(DataType.FLOAT, Math.max(1, length));
    this.floats = array.data().asNioFloat();
    this.pointer = new FloatPointer(array.data().addressPointer());
  }

  private NativeBuffer(NativeBuffer whole, int offset, int length) {
    this.length = length;
    this.array = whole.array;
    this.floats = whole.floats.slice(offset, length);
    this.pointer = whole.at(offset);
  }

  /** A buffer of {@code n} ones, for column sums by {@code cblas_sgemv}. */
  static NativeBuffer ones(int n) {
    NativeBuffer ones = new NativeBuffer(n);
    for (int i = 0; i < n; i++) {
      ones.floats.put(i, 1f);
    }
    return ones;
  }

  /** Elements {@code [offset, offset + length)} of this buffer, sharing its memory. */
  NativeBuffer view(int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > this.length) {
      throw new IndexOutOfBoundsException(offset + " + " + length + " of " + this.length);
    }
    return new NativeBuffer(this, offset, length);
  }

  /** A pointer to element {@code offset}, for BLAS (create once, not per call). */
  FloatPointer at(int offset) {
    FloatPointer p = new FloatPointer(pointer);
    p.position(pointer.position() + offset);
    return p;
  }

  /** A heap copy of all values. */
  float[] toArray() {
    float[] out = new float[length];
    floats.get(0, out);
    return out;
  }

  /** Overwrites all values with {@code values}. */
  void set(float[] values) {
    floats.put(0, values, 0, length);
  }
}
