package org.fracnet.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.fracnet.core.optim.OptimizerTestSupport.direct;

import java.nio.FloatBuffer;
import java.util.Map;
import org.fracnet.core.spi.Optimizer;
import org.fracnet.core.spi.Parameters;
import org.junit.jupiter.api.Test;

/** Every built-in optimizer finds the minimum of {@code f(p) = sum c_i (p_i - t_i)^2 / 2}. */
class QuadraticTest {
  static final int SIZE = 5;
  private static final float[] CURVATURE = {1f, 2f, 0.5f, 4f, 1.5f};
  private static final float[] TARGET = {1f, -2f, 0.5f, 3f, -0.25f};

  static void assertMinimises(Optimizer optimizer, double learningRate, int steps) {
    FloatBuffer p = direct(new float[SIZE]);
    FloatBuffer g = direct(new float[SIZE]);
    for (int s = 0; s < steps; s++) {
      for (int i = 0; i < SIZE; i++) {
        g.put(i, CURVATURE[i] * (p.get(i) - TARGET[i]));
      }
      optimizer.step(p, g, learningRate);
    }
    for (int i = 0; i < SIZE; i++) {
      assertThat(p.get(i)).as("%s, parameter %d", optimizer, i).isCloseTo(TARGET[i], within(1e-3f));
    }
  }

  @Test
  void sgdPlainMomentumAndNesterovAllConverge() {
    assertMinimises(new SgdProvider().create(Parameters.empty(), SIZE), 0.1, 500);
    assertMinimises(new SgdProvider().create(
        Parameters.of("t", Map.of("momentum", "0.9")), SIZE), 0.02, 1000);
    assertMinimises(new SgdProvider().create(
        Parameters.of("t", Map.of("momentum", "0.9", "nesterov", "true")), SIZE), 0.02, 1000);
  }
}
