package org.fracnet.losses.support;

import java.util.List;
import org.fracnet.core.FracnetException;
import org.fracnet.core.spi.Parameters;

/**
 * Typed parameter reads with range checks written so that NaN fails; every failure is a
 * {@link FracnetException} naming the key, the value and the accepted range.
 */
public final class ParameterValues {
  private ParameterValues() {}

  /**
   * A number in the interval from {@code lo} to {@code hi}, each end open or closed as given
   * ({@code Double.POSITIVE_INFINITY} for no upper end), or {@code fallback} when absent.
   */
  public static double number(
      Parameters params, String key, double fallback, double lo, boolean loClosed, double hi, boolean hiClosed) {
    double v = params.getDouble(key, fallback);
    boolean aboveLo = loClosed ? v >= lo : v > lo;
    boolean belowHi = hiClosed ? v <= hi : v < hi;
    if (!(aboveLo && belowHi)) {
      String range = (loClosed ? "[" : "(") + lo + ", " + (hi == Double.POSITIVE_INFINITY ? "inf" : hi)
          + (hiClosed ? "]" : ")");
      throw params.invalid(key, params.getString(key, Double.toString(fallback)), "a number in " + range);
    }
    return v;
  }

  /** One of {@code accepted}, or {@code fallback} when absent. */
  public static String choice(Parameters params, String key, String fallback, List<String> accepted) {
    String text = params.getString(key, fallback);
    if (!accepted.contains(text)) {
      throw params.invalid(key, text, "one of " + String.join(", ", accepted));
    }
    return text;
  }
}
