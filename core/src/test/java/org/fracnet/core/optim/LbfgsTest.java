package org.fracnet.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fracnet.core.spi.FullBatchOptimizer;
import org.fracnet.core.spi.FullBatchOptimizer.Result;
import org.fracnet.core.spi.FullBatchOptimizer.Stop;
import org.fracnet.core.spi.Objective;
import org.fracnet.core.spi.Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** L-BFGS on functions whose minimum is known. */
class LbfgsTest {
  private static FullBatchOptimizer lbfgs(String... pairs) {
    return new LbfgsProvider().createFullBatch(Parameters.parse("test", List.of(pairs)));
  }

  /**
   * The extended Rosenbrock function (Nocedal and Wright, eq. 2.22 for n = 2): minimum 0 at
   * (1, ..., 1); the classic start is (-1.2, 1, -1.2, 1, ...).
   */
  static double rosenbrock(double[] x, double[] g) {
    double f = 0;
    java.util.Arrays.fill(g, 0);
    for (int i = 0; i + 1 < x.length; i += 2) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      f += 100 * a * a + b * b;
      g[i] += -400 * x[i] * a - 2 * b;
      g[i + 1] += 200 * a;
    }
    return f;
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {2, 10, 100})
  void minimisesRosenbrockFromTheClassicStart(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i += 2) {
      x[i] = -1.2;
      x[i + 1] = 1;
    }
    Result r = lbfgs().minimise(LbfgsTest::rosenbrock, x, 1000, FullBatchOptimizer.Listener.NONE);

    assertThat(r.stop()).isEqualTo(Stop.CONVERGED);
    assertThat(r.gradientNorm()).isLessThanOrEqualTo(1e-7);
    double[] g = new double[n];
    assertThat(r.value()).isEqualTo(rosenbrock(x, g)).isLessThan(1e-14);
    assertThat(Lbfgs.norm(g)).isEqualTo(r.gradientNorm());
    for (double v : x) {
      assertThat(v).isCloseTo(1, within(1e-7));
    }
    // published L-BFGS runs take 30-40 iterations for n = 2; leave room, but catch a crawl
    assertThat(r.iterations()).isBetween(10, 200);
    assertThat(r.evaluations()).isLessThan(3 * r.iterations() + 10);
  }

  @Test
  void minimisesAnIllConditionedConvexQuadraticToItsExactMinimum() {
    // f(x) = x'Ax/2 - b'x with A = M'M + 0.01 I (condition about 1e4), b = A x*
    int n = 30;
    SplittableRandom r = new SplittableRandom(5);
    double[][] m = new double[n][n];
    for (double[] row : m) {
      for (int j = 0; j < n; j++) {
        row[j] = r.nextGaussian();
      }
    }
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < n; k++) {
          a[i][j] += m[k][i] * m[k][j];
        }
      }
      a[i][i] += 0.01;
    }
    double[] target = new double[n];
    for (int i = 0; i < n; i++) {
      target[i] = r.nextGaussian();
    }
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        b[i] += a[i][j] * target[j];
      }
    }
    Objective quadratic = (x, g) -> {
      double f = 0;
      for (int i = 0; i < n; i++) {
        double ax = 0;
        for (int j = 0; j < n; j++) {
          ax += a[i][j] * x[j];
        }
        g[i] = ax - b[i];
        f += 0.5 * x[i] * ax - b[i] * x[i];
      }
      return f;
    };
    double[] x = new double[n];
    Result result = lbfgs("tolerance=1e-9").minimise(quadratic, x, 5000,
        FullBatchOptimizer.Listener.NONE);

    assertThat(result.stop()).isEqualTo(Stop.CONVERGED);
    assertThat(result.gradientNorm()).isLessThanOrEqualTo(1e-9);
    for (int i = 0; i < n; i++) {
      // |x - x*| <= |g| / lambda_min = 1e-9 / 0.01
      assertThat(x[i]).isCloseTo(target[i], within(1e-6));
    }
  }

  @Test
  void weightDecayMinimisesThePenalisedFunction() {
    // f(x) = (x - 3)^2 / 2 plus lambda / 2 x^2 has its minimum at 3 / (1 + lambda)
    Objective f = (x, g) -> {
      g[0] = x[0] - 3;
      return 0.5 * (x[0] - 3) * (x[0] - 3);
    };
    double[] x = {0};
    Result r = lbfgs("weight-decay=0.5").minimise(f, x, 100, FullBatchOptimizer.Listener.NONE);
    assertThat(r.stop()).isEqualTo(Stop.CONVERGED);
    assertThat(x[0]).isCloseTo(2, within(1e-9));
    assertThat(r.value()).isCloseTo(0.5 + 0.25 * 4, within(1e-12));
  }

  @Test
  void aStartAtTheMinimumNeedsNoIteration() {
    double[] x = {1, 1};
    Result r = lbfgs().minimise(LbfgsTest::rosenbrock, x, 10, FullBatchOptimizer.Listener.NONE);
    assertThat(r).isEqualTo(new Result(Stop.CONVERGED, 0, 1, 0, 0));
  }

  @Test
  void reportsEveryIterationAndStopsWhenTheListenerSaysSo() {
    List<Double> values = new ArrayList<>();
    double[] x = {-1.2, 1};
    Result r = lbfgs().minimise(LbfgsTest::rosenbrock, x, 1000, (it, value, norm, point) -> {
      assertThat(it).isEqualTo(values.size() + 1);
      values.add(value);
      return it < 5;
    });
    assertThat(r.stop()).isEqualTo(Stop.STOPPED);
    assertThat(r.iterations()).isEqualTo(5);
    assertThat(values).hasSize(5).isSortedAccordingTo((p, q) -> Double.compare(q, p));
    assertThat(r.value()).isEqualTo(values.get(4));
  }

  @Test
  void theCallersLimitAppliesUnlessTheMaxIterationsParameterOverridesIt() {
    Result caller = lbfgs().minimise(LbfgsTest::rosenbrock, new double[] {-1.2, 1}, 7,
        FullBatchOptimizer.Listener.NONE);
    assertThat(caller.stop()).isEqualTo(Stop.MAX_ITERATIONS);
    assertThat(caller.iterations()).isEqualTo(7);

    Result own = lbfgs("max-iterations=3").minimise(LbfgsTest::rosenbrock,
        new double[] {-1.2, 1}, 7, FullBatchOptimizer.Listener.NONE);
    assertThat(own.stop()).isEqualTo(Stop.MAX_ITERATIONS);
    assertThat(own.iterations()).isEqualTo(3);
  }

  @Test
  void aNonFiniteTrialPointShortensTheStep() {
    // 1000 (x - 0.5)^2, undefined (NaN) above 0.6: the first step (length 1, to x = 1) fails
    Objective f = (x, g) -> {
      g[0] = 2000 * (x[0] - 0.5);
      return x[0] > 0.6 ? Double.NaN : 1000 * (x[0] - 0.5) * (x[0] - 0.5);
    };
    double[] x = {0};
    Result r = lbfgs().minimise(f, x, 100, FullBatchOptimizer.Listener.NONE);
    assertThat(r.stop()).isEqualTo(Stop.CONVERGED);
    assertThat(x[0]).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void aNonFiniteStartIsReportedNotMinimised() {
    Result r = lbfgs().minimise((x, g) -> Double.NaN, new double[] {1}, 100,
        FullBatchOptimizer.Listener.NONE);
    assertThat(r.stop()).isEqualTo(Stop.NOT_FINITE);
    assertThat(r.iterations()).isZero();
  }

  @Test
  void stopsWithNoProgressWhenTheToleranceIsBelowRounding() {
    // the gradient is never below 1e-300; rounding stops the descent
    double[] x = {-1.2, 1};
    Result r = lbfgs("tolerance=1e-300").minimise(LbfgsTest::rosenbrock, x, 10_000,
        FullBatchOptimizer.Listener.NONE);
    assertThat(r.stop()).isIn(Stop.NO_PROGRESS, Stop.CONVERGED);
    assertThat(r.iterations()).isLessThan(10_000);
    assertThat(x[0]).isCloseTo(1, within(1e-8));
  }

  @Test
  void everyStepSatisfiesSufficientDecreaseAndStrongWolfeStepsTheCurvatureCondition() {
    int[] calls = {0};
    Objective counted = (x, g) -> {
      calls[0]++;
      return rosenbrock(x, g);
    };
    double[] x = {-1.2, 1};
    double[] g = new double[2];
    double f0 = rosenbrock(x, g);
    double[] d = {-g[0], -g[1]};
    double dphi0 = StrongWolfeLineSearch.dot(g, d);
    StrongWolfeLineSearch search = new StrongWolfeLineSearch(counted, 2);
    for (double first : new double[] {1e-6, 1e-3, 1, 100}) {
      calls[0] = 0;
      assertThat(search.search(x, f0, d, dphi0, first)).isTrue();
      assertThat(search.evaluations()).isEqualTo(calls[0]);
      double a = search.step();
      assertThat(search.value())
          .isLessThanOrEqualTo(f0 + StrongWolfeLineSearch.C1 * a * dphi0);
      assertThat(search.strongWolfe()).isTrue();
      assertThat(Math.abs(StrongWolfeLineSearch.dot(search.g(), d)))
          .isLessThanOrEqualTo(-StrongWolfeLineSearch.C2 * dphi0);
      assertThat(search.x()[0]).isEqualTo(x[0] + a * d[0]);
    }
  }
}
