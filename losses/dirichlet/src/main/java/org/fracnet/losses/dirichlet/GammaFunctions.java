package org.fracnet.losses.dirichlet;

import org.apache.commons.math3.special.Gamma;

/**
 * Log-gamma and digamma in the forms the Dirichlet loss needs to stay accurate for tiny and huge
 * concentrations: each is split into a closed-form Stirling part and a small remainder, and the
 * functions of tiny arguments take {@code log x}, so that {@code x = exp(log x)} may underflow.
 *
 * <ul>
 *   <li>{@code h(x) = lgamma(x) - (x - 1/2) log x + x} (tends to {@code log(2 pi) / 2});</li>
 *   <li>{@code dml(x) = digamma(x) - log x} (tends to {@code -1 / (2x)}).</li>
 * </ul>
 * For {@code x >= 20} both use their asymptotic series (truncation below 1e-17 relative); below,
 * {@code h} uses Commons Math's {@link Gamma#logGamma} and {@code dml} the recurrence
 * {@code digamma(x) = digamma(x + 1) - 1/x}. Commons Math's own {@code digamma} is not used: it is
 * off by about 3e-9 near 1, too much for a 1e-9 known-answer test.
 */
final class GammaFunctions {
  /** Euler-Mascheroni constant. */
  static final double EULER = 0.57721566490153286061;
  private static final double HALF_LOG_2PI = 0.91893853320467274178;
  private static final double ASYMPTOTIC = 20;
  /** Below exp(-40) the first-order expansions at 0 are exact to double precision. */
  private static final double TINY_LOG = -40;

  private GammaFunctions() {}

  /** The digamma function for {@code x > 0}; NaN for NaN, +inf for +inf, -inf at 0. */
  static double digamma(double x) {
    return Math.log(x) + dml(x);
  }

  /** {@code lgamma(x)} for {@code x > 0}. */
  static double logGamma(double x) {
    double logX = Math.log(x);
    return (x - 0.5) * logX - x + h(logX);
  }

  /** {@code digamma(x) - log x}, for {@code x > 0}. */
  static double dml(double x) {
    if (x >= ASYMPTOTIC) {
      return dmlSeries(x);
    }
    if (!(x > 0)) {
      return x == 0 ? Double.NEGATIVE_INFINITY : Double.NaN;
    }
    // digamma(x) = digamma(x + n) - sum_{i < n} 1 / (x + i), with x + n >= 20
    double shifted = x;
    double reciprocals = 0;
    while (shifted < ASYMPTOTIC) {
      reciprocals += 1 / shifted;
      shifted += 1;
    }
    return (Math.log(shifted / x) + dmlSeries(shifted)) - reciprocals;
  }

  private static double dmlSeries(double x) {
    double r = 1 / (x * x);
    // -1/(2x) - sum B_2n / (2n x^2n), n = 1..5
    return -0.5 / x
        - r * (1.0 / 12 - r * (1.0 / 120 - r * (1.0 / 252 - r * (1.0 / 240 - r * (1.0 / 132)))));
  }

  /** {@code x * dml(x)} from {@code log x}: finite (about -1) even where {@code x} underflows. */
  static double xDml(double logX) {
    double x = Math.exp(logX);
    if (logX < TINY_LOG) {
      // digamma(x) = -1/x - EULER + O(x): x * (digamma(x) - log x) = -1 - x (EULER + log x)
      return -1 - x * (EULER + logX);
    }
    return x * dml(x);
  }

  /** {@code h(x) = lgamma(x) - (x - 1/2) log x + x} from {@code log x}. */
  static double h(double logX) {
    double x = Math.exp(logX);
    if (x >= ASYMPTOTIC) {
      double r = 1 / (x * x);
      // Stirling: 1/(12x) - 1/(360x^3) + 1/(1260x^5) - 1/(1680x^7) + 1/(1188x^9)
      return HALF_LOG_2PI
          + (1.0 / 12 - r * (1.0 / 360 - r * (1.0 / 1260 - r * (1.0 / 1680 - r * (1.0 / 1188))))) / x;
    }
    if (logX < TINY_LOG) {
      // lgamma(x) = -log x - EULER x + O(x^2)
      return -0.5 * logX - x * logX + x * (1 - EULER);
    }
    if (!(x > 0)) {
      return Double.NaN;
    }
    return Gamma.logGamma(x) - (x - 0.5) * logX + x;
  }
}
