package org.fracnet.core.optim;

import java.nio.FloatBuffer;
import org.fracnet.core.spi.ElementwiseOptimizer;

/**
 * The walk that the bundled element-wise optimizers share: a range is updated block by block,
 * each block of parameters and gradient copied into heap arrays at the same indices as in the
 * buffers (so that every array in the update loop shares one index and C2 vectorises it; it does
 * not vectorise loops over direct buffers; docs/performance.md, "Element-wise loops and the thread
 * team"), updated by {@link #update}, and the parameters copied back while
 * the block is still in the cache. Disjoint ranges touch disjoint parts of the heap copies, so
 * {@link #stepRange} may run on several threads as {@link ElementwiseOptimizer} allows.
 */
abstract class BlockwiseOptimizer implements ElementwiseOptimizer {
  /** Values per block: 64 KiB of floats per array, so the arrays of a block stay in the L2 cache. */
  static final int BLOCK = 16384;

  /** Heap copies of parameters and gradient, filled block by block. */
  private final float[] p;
  private final float[] g;

  BlockwiseOptimizer(int parameterCount) {
    this.p = new float[parameterCount];
    this.g = new float[parameterCount];
  }

  @Override
  public final int parameterCount() {
    return p.length;
  }

  @Override
  public final void stepRange(FloatBuffer parameters, FloatBuffer gradient, int from, int to) {
    for (int start = from; start < to; start += BLOCK) {
      int end = Math.min(start + BLOCK, to);
      parameters.get(start, p, start, end - start);
      gradient.get(start, g, start, end - start);
      update(p, g, start, end);
      parameters.put(start, p, start, end - start);
    }
  }

  /**
   * Applies the begun step to {@code p[start .. end)} in place, from {@code g} at the same
   * indices and the optimizer's own state at the same indices.
   */
  abstract void update(float[] p, float[] g, int start, int end);
}
