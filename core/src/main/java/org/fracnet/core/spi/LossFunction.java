package org.fracnet.core.spi;

/**
 * A loss over a batch of raw network outputs, its gradient, and the link from raw outputs to
 * predicted fractions.
 *
 * <h2>Shapes</h2>
 * All arrays are row-major and start at index 0. A batch has {@code n} rows; {@code k =
 * classes()} target fractions per row; {@code m = outputs()} raw outputs per row ({@code m = k}
 * for most losses, {@code k + 1} for a mean-precision head).
 * <ul>
 *   <li>{@code z}: n x m raw outputs;</li>
 *   <li>{@code p}: n x k target fractions, each row non-negative and summing to 1;</li>
 *   <li>{@code w}: n positive row weights, or {@code null} meaning all ones;</li>
 *   <li>{@code grad}: n x m, written (not accumulated) by the loss, or {@code null} when only
 *       the value is wanted.</li>
 * </ul>
 *
 * <h2>Reduction and sign</h2>
 * The value is the weighted mean {@code sum_i w_i l_i / sum_i w_i} of the per-row losses, and
 * {@code grad} is its derivative {@code d value / d z} (not its negative), so a batch of
 * duplicated rows gives the same value as the rows once, and weights of one equal no weights.
 *
 * <h2>Inputs</h2>
 * A loss never modifies {@code z}, {@code p} or {@code w}. On an array shorter than its shape, in
 * any method, it throws {@link IllegalArgumentException} naming the array and both sizes:
 * {@link #valueAndGradient} calls {@link #checkShapes} on {@code z}, {@code p}, {@code w} and
 * {@code grad}; {@link #predict}, and {@link #link} when overridden, call {@link #requireLength}
 * on {@code z} (n x m) and {@code fractions} (n x k), which {@code checkShapes} does not cover.
 * The contract kit's {@code shape-mismatch-throws-illegal-argument} check gives
 * {@code valueAndGradient} a {@code z}, {@code p}, {@code w} or {@code grad}, and {@code predict}
 * a {@code z} or {@code fractions}, one value short, and requires each call to throw an
 * {@code IllegalArgumentException} whose message contains that array's name as a word. On a
 * non-finite {@code z} a loss returns a non-finite value (NaN or infinity), which the trainer
 * reports; it does not throw.
 *
 * <h2>Threads</h2>
 * A loss is immutable and thread-safe: several threads may call it at once on separate arrays.
 */
public interface LossFunction {
  /** The id of the provider that created this loss. */
  String id();

  /** Number of classes K. */
  int classes();

  /** Raw outputs per row M that the network must produce. */
  default int outputs() {
    return classes();
  }

  /**
   * The complete parameters of this loss, including data-dependent values chosen by the provider
   * (e.g. computed class weights); stored with a model to recreate the loss.
   */
  Parameters resolvedParameters();

  /**
   * Computes the weighted mean loss of the batch and, when {@code grad != null}, its gradient
   * with respect to {@code z}.
   *
   * @return the weighted mean loss
   */
  double valueAndGradient(int n, double[] z, double[] p, double[] w, double[] grad);

  /**
   * Maps raw outputs {@code z} (n x m) to predicted fractions {@code fractions} (n x k): what a
   * fitted model reports, including any correction the loss needs (such as cross-entropy's
   * de-biasing under class weights).
   */
  void predict(int n, double[] z, double[] fractions);

  /**
   * The link alone: maps raw outputs {@code z} (n x m) to the fractions the loss value is computed
   * on (e.g. {@code softmax(z)}), before any correction {@link #predict} applies. Reference values
   * ({@code pred} in the reference files) are compared with this. The default is
   * {@link #predict}, right for every loss whose predictions are its link.
   */
  default void link(int n, double[] z, double[] fractions) {
    predict(n, z, fractions);
  }

  /**
   * Whether the expected loss is minimised when the predicted fractions equal the targets (a
   * proper scoring rule). An improper loss (e.g. class-weighted cross-entropy used without
   * de-biasing) returns {@code false} and says why in its {@code toString()}.
   */
  default boolean isProper() {
    return true;
  }

  /**
   * The raw outputs (m values) of the constant prediction training starts from, given the
   * training targets' statistics: the trainer sets the last layer's biases to them (its weights
   * start small and random), so the first prediction is already the best constant one rather
   * than uniform fractions. For a softmax link that is the centred log of the class means,
   * {@link TargetStatistics#centredLogMeans()}. A loss that keeps the default starts from uniform
   * fractions and, where classes are unequal, needs epochs to reach what the bundled losses start
   * from.
   *
   * @return m raw outputs, or {@code null} (the default) to start the biases at zero
   */
  default double[] initialOutputs(TargetStatistics statistics) {
    return null;
  }

  /** Convenience: the value alone. */
  default double value(int n, double[] z, double[] p, double[] w) {
    return valueAndGradient(n, z, p, w, null);
  }

  /** Checks the array lengths for a batch of {@code n} rows; for implementations. */
  default void checkShapes(int n, double[] z, double[] p, double[] w, double[] grad) {
    int m = outputs();
    int k = classes();
    requireLength("z", z, (long) n * m);
    requireLength("p", p, (long) n * k);
    if (w != null) {
      requireLength("w", w, n);
    }
    if (grad != null) {
      requireLength("grad", grad, (long) n * m);
    }
  }

  /**
   * Throws {@link IllegalArgumentException} naming {@code name} when {@code array} is null or
   * shorter than {@code needed}; for implementations.
   */
  static void requireLength(String name, double[] array, long needed) {
    if (array == null) {
      throw new IllegalArgumentException(name + " is null; expected " + needed + " values");
    }
    if (array.length < needed) {
      throw new IllegalArgumentException(
          name + " has " + array.length + " values; the batch needs " + needed);
    }
  }
}
