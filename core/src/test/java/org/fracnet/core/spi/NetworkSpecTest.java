package org.fracnet.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a network describes itself to people. */
class NetworkSpecTest {
  @Test
  void describesItsWidthsActivationAndDropout() {
    NetworkSpec mlp = new NetworkSpec("mlp", List.of(new DenseLayerSpec(6, 64, Activation.RELU),
        new DenseLayerSpec(64, 64, Activation.RELU), new DenseLayerSpec(64, 6, Activation.IDENTITY)), 0.3);
    assertThat(mlp.describe()).isEqualTo("mlp 6-64-64-6, relu, dropout 0.3");
    NetworkSpec linear = new NetworkSpec("linear", List.of(new DenseLayerSpec(24, 3, Activation.IDENTITY)));
    assertThat(linear.describe()).isEqualTo("linear 24-3");
  }
}
