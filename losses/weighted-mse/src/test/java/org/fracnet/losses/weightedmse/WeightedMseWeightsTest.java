package org.fracnet.losses.weightedmse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;
import org.junit.jupiter.api.Test;

class WeightedMseWeightsTest {
  private static final TargetStatistics STATS =
      TargetStatistics.of(2, 3, new double[] {0.7, 0.2, 0.1, 0.5, 0.4, 0.1}, null, false);

  @Test
  void inverseMeanIsTheDefaultAndIsStoredExplicitly() {
    LossFunction loss = new WeightedMseProvider().create(Parameters.empty(), STATS);
    String[] stored = loss.resolvedParameters().getString("class-weights", "").split(",");
    double norm = 1 / 0.6 + 1 / 0.3 + 1 / 0.1;
    assertThat(Double.parseDouble(stored[2])).isCloseTo(3 / 0.1 / norm, within(1e-12));
  }

  @Test
  void valueIsTheClassWeightedMeanOfSquaredErrors() {
    LossFunction loss = new WeightedMseProvider().create(
        Parameters.parse("weighted-mse", List.of("class-weights=1,2,4")), STATS);
    double[] z = {0, 0, 0};
    double[] p = {1, 0, 0};
    double q = 1.0 / 3;
    double expected = ((q - 1) * (q - 1) + 2 * q * q + 4 * q * q) / 3;
    assertThat(loss.value(1, z, p, null)).isCloseTo(expected, within(1e-15));
  }
}
