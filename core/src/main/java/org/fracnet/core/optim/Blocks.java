package org.fracnet.core.optim;

/**
 * How the element-wise optimizers walk a range: block by block, each block of parameters and
 * gradient copied into heap arrays (at the same indices as in the buffers, so that every array in
 * the update loop shares one index and C2 vectorises it), updated, and the parameters copied back
 * while the block is still in the cache.
 */
final class Blocks {
  /** Values per block: 64 KiB of floats per array, so the arrays of a block stay in the L2 cache. */
  static final int SIZE = 16384;

  private Blocks() {}
}
