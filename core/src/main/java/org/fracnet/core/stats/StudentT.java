package org.fracnet.core.stats;

/**
 * Student's t distribution: two-sided tail probabilities and critical values. Written here rather
 * than taken from Commons Math so that core's consumers (every plugin author) do not get a 2 MB
 * library on their classpath for two functions.
 *
 * <p>P(|T| &gt; t) with d degrees of freedom is the regularized incomplete beta function
 * I_x(d/2, 1/2) at x = d / (d + t^2) (Abramowitz and Stegun 26.7.1 with 26.5.27); I_x is evaluated
 * by its continued fraction with the modified Lentz method (Press et al., Numerical Recipes, 3rd
 * ed., section 6.4), ln Gamma by Lanczos' approximation (g = 7, nine coefficients) and, for many
 * degrees of freedom, Stirling's series. Relative accuracy is 1e-10 or better for d up to 1e6,
 * checked against mpmath in the test.
 */
final class StudentT {
  private static final double EPS = 1e-15;
  private static final double TINY = 1e-300;
  private static final int MAX_ITERATIONS = 100_000;
  private static final double[] LANCZOS = {
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7};
  private static final double HALF_LN_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  private StudentT() {}

  /**
   * P(|T| &gt;= |t|) for T with {@code df} degrees of freedom: the two-sided p-value of t.
   *
   * @param t the statistic; infinite gives 0, NaN gives NaN
   * @param df degrees of freedom, positive
   */
  static double twoSidedP(double t, double df) {
    if (Double.isNaN(t) || !(df > 0)) {
      return Double.NaN;
    }
    if (Double.isInfinite(t)) {
      return 0;
    }
    // x and 1 - x each from its own quotient: 1 - x by subtraction loses digits when t is small.
    double sum = df + t * t;
    return regularizedBeta(df / sum, t * t / sum, df / 2, 0.5);
  }

  /**
   * The t with P(|T| &gt;= t) = 1 - level: a two-sided confidence interval at {@code level} is the
   * estimate plus or minus this many standard errors.
   *
   * @param level the confidence level, strictly between 0 and 1
   * @param df degrees of freedom, positive
   */
  static double criticalValue(double level, double df) {
    if (!(level > 0 && level < 1) || !(df > 0)) {
      throw new IllegalArgumentException("level " + level + " and df " + df);
    }
    double alpha = 1 - level;
    double lo = 0;
    double hi = 2;
    while (twoSidedP(hi, df) > alpha) {
      lo = hi;
      hi *= 2;
    }
    // twoSidedP falls monotonically in t: bisect to the last bit.
    while (hi - lo > 1e-14 * hi) {
      double mid = (lo + hi) / 2;
      if (mid == lo || mid == hi) {
        break;
      }
      if (twoSidedP(mid, df) > alpha) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  /**
   * I_x(a, b), the regularized incomplete beta function, for a, b positive and x in [0, 1].
   *
   * @param x the argument
   * @param y 1 - x, computed by the caller without cancellation
   * @param a the first shape
   * @param b the second shape
   */
  static double regularizedBeta(double x, double y, double a, double b) {
    if (x <= 0) {
      return 0;
    }
    if (y <= 0) {
      return 1;
    }
    // ln x from y when x is near 1: with a near 10^6, a ulp of x would cost six digits.
    double lnX = x > 0.5 ? Math.log1p(-y) : Math.log(x);
    double lnY = y > 0.5 ? Math.log1p(-x) : Math.log(y);
    double lnFront = a * lnX + b * lnY - lnBeta(a, b);
    if (x < (a + 1) / (a + b + 2)) {
      return Math.exp(lnFront) * continuedFraction(x, a, b) / a;
    }
    return 1 - Math.exp(lnFront) * continuedFraction(y, b, a) / b;
  }

  /**
   * ln B(a, b) = ln Gamma(a) + ln Gamma(b) - ln Gamma(a + b). When the larger argument is 100 or
   * more (many degrees of freedom), ln Gamma(a + b) - ln Gamma(a) is taken from Stirling's series
   * directly, since the difference of two ln Gamma values near 10^6 would lose nine digits.
   */
  static double lnBeta(double a, double b) {
    double big = Math.max(a, b);
    double small = Math.min(a, b);
    if (big < 100) {
      return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
    }
    double lnRatio = small * Math.log(big) + (big + small - 0.5) * Math.log1p(small / big) - small
        + stirlingRemainder(big + small) - stirlingRemainder(big);
    return lnGamma(small) - lnRatio;
  }

  /** ln Gamma(x) - ((x - 1/2) ln x - x + ln(2 pi) / 2) for x of 100 or more, to double precision. */
  private static double stirlingRemainder(double x) {
    double inv = 1 / x;
    double inv2 = inv * inv;
    return inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 / 1680)));
  }

  /** ln Gamma(x) for x positive. */
  static double lnGamma(double x) {
    if (x < 0.5) {
      // Reflection: Gamma(x) Gamma(1 - x) = pi / sin(pi x).
      return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
    }
    double z = x - 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (z + i);
    }
    double t = z + 7.5;
    return HALF_LN_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }

  /** The continued fraction of I_x(a, b), Numerical Recipes' betacf. */
  private static double continuedFraction(double x, double a, double b) {
    double qab = a + b;
    double qap = a + 1;
    double qam = a - 1;
    double c = 1;
    double d = nonZero(1 - qab * x / qap);
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= MAX_ITERATIONS; m++) {
      int m2 = 2 * m;
      double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
      d = 1 / nonZero(1 + aa * d);
      c = nonZero(1 + aa / c);
      h *= d * c;
      aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
      d = 1 / nonZero(1 + aa * d);
      c = nonZero(1 + aa / c);
      double step = d * c;
      h *= step;
      if (Math.abs(step - 1) < EPS) {
        return h;
      }
    }
    throw new ArithmeticException("incomplete beta did not converge for x " + x + ", a " + a + ", b " + b);
  }

  private static double nonZero(double v) {
    return Math.abs(v) < TINY ? TINY : v;
  }
}
