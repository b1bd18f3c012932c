package org.fracnet.losses.weightedmse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.fracnet.losses.tck.ReferenceComparison;
import org.junit.jupiter.api.Test;

/**
 * Known answers: the tck's bundled {@code weighted-mse.json}, computed in float64 by PyTorch 1.13
 * autograd. Tolerance 1e-9, relative; entries below 1e-6 in magnitude are held to 1e-15 absolute.
 */
class WeightedMseReferenceTest {
  @Test
  void valuesGradientsAndPredictionsMatchPyTorchToOnePartInABillion() {
    ReferenceComparison.Report report = ReferenceComparison.compareBundled("weighted-mse", 1e-9, Map.of());
    assertThat(report.cases()).hasSize(6);
    assertThat(report.passed()).as(report.toString()).isTrue();
  }
}
