package org.fracnet.core.spi;

/**
 * A loss over a fixed set of rows as an {@link Objective} of the flat network parameters, opened by
 * {@link Trainer#fullBatch}: the loss's weighted mean and its gradient, in double precision. It
 * may hold threads; close it.
 */
public interface DataObjective extends Objective, AutoCloseable {
  /** The loss alone at {@code x} (e.g. of validation rows). */
  double value(double[] x);

  /** Calls of {@link #valueAndGradient} so far. */
  int evaluations();

  @Override
  void close();
}
