package org.fracnet.core.optim;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** Direct buffers like the trainer's, with a position that must be ignored. */
final class OptimizerTestSupport {
  private OptimizerTestSupport() {}

  static FloatBuffer direct(float... values) {
    FloatBuffer b = ByteBuffer.allocateDirect(4 * values.length).order(ByteOrder.nativeOrder())
        .asFloatBuffer();
    b.put(values);
    // position is now at the end: Optimizer.step must use absolute indexing
    return b;
  }

  static float[] toArray(FloatBuffer b) {
    float[] out = new float[b.capacity()];
    b.get(0, out);
    return out;
  }
}
