package org.fracnet.trainers.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.fracnet.core.spi.Activation;
import org.junit.jupiter.api.Test;

class WorkerTest {
  @Test
  void fastTanhMatchesMathTanhAndSaturates() {
    for (double v = -30; v <= 30; v += 0.01) {
      assertThat((double) Worker.tanh((float) v)).isCloseTo(Math.tanh((float) v), within(1e-6));
    }
    assertThat(Worker.tanh(1e30f)).isEqualTo(1f);
    assertThat(Worker.tanh(-1e30f)).isEqualTo(-1f);
  }

  @Test
  void reluDerivativeMasksWhereTheOutputIsZero() {
    float[] h = {0f, 2f, 0f, Float.MIN_NORMAL, 3e38f};
    float[] d = {5f, -3f, -1f, 7f, 2f};
    Worker.timesDerivative(d, h, 5, Activation.RELU);
    assertThat(d).containsExactly(0f, -3f, -0f, 7f, 2f);
  }

  @Test
  void tanhDerivativeIsOneMinusTheSquare() {
    float[] h = {0f, 0.5f, -1f};
    float[] d = {2f, 2f, 2f};
    Worker.timesDerivative(d, h, 3, Activation.TANH);
    assertThat(d).containsExactly(2f, 1.5f, 0f);
  }

  @Test
  void biasAndReluClampNegatives() {
    float[] a = {-1f, 1f, 0.5f, -3f};
    Worker.biasAndActivation(a, new float[] {0.25f, 1f, 0.25f, 1f}, 4, Activation.RELU);
    assertThat(a).containsExactly(0f, 2f, 0.75f, 0f);
  }
}
