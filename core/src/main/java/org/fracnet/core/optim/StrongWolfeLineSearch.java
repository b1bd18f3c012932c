package org.fracnet.core.optim;

import org.fracnet.core.spi.Objective;

/**
 * A line search for {@code phi(a) = f(x + a d)} along a descent direction {@code d}: the
 * bracketing phase and the zoom phase of Nocedal and Wright, <i>Numerical Optimization</i>, 2nd
 * ed., Algorithms 3.5 and 3.6, with safeguarded cubic interpolation (their equation 3.59).
 *
 * <p>It looks for a step {@code a > 0} satisfying the strong Wolfe conditions
 *
 * <pre>
 *   phi(a) <= phi(0) + C1 a phi'(0)          (sufficient decrease, Armijo)
 *   |phi'(a)| <= C2 |phi'(0)|                (curvature)
 * </pre>
 *
 * with {@code C1 = 1e-4}, {@code C2 = 0.9}. Safeguards: each interpolated trial lies at least a
 * tenth of the bracket away from its ends (else the midpoint is taken); a non-finite
 * {@code phi(a)} or gradient counts as a failed sufficient-decrease test (the step is shortened);
 * close to a minimum, where rounding hides the decrease of {@code f}, sufficient decrease is
 * judged from the derivative (see {@link #sufficientDecrease}); at most
 * {@link #MAX_EVALUATIONS} evaluations per search. When the budget runs out or the bracket
 * collapses, the best step found that satisfies the sufficient-decrease condition alone is
 * accepted ({@link #strongWolfe()} is then {@code false}); if there is none, the search fails.
 *
 * <p>Not thread-safe; one instance serves one optimizer run and reuses its buffers.
 */
final class StrongWolfeLineSearch {
  static final double C1 = 1e-4;
  static final double C2 = 0.9;
  static final int MAX_EVALUATIONS = 30;
  private static final double EXTRAPOLATION = 4;
  /** Relative change of {@code f} below which its decrease is judged by the derivative. */
  static final double ROUNDING = 1e-12;

  private final Objective objective;
  private final int n;
  // the latest trial point
  private final double[] xTrial;
  private final double[] gTrial;
  // the best point so far that satisfies sufficient decrease ("lo" in Nocedal and Wright)
  private final double[] xLo;
  private final double[] gLo;

  private double[] x0;
  private double[] d;
  private double phi0;
  private double dphi0;
  private int evaluations;

  private double aLo;
  private double phiLo;
  private double dphiLo;
  private double aHi;
  private double phiHi;
  private double dphiHi;

  // outcome
  private double[] xAccepted;
  private double[] gAccepted;
  private double step;
  private double value;
  private boolean strongWolfe;

  StrongWolfeLineSearch(Objective objective, int n) {
    this.objective = objective;
    this.n = n;
    this.xTrial = new double[n];
    this.gTrial = new double[n];
    this.xLo = new double[n];
    this.gLo = new double[n];
  }

  /**
   * Searches along {@code d} from {@code x}.
   *
   * @param f0 {@code f(x)}
   * @param dphi0 {@code g(x) . d}, negative
   * @param initialStep the first trial step, positive
   * @return whether a step decreasing the objective was found; then {@link #x()}, {@link #g()},
   *     {@link #value()} describe the new point
   */
  boolean search(double[] x, double f0, double[] d, double dphi0, double initialStep) {
    if (!(dphi0 < 0)) {
      throw new IllegalArgumentException("not a descent direction: g . d = " + dphi0);
    }
    this.x0 = x;
    this.d = d;
    this.phi0 = f0;
    this.dphi0 = dphi0;
    this.evaluations = 0;
    this.xAccepted = null;
    this.gAccepted = null;
    this.strongWolfe = false;
    setLoToStart();

    double aPrev = 0;
    double phiPrev = f0;
    double dphiPrev = dphi0;
    double a = initialStep;
    for (int i = 0; evaluations < MAX_EVALUATIONS; i++) {
      double phi = evaluate(a);
      double dphi = dot(gTrial, d);
      if (!sufficientDecrease(a, phi, dphi) || (i > 0 && phi >= phiPrev + noise())) {
        // (aPrev, a) brackets a step satisfying the strong Wolfe conditions; lo is aPrev
        return zoom(a, phi, dphi);
      }
      if (Math.abs(dphi) <= -C2 * dphi0) {
        return accept(a, phi, xTrial, gTrial, true);
      }
      if (dphi >= 0) {
        // the minimum lies between a and aPrev; a becomes lo, aPrev hi
        double hi = aPrev;
        double phiHiValue = phiPrev;
        double dphiHiValue = dphiPrev;
        setLoToTrial(a, phi, dphi);
        return zoom(hi, phiHiValue, dphiHiValue);
      }
      setLoToTrial(a, phi, dphi);
      aPrev = a;
      phiPrev = phi;
      dphiPrev = dphi;
      a = a * EXTRAPOLATION;
    }
    return acceptLoIfAny();
  }

  /** Nocedal and Wright's zoom between the current lo and {@code hi}. */
  private boolean zoom(double hi, double phiHiValue, double dphiHiValue) {
    aHi = hi;
    phiHi = phiHiValue;
    dphiHi = dphiHiValue;
    while (evaluations < MAX_EVALUATIONS) {
      double width = Math.abs(aHi - aLo);
      if (!(width > 1e-12 * Math.max(aLo, aHi))) {
        break; // the bracket has collapsed to rounding
      }
      double a = interpolate();
      double phi = evaluate(a);
      double dphi = dot(gTrial, d);
      if (!sufficientDecrease(a, phi, dphi) || phi > phiLo + noise()) {
        aHi = a;
        phiHi = phi;
        dphiHi = dphi;
      } else {
        if (Math.abs(dphi) <= -C2 * dphi0) {
          return accept(a, phi, xTrial, gTrial, true);
        }
        if (dphi * (aHi - aLo) >= 0) {
          aHi = aLo;
          phiHi = phiLo;
          dphiHi = dphiLo;
        }
        setLoToTrial(a, phi, dphi);
      }
    }
    return acceptLoIfAny();
  }

  /**
   * The minimiser of the cubic through (aLo, phiLo, dphiLo) and (aHi, phiHi, dphiHi), kept at
   * least a tenth of the bracket from its ends; the midpoint when the cubic is unusable.
   */
  private double interpolate() {
    double lower = Math.min(aLo, aHi);
    double upper = Math.max(aLo, aHi);
    double margin = 0.1 * (upper - lower);
    double mid = 0.5 * (aLo + aHi);
    if (!Double.isFinite(phiHi) || !Double.isFinite(dphiHi)) {
      return mid;
    }
    double d1 = dphiLo + dphiHi - 3 * (phiLo - phiHi) / (aLo - aHi);
    double radicand = d1 * d1 - dphiLo * dphiHi;
    if (!(radicand >= 0)) {
      return mid;
    }
    double d2 = Math.signum(aHi - aLo) * Math.sqrt(radicand);
    double a = aHi - (aHi - aLo) * (dphiHi + d2 - d1) / (dphiHi - dphiLo + 2 * d2);
    if (!(a >= lower + margin && a <= upper - margin)) {
      return mid;
    }
    return a;
  }

  /**
   * The Armijo test; or, where rounding hides the decrease of {@code f} (the value is within
   * {@link #ROUNDING} of {@code phi(0)}, relatively), its derivative form
   * {@code phi'(a) <= (2 C1 - 1) phi'(0)}, which is exact for a quadratic: the approximate Wolfe
   * condition of Hager and Zhang (SIAM J. Optim. 16, 2005).
   */
  private boolean sufficientDecrease(double a, double phi, double dphi) {
    if (phi <= phi0 + C1 * a * dphi0) {
      return true; // false for NaN
    }
    return phi <= phi0 + noise() && dphi <= (2 * C1 - 1) * dphi0;
  }

  /**
   * Differences of {@code f} up to this size are taken as rounding: where values differ by less,
   * comparisons of points (is the trial better than lo?) are left to the derivative tests.
   */
  private double noise() {
    return ROUNDING * Math.abs(phi0);
  }

  private double evaluate(double a) {
    for (int i = 0; i < n; i++) {
      xTrial[i] = x0[i] + a * d[i];
    }
    evaluations++;
    double v = objective.valueAndGradient(xTrial, gTrial);
    return Double.isFinite(v) && Double.isFinite(dot(gTrial, d)) ? v : Double.NaN;
  }

  private void setLoToStart() {
    aLo = 0;
    phiLo = phi0;
    dphiLo = dphi0;
  }

  private void setLoToTrial(double a, double phi, double dphi) {
    aLo = a;
    phiLo = phi;
    dphiLo = dphi;
    System.arraycopy(xTrial, 0, xLo, 0, n);
    System.arraycopy(gTrial, 0, gLo, 0, n);
  }

  private boolean acceptLoIfAny() {
    if (aLo > 0) {
      return accept(aLo, phiLo, xLo, gLo, false);
    }
    return false;
  }

  private boolean accept(double a, double phi, double[] x, double[] g, boolean wolfe) {
    step = a;
    value = phi;
    xAccepted = x;
    gAccepted = g;
    strongWolfe = wolfe;
    return true;
  }

  /** The accepted point (a buffer of this search; valid until the next search). */
  double[] x() {
    return xAccepted;
  }

  /** The gradient at the accepted point (a buffer of this search). */
  double[] g() {
    return gAccepted;
  }

  /** The objective at the accepted point. */
  double value() {
    return value;
  }

  /** The accepted step length. */
  double step() {
    return step;
  }

  /** Whether the accepted step satisfies both strong Wolfe conditions. */
  boolean strongWolfe() {
    return strongWolfe;
  }

  /** Objective evaluations of the last search. */
  int evaluations() {
    return evaluations;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
