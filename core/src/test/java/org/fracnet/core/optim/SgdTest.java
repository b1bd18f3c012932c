package org.fracnet.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.fracnet.core.optim.OptimizerTestSupport.direct;
import static org.fracnet.core.optim.OptimizerTestSupport.toArray;

import java.nio.FloatBuffer;
import java.util.Map;
import org.fracnet.core.spi.Optimizer;
import org.fracnet.core.spi.Parameters;
import org.junit.jupiter.api.Test;

class SgdTest {
  private static final double A = 2.0; // curvature of f(p) = A p^2 / 2
  private static final double LR = 0.05;
  private static final double MU = 0.8;

  private static Optimizer sgd(Map<String, String> values) {
    return new SgdProvider().create(Parameters.of("test", values), 1);
  }

  /** Runs {@code steps} steps on f(p) = A p^2 / 2 from p = 1. */
  private static double run(Optimizer opt, int steps) {
    FloatBuffer p = direct(1f);
    FloatBuffer g = direct(0f);
    for (int s = 0; s < steps; s++) {
      g.put(0, (float) (A * p.get(0)));
      opt.step(p, g, LR);
    }
    return p.get(0);
  }

  /** (p, v) evolve linearly: (p_t, v_t) = M^t (1, 0); returns p_t. */
  private static double closedForm(double[][] m, int steps) {
    double p = 1;
    double v = 0;
    for (int s = 0; s < steps; s++) {
      double np = m[0][0] * p + m[0][1] * v;
      double nv = m[1][0] * p + m[1][1] * v;
      p = np;
      v = nv;
    }
    return p;
  }

  @Test
  void plainSgdFollowsAGeometricSequence() {
    assertThat(run(sgd(Map.of()), 20)).isCloseTo(Math.pow(1 - LR * A, 20), within(1e-6));
  }

  @Test
  void momentumMatchesTheHeavyBallRecurrence() {
    // v' = mu v + A p; p' = p - lr v' = (1 - lr A) p - lr mu v
    double[][] m = {{1 - LR * A, -LR * MU}, {A, MU}};
    double expected = closedForm(m, 30);
    assertThat(run(sgd(Map.of("momentum", "0.8")), 30)).isCloseTo(expected, within(1e-5));
    assertThat(expected).isNotCloseTo(Math.pow(1 - LR * A, 30), within(1e-3));
  }

  @Test
  void nesterovMatchesItsRecurrence() {
    // v' = mu v + A p; p' = p - lr (A p + mu v') = (1 - lr A (1 + mu)) p - lr mu^2 v
    double[][] m = {{1 - LR * A * (1 + MU), -LR * MU * MU}, {A, MU}};
    double expected = closedForm(m, 30);
    assertThat(run(sgd(Map.of("momentum", "0.8", "nesterov", "true")), 30))
        .isCloseTo(expected, within(1e-5));
  }

  @Test
  void weightDecayIsAddedToTheGradient() {
    Optimizer opt = sgd(Map.of("weight-decay", "0.5"));
    FloatBuffer p = direct(2f);
    opt.step(p, direct(1f), 0.1);
    // g = 1 + 0.5 * 2 = 2
    assertThat(p.get(0)).isCloseTo(1.8f, within(1e-6f));
  }

  @Test
  void doesNotChangeTheGradient() {
    Optimizer opt = new SgdProvider().create(
        Parameters.of("t", Map.of("momentum", "0.5", "weight-decay", "0.1")), 2);
    FloatBuffer g = direct(0.25f, -3f);
    opt.step(direct(1f, 2f), g, 0.1);
    assertThat(toArray(g)).containsExactly(0.25f, -3f);
  }
}
