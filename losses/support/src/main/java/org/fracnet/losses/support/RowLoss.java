package org.fracnet.losses.support;

import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.Parameters;

/**
 * A loss that is a weighted mean of independent per-row losses: implements the batch loop, the
 * shape checks and the non-finite guard of {@link LossFunction}'s contract once, so that a loss
 * only writes {@link #row} and {@link #predictRow}.
 *
 * <p>The value is {@code sum_i w_i l_i / sum_i w_i}; {@link #row} receives {@code gradScale =
 * w_i / sum_i w} and writes {@code gradScale * d l_i / d z_i}. A non-finite entry of {@code z}
 * makes the value NaN (the guard adds {@code 0 * z} over the batch), even where the row formula
 * alone would be finite, e.g. a softmax of {@code -inf}.
 *
 * <p>Subclasses must be immutable; scratch space is allocated per call, so concurrent calls on
 * separate arrays are safe.
 */
public abstract class RowLoss implements LossFunction {
  private final String id;
  private final int classes;
  private final int outputs;
  private final Parameters resolved;

  /**
   * @param resolved the complete parameters, as {@link #resolvedParameters()} returns them
   */
  protected RowLoss(String id, int classes, int outputs, Parameters resolved) {
    this.id = id;
    this.classes = classes;
    this.outputs = outputs;
    this.resolved = resolved;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final int classes() {
    return classes;
  }

  @Override
  public final int outputs() {
    return outputs;
  }

  @Override
  public final Parameters resolvedParameters() {
    return resolved;
  }

  /** Per-thread scratch for {@link #row}, so a batch allocates nothing and threads share nothing. */
  private final ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[scratchSize()]);

  /** Doubles of scratch space {@link #row} needs; {@code 2 * outputs()} unless overridden. */
  protected int scratchSize() {
    return 2 * outputs;
  }

  @Override
  public final double valueAndGradient(int n, double[] z, double[] p, double[] w, double[] grad) {
    requireRows(n);
    checkShapes(n, z, p, w, grad);
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += w == null ? 1 : w[i];
    }
    double[] scratch = this.scratch.get();
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double wi = w == null ? 1 : w[i];
      sum += wi * row(z, i * outputs, p, i * classes, wi, grad, i * outputs, wi / total, scratch);
    }
    double guard = 0;
    for (int j = 0, len = n * outputs; j < len; j++) {
      guard += z[j] * 0.0; // NaN exactly when some z is NaN or infinite
    }
    return sum / total + guard;
  }

  /**
   * The loss of one row, and (when {@code grad != null}) {@code gradScale * d l / d z} written to
   * {@code grad[gOff .. gOff + outputs())}.
   *
   * @param rowWeight the row's weight {@code w_i} (1 when the batch has none)
   */
  protected abstract double row(
      double[] z, int zOff, double[] p, int pOff, double rowWeight,
      double[] grad, int gOff, double gradScale, double[] scratch);

  @Override
  public final void predict(int n, double[] z, double[] fractions) {
    requireRows(n);
    LossFunction.requireLength("z", z, (long) n * outputs);
    LossFunction.requireLength("fractions", fractions, (long) n * classes);
    for (int i = 0; i < n; i++) {
      predictRow(z, i * outputs, fractions, i * classes);
    }
  }

  /** Writes the predicted fractions of the row at {@code zOff} to {@code out[outOff ..]}. */
  protected abstract void predictRow(double[] z, int zOff, double[] out, int outOff);

  @Override
  public final void link(int n, double[] z, double[] fractions) {
    requireRows(n);
    LossFunction.requireLength("z", z, (long) n * outputs);
    LossFunction.requireLength("fractions", fractions, (long) n * classes);
    for (int i = 0; i < n; i++) {
      linkRow(z, i * outputs, fractions, i * classes);
    }
  }

  /**
   * Writes the link's fractions of the row at {@code zOff} (before any correction that
   * {@link #predictRow} applies); the default is {@link #predictRow}.
   */
  protected void linkRow(double[] z, int zOff, double[] out, int outOff) {
    predictRow(z, zOff, out, outOff);
  }

  private static void requireRows(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n = " + n + "; a batch needs at least one row");
    }
  }


  /** {@code id[key=value, ...]}, plus whatever {@link #notes()} adds. */
  @Override
  public String toString() {
    String notes = notes();
    return id + "[" + resolved + "]" + (notes.isEmpty() ? "" : ": " + notes);
  }

  /** Extra text for {@link #toString()}, e.g. why a loss is improper; empty by default. */
  protected String notes() {
    return "";
  }
}
