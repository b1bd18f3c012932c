package org.fracnet.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StandardizationTest {
  @Test
  void centresAndScalesAndLeavesConstantFeaturesFinite() {
    double[] x = {1, 5, 3, 5, 5, 5};
    Standardization s = Standardization.fit(3, 2, x);
    assertThat(s.mean()).containsExactly(new double[] {3, 5}, within(1e-12));
    assertThat(s.scale()[0]).isCloseTo(Math.sqrt(8.0 / 3), within(1e-12));
    assertThat(s.scale()[1]).isEqualTo(1);
    double[] y = s.apply(x);
    assertThat(y[0] + y[2] + y[4]).isCloseTo(0, within(1e-12));
    assertThat(y[1]).isZero();
  }
}
