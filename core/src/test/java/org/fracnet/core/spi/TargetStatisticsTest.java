package org.fracnet.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TargetStatisticsTest {
  @Test
  void centredLogMeansAreTheOutputsWhoseSoftmaxIsTheClassMeans() {
    // two rows, weights 1 and 3: class means 0.25 * (0.2, 0.8, 0) + 0.75 * (0.6, 0.4, 0)
    TargetStatistics s = TargetStatistics.of(2, 3, new double[] {0.2, 0.8, 0, 0.6, 0.4, 0}, new double[] {1, 3},
        false);
    double[] z = s.centredLogMeans();
    assertThat(z[0] + z[1] + z[2]).isCloseTo(0, within(1e-12));
    double sum = Math.exp(z[0]) + Math.exp(z[1]) + Math.exp(z[2]);
    assertThat(Math.exp(z[0]) / sum).isCloseTo(0.5, within(1e-5));
    assertThat(Math.exp(z[1]) / sum).isCloseTo(0.5, within(1e-5));
    assertThat(Math.exp(z[2]) / sum).as("a class never seen stays finite, floored at 1e-6").isCloseTo(1e-6,
        within(1e-9));
  }
}
