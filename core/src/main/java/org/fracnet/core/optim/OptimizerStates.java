package org.fracnet.core.optim;

import org.fracnet.core.FracnetException;
import org.fracnet.core.spi.OptimizerState;

/** Restoring optimizer state arrays from a checkpoint. */
final class OptimizerStates {
  private OptimizerStates() {}

  /** Copies the state array {@code name} into {@code target}, checking that it exists and fits. */
  static void copy(OptimizerState state, String name, float[] target, String optimizer) {
    float[] saved = state.arrays().get(name);
    if (saved == null || saved.length != target.length) {
      throw new FracnetException("the checkpoint's optimizer state does not fit " + optimizer + ": "
          + (saved == null ? "it has no '" + name + "'" : "'" + name + "' has " + saved.length
          + " values for " + target.length + " parameters") + "; resume with the same optimizer and network");
    }
    System.arraycopy(saved, 0, target, 0, target.length);
  }
}
