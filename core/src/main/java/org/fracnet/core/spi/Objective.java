package org.fracnet.core.spi;

/**
 * A smooth function of a flat parameter vector, to be minimised by a
 * {@link FullBatchOptimizer}, in double precision.
 *
 * <p>For training, the trainer's objective is the loss's weighted mean over all training rows
 * (see {@link LossFunction}) as a function of the network's parameters, laid out as in
 * {@link NetworkSpec#split} (per layer W then b, flattened).
 */
@FunctionalInterface
public interface Objective {
  /**
   * Computes {@code f(x)} and writes (not accumulates) its gradient {@code d f / d x} (not its
   * negative) into {@code grad}, which has {@code x.length} values.
   *
   * <p>Must not modify {@code x}. May return a non-finite value (NaN or infinity) where the
   * function is not defined or overflows; an optimizer then treats the point as worse than any
   * finite one and does not read {@code grad}.
   *
   * @return {@code f(x)}
   */
  double valueAndGradient(double[] x, double[] grad);
}
