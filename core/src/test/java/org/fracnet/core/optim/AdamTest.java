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

class AdamTest {
  private static Optimizer adam(Map<String, String> values, int n) {
    return new AdamProvider().create(Parameters.of("test", values), n);
  }

  /**
   * Known answers: p0 = 1, lr = 0.1, gradients 0.5, -1, 0.25 with the defaults. Computed by hand
   * from Algorithm 1 of Kingma and Ba (2015) with PyTorch's placement of epsilon, in double
   * precision: 0.900000002, 0.9366103542405654, 0.9502794203389762.
   */
  @Test
  void firstStepsMatchHandComputedValues() {
    Optimizer opt = adam(Map.of(), 1);
    FloatBuffer p = direct(1f);
    double[] expected = {0.900000002, 0.9366103542405654, 0.9502794203389762};
    float[] gradients = {0.5f, -1f, 0.25f};
    for (int t = 0; t < 3; t++) {
      opt.step(p, direct(gradients[t]), 0.1);
      assertThat((double) p.get(0)).as("step %d", t + 1).isCloseTo(expected[t], within(1e-6));
    }
  }

  @Test
  void firstStepMovesEachParameterByTheLearningRateAgainstTheGradientSign() {
    Optimizer opt = adam(Map.of(), 3);
    FloatBuffer p = direct(0f, 0f, 0f);
    opt.step(p, direct(3f, -0.001f, 200f), 0.01);
    assertThat(toArray(p)).containsExactly(new float[] {-0.01f, 0.01f, -0.01f}, within(1e-6f));
  }

  @Test
  void l2WeightDecayActsThroughTheGradient() {
    Optimizer opt = adam(Map.of("weight-decay", "0.5"), 1);
    FloatBuffer p = direct(2f);
    // zero gradient, but g = 0.5 * 2 = 1 > 0: the first step is -lr
    opt.step(p, direct(0f), 0.1);
    assertThat(p.get(0)).isCloseTo(1.9f, within(1e-6f));
  }

  @Test
  void adamwDecaysWeightsMultiplicativelyWithoutGradient() {
    Optimizer opt = new AdamWProvider().create(Parameters.of("t", Map.of("weight-decay", "0.1")), 2);
    FloatBuffer p = direct(2f, -4f);
    FloatBuffer zero = direct(0f, 0f);
    for (int t = 0; t < 10; t++) {
      opt.step(p, zero, 0.5);
    }
    double factor = Math.pow(1 - 0.5 * 0.1, 10);
    assertThat((double) p.get(0)).isCloseTo(2 * factor, within(1e-5));
    assertThat((double) p.get(1)).isCloseTo(-4 * factor, within(1e-5));
  }

  @Test
  void adamwDefaultsToDecay001() {
    Optimizer opt = new AdamWProvider().create(Parameters.empty(), 1);
    FloatBuffer p = direct(1f);
    opt.step(p, direct(0f), 1.0);
    assertThat(p.get(0)).isCloseTo(0.99f, within(1e-7f));
    assertThat(opt.toString()).contains("weight-decay=0.01");
  }

  @Test
  void doesNotChangeTheGradient() {
    Optimizer opt = adam(Map.of("weight-decay", "0.1"), 2);
    FloatBuffer g = direct(0.25f, -3f);
    opt.step(direct(1f, 2f), g, 0.1);
    assertThat(toArray(g)).containsExactly(0.25f, -3f);
  }

  @Test
  void minimisesAQuadratic() {
    QuadraticTest.assertMinimises(adam(Map.of(), QuadraticTest.SIZE), 0.05, 3000);
  }

  @Test
  void adamwMinimisesAQuadraticWithoutDecay() {
    Optimizer opt = new AdamWProvider().create(
        Parameters.of("t", Map.of("weight-decay", "0")), QuadraticTest.SIZE);
    QuadraticTest.assertMinimises(opt, 0.05, 3000);
  }
}
