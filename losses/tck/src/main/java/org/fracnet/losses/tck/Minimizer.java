package org.fracnet.losses.tck;

/**
 * A small BFGS minimiser with Armijo backtracking, for the few-dimensional problems of the
 * propriety check (one shared raw-output vector for a set of targets). Deterministic.
 */
final class Minimizer {
  /** A smooth function: writes the gradient at {@code x} and returns the value. */
  interface Objective {
    double valueAndGradient(double[] x, double[] grad);
  }

  /** Where the minimiser stopped: {@code converged} when the gradient met the tolerance. */
  record Result(double[] x, double value, double gradientNorm, int iterations, boolean converged) {}

  /**
   * Where no step decreases {@code f} any more, the gradient is accepted up to this (relative to
   * {@code max(1, |f|)}): a decrease of {@code g^2 / (2 curvature)} is then below the rounding of f.
   */
  static final double STALL_TOLERANCE = 1e-6;

  /** The largest change of one coordinate in one step. */
  static final double MAX_STEP = 1;

  private Minimizer() {}

  /**
   * Minimises {@code f} from {@code start}; converged when {@code max |grad| <= tolerance * max(1, |f|)},
   * or when no step decreases {@code f} and the gradient is within {@link #STALL_TOLERANCE}.
   */
  static Result minimize(Objective f, double[] start, double tolerance, int maxIterations) {
    int d = start.length;
    double[] x = start.clone();
    double[] g = new double[d];
    double fx = f.valueAndGradient(x, g);
    double[][] h = identity(d, 1);
    double[] xNew = new double[d];
    double[] gNew = new double[d];
    boolean restarted = false;
    for (int iter = 0; iter < maxIterations; iter++) {
      double gNorm = maxAbs(g);
      if (!Double.isFinite(fx) || gNorm <= tolerance * Math.max(1, Math.abs(fx))) {
        return new Result(x, fx, gNorm, iter, Double.isFinite(fx));
      }
      double[] dir = new double[d];
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          dir[i] -= h[i][j] * g[j];
        }
      }
      double slope = dot(dir, g);
      if (!(slope < 0)) { // not a descent direction: restart from steepest descent
        h = identity(d, 1);
        for (int i = 0; i < d; i++) {
          dir[i] = -g[i];
        }
        slope = -dot(g, g);
      }
      // at most a unit change of any coordinate per step: a softmax saturates beyond a few units,
      // and a saturated class has a vanishing gradient (a false stationary point)
      double longest = maxAbs(dir);
      if (longest > MAX_STEP) {
        for (int i = 0; i < d; i++) {
          dir[i] *= MAX_STEP / longest;
        }
        slope *= MAX_STEP / longest;
      }
      double step = 1;
      double fNew = Double.NaN;
      boolean accepted = false;
      for (int tries = 0; tries < 60; tries++) {
        for (int i = 0; i < d; i++) {
          xNew[i] = x[i] + step * dir[i];
        }
        fNew = f.valueAndGradient(xNew, gNew);
        if (fNew < fx && fNew - fx <= 1e-4 * step * slope) {
          accepted = true;
          break;
        }
        step *= 0.5;
      }
      if (!accepted) {
        if (!restarted) { // retry once along the steepest descent
          h = identity(d, 1 / Math.max(1, gNorm));
          restarted = true;
          continue;
        }
        // f cannot be decreased in double precision: converged if the gradient is at that level
        return new Result(x, fx, gNorm, iter, gNorm <= STALL_TOLERANCE * Math.max(1, Math.abs(fx)));
      }
      restarted = false;
      double[] s = new double[d];
      double[] y = new double[d];
      for (int i = 0; i < d; i++) {
        s[i] = xNew[i] - x[i];
        y[i] = gNew[i] - g[i];
      }
      double sy = dot(s, y);
      if (sy > 1e-300) {
        if (iter == 0) {
          h = identity(d, sy / dot(y, y));
        }
        update(h, s, y, sy);
      }
      System.arraycopy(xNew, 0, x, 0, d);
      System.arraycopy(gNew, 0, g, 0, d);
      fx = fNew;
    }
    double gNorm = maxAbs(g);
    return new Result(x, fx, gNorm, maxIterations, gNorm <= tolerance * Math.max(1, Math.abs(fx)));
  }

  /** The BFGS update of the inverse Hessian {@code h}. */
  private static void update(double[][] h, double[] s, double[] y, double sy) {
    int d = s.length;
    double[] hy = new double[d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        hy[i] += h[i][j] * y[j];
      }
    }
    double yhy = dot(y, hy);
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        h[i][j] += ((sy + yhy) * s[i] * s[j]) / (sy * sy) - (hy[i] * s[j] + s[i] * hy[j]) / sy;
      }
    }
  }

  private static double[][] identity(int d, double scale) {
    double[][] m = new double[d][d];
    for (int i = 0; i < d; i++) {
      m[i][i] = scale;
    }
    return m;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
