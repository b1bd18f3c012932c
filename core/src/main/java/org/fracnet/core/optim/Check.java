package org.fracnet.core.optim;

import org.fracnet.core.FracnetException;
import org.fracnet.core.spi.Parameters;

/**
 * Reads and range-checks optimizer parameters. Every check is written so that NaN fails, and
 * every failure is a {@link FracnetException} naming the owner, key, value and accepted range.
 */
final class Check {
  private Check() {}

  /** A value in {@code [0, max)} ({@code max} exclusive), or {@code fallback}. */
  static double inRange(Parameters parameters, String key, double fallback, double max) {
    double v = parameters.getDouble(key, fallback);
    if (!(v >= 0 && v < max)) {
      throw parameters.invalid(key, parameters.getString(key, String.valueOf(v)),
          "a number in [0, " + format(max) + ")");
    }
    return v;
  }

  /** A value {@code >= 0}, or {@code fallback}. */
  static double nonNegative(Parameters parameters, String key, double fallback) {
    double v = parameters.getDouble(key, fallback);
    if (!(v >= 0)) {
      throw parameters.invalid(key, parameters.getString(key, String.valueOf(v)), "a number >= 0");
    }
    return v;
  }

  /** A value {@code > 0}, or {@code fallback}. */
  static double positive(Parameters parameters, String key, double fallback) {
    double v = parameters.getDouble(key, fallback);
    if (!(v > 0)) {
      throw parameters.invalid(key, parameters.getString(key, String.valueOf(v)), "a number > 0");
    }
    return v;
  }

  /** An integer {@code >= min}, or {@code fallback}. */
  static int intAtLeast(Parameters parameters, String key, int fallback, int min) {
    int v = parameters.getInt(key, fallback);
    if (v < min) {
      throw parameters.invalid(key, parameters.getString(key, String.valueOf(v)),
          "an integer >= " + min);
    }
    return v;
  }

  /** A parameter count of at least 1. */
  static void parameterCount(String owner, int parameterCount) {
    if (parameterCount < 1) {
      throw new IllegalArgumentException(
          owner + " needs at least one parameter to optimise, got " + parameterCount);
    }
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }
}
