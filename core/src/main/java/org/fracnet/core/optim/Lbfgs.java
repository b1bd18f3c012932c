package org.fracnet.core.optim;

import org.fracnet.core.spi.FullBatchOptimizer;
import org.fracnet.core.spi.Objective;

/**
 * Limited-memory BFGS (Liu and Nocedal 1989; Nocedal and Wright, <i>Numerical Optimization</i>,
 * 2nd ed., Algorithm 7.4 and 7.5) for smooth unconstrained minimisation in double precision.
 *
 * <p>Each iteration computes the direction {@code d = -H g} by the two-loop recursion over the
 * last {@code history} pairs {@code s = x_new - x}, {@code y = g_new - g}, with the initial
 * matrix {@code H0 = (s.y / y.y) I} of the newest pair, then takes a step along {@code d} found
 * by {@link StrongWolfeLineSearch}. The first trial step is 1; with an empty memory it is
 * {@code 1 / |d|} (a step of length one), or after a reset the last pair's {@code s.y / y.y}. A
 * pair is stored only when {@code s.y > 1e-10 y.y}, which keeps the implied inverse Hessian
 * positive definite (always true after a strong Wolfe step; the check guards steps that satisfy
 * sufficient decrease only). When {@code d} is not a descent direction, or a line search fails,
 * the memory is cleared and the iteration retried along {@code -g}; a failure along {@code -g}
 * ends the run with {@link Stop#NO_PROGRESS}.
 *
 * <p>With {@code weight-decay} {@code lambda > 0} the minimised function is
 * {@code f(x) + lambda / 2 |x|^2} (all parameters, biases included), and values and gradient
 * norms reported are those of the penalised function. The gradient norm for the stopping test is
 * the Euclidean (2-) norm. Not thread-safe.
 */
final class Lbfgs implements FullBatchOptimizer {
  /** The smallest {@code s.y / y.y} for which a pair is stored. */
  private static final double CURVATURE = 1e-10;
  private final int history;
  private final double tolerance;
  private final int maxIterations;
  private final double weightDecay;

  /**
   * @param history pairs kept, at least 1
   * @param tolerance gradient 2-norm for convergence, positive
   * @param maxIterations an iteration limit overriding the caller's, or 0 to use the caller's
   * @param weightDecay {@code lambda >= 0}: minimise {@code f(x) + lambda / 2 |x|^2}
   */
  Lbfgs(int history, double tolerance, int maxIterations, double weightDecay) {
    this.history = history;
    this.tolerance = tolerance;
    this.maxIterations = maxIterations;
    this.weightDecay = weightDecay;
  }

  @Override
  public double tolerance() {
    return tolerance;
  }

  @Override
  public int iterationLimit(int requested) {
    return maxIterations > 0 ? maxIterations : requested;
  }

  @Override
  public Result minimise(Objective loss, double[] x, int callerMaxIterations,
      Listener listener) {
    Objective objective = weightDecay == 0 ? loss : (point, grad) -> {
      double value = loss.valueAndGradient(point, grad);
      double squares = 0;
      for (int i = 0; i < point.length; i++) {
        squares += point[i] * point[i];
        grad[i] += weightDecay * point[i];
      }
      return value + 0.5 * weightDecay * squares;
    };
    if (callerMaxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1, got " + callerMaxIterations);
    }
    int limit = iterationLimit(callerMaxIterations);
    int n = x.length;
    double[] g = new double[n];
    double[] d = new double[n];
    double[][] s = new double[history][n];
    double[][] y = new double[history][n];
    double[] rho = new double[history];
    double[] alpha = new double[history];
    int stored = 0;
    int newest = -1;

    int evaluations = 1;
    double fx = objective.valueAndGradient(x, g);
    double gnorm = norm(g);
    if (!Double.isFinite(fx) || !Double.isFinite(gnorm)) {
      return new Result(Stop.NOT_FINITE, 0, evaluations, fx, gnorm);
    }
    if (gnorm <= tolerance) {
      return new Result(Stop.CONVERGED, 0, evaluations, fx, gnorm);
    }
    StrongWolfeLineSearch search = new StrongWolfeLineSearch(objective, n);
    int iteration = 0;
    double scale = Double.NaN; // s.y / y.y of the newest pair ever stored
    while (iteration < limit) {
      direction(g, d, s, y, rho, alpha, stored, newest);
      double dg = StrongWolfeLineSearch.dot(d, g);
      if (!(dg < 0)) {
        stored = 0;
        direction(g, d, s, y, rho, alpha, 0, newest);
        dg = -gnorm * gnorm;
      }
      // with no pairs, d = -g: start with a step of length one, or after a reset with the
      // curvature scale learnt so far
      double firstStep = stored > 0 ? 1 : Double.isNaN(scale) ? 1 / norm(d) : scale;
      boolean moved = search.search(x, fx, d, dg, firstStep);
      evaluations += search.evaluations();
      if (!moved) {
        if (stored > 0) {
          stored = 0; // forget the curvature pairs and retry along -g
          continue;
        }
        return new Result(Stop.NO_PROGRESS, iteration, evaluations, fx, gnorm);
      }
      double[] xNew = search.x();
      double[] gNew = search.g();
      double sy = 0;
      double yy = 0;
      for (int i = 0; i < n; i++) {
        double si = xNew[i] - x[i];
        double yi = gNew[i] - g[i];
        sy += si * yi;
        yy += yi * yi;
      }
      if (sy > CURVATURE * yy) {
        int slot = (newest + 1) % history;
        for (int i = 0; i < n; i++) {
          s[slot][i] = xNew[i] - x[i];
          y[slot][i] = gNew[i] - g[i];
        }
        rho[slot] = 1 / sy;
        scale = sy / yy;
        newest = slot;
        stored = Math.min(stored + 1, history);
      }
      System.arraycopy(xNew, 0, x, 0, n);
      System.arraycopy(gNew, 0, g, 0, n);
      fx = search.value();
      gnorm = norm(g);
      iteration++;
      boolean go = listener.iterationDone(iteration, fx, gnorm, x);
      if (gnorm <= tolerance) {
        return new Result(Stop.CONVERGED, iteration, evaluations, fx, gnorm);
      }
      if (!go) {
        return new Result(Stop.STOPPED, iteration, evaluations, fx, gnorm);
      }
    }
    return new Result(Stop.MAX_ITERATIONS, iteration, evaluations, fx, gnorm);
  }

  /**
   * The two-loop recursion: {@code d = -H g} from the {@code stored} newest pairs (ring buffer
   * ending at {@code newest}); {@code d = -g} when none are stored.
   */
  private void direction(double[] g, double[] d, double[][] s, double[][] y, double[] rho,
      double[] alpha, int stored, int newest) {
    int n = g.length;
    System.arraycopy(g, 0, d, 0, n);
    int m = history;
    for (int j = 0; j < stored; j++) {
      int k = ((newest - j) % m + m) % m;
      double a = rho[k] * StrongWolfeLineSearch.dot(s[k], d);
      alpha[k] = a;
      double[] yk = y[k];
      for (int i = 0; i < n; i++) {
        d[i] -= a * yk[i];
      }
    }
    if (stored > 0) {
      double gamma = 1 / (rho[newest] * StrongWolfeLineSearch.dot(y[newest], y[newest]));
      for (int i = 0; i < n; i++) {
        d[i] *= gamma;
      }
    }
    for (int j = stored - 1; j >= 0; j--) {
      int k = ((newest - j) % m + m) % m;
      double b = rho[k] * StrongWolfeLineSearch.dot(y[k], d);
      double c = alpha[k] - b;
      double[] sk = s[k];
      for (int i = 0; i < n; i++) {
        d[i] += c * sk[i];
      }
    }
    for (int i = 0; i < n; i++) {
      d[i] = -d[i];
    }
  }

  static double norm(double[] v) {
    return Math.sqrt(StrongWolfeLineSearch.dot(v, v));
  }

  @Override
  public String toString() {
    return "lbfgs[history=" + history + ", tolerance=" + tolerance + ", max-iterations="
        + (maxIterations > 0 ? String.valueOf(maxIterations) : "trainer epochs")
        + ", weight-decay=" + weightDecay + "]";
  }
}
