package org.fracnet.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StandardizationTest {
  @Test
  void centresAndScalesAndMapsAConstantFeatureToZeroWhateverItsValueLater() {
    double[] x = {1, 5, 3, 5, 5, 5};
    Standardization s = Standardization.fit(3, 2, x);
    assertThat(s.mean()).containsExactly(new double[] {3, 5}, within(1e-12));
    assertThat(s.scale()[0]).isCloseTo(Math.sqrt(8.0 / 3), within(1e-12));
    assertThat(s.scale()[1]).isEqualTo(Standardization.CONSTANT_SCALE);
    double[] y = s.apply(x);
    assertThat(y[0] + y[2] + y[4]).isCloseTo(0, within(1e-12));
    assertThat(y[1]).isZero();
    // a value the training rows never had: the untrained weights behind the column see 0
    assertThat(s.apply(new double[] {3, 9})[1]).isCloseTo(0, within(1e-290));
    assertThat(s.apply(new double[] {3, -1e6})[1]).isCloseTo(0, within(1e-290));
  }

  @Test
  void flagsOfZeroAndOneAreLeftAsTheyAre() {
    // columns: a rare flag, an all-zero column, a 0/1/2 count, a flag that is always 1
    double[] x = {0, 0, 0, 1, 1, 0, 2, 1, 0, 0, 1, 1, 0, 0, 0, 1};
    Standardization s = Standardization.fit(4, 4, x);
    assertThat(s.mean()).containsExactly(new double[] {0, 0, 0.75, 1}, within(1e-12));
    assertThat(s.scale()[0]).isEqualTo(1);
    assertThat(s.scale()[1]).as("constant, though 0 or 1").isEqualTo(Standardization.CONSTANT_SCALE);
    assertThat(s.scale()[2]).isCloseTo(Math.sqrt(0.6875), within(1e-12));
    assertThat(s.scale()[3]).as("constant, though 0 or 1").isEqualTo(Standardization.CONSTANT_SCALE);
    assertThat(s.apply(x)).startsWith(0, 0, -0.75 / Math.sqrt(0.6875), 0, 1, 0);
  }
}
