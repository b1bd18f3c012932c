package org.fracnet.losses.dirichlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.fracnet.losses.tck.ReferenceComparison;
import org.junit.jupiter.api.Test;

/**
 * Known answers: the tck's bundled {@code dirichlet.json}, computed in float64 by PyTorch 1.13
 * autograd (see the tck README). Tolerance 1e-9, relative; entries below 1e-6 in magnitude are
 * held to 1e-15 absolute ({@link ReferenceComparison#FLOOR}).
 */
class DirichletReferenceTest {
  @Test
  void valuesGradientsAndPredictionsMatchPyTorchToOnePartInABillion() {
    ReferenceComparison.Report report = ReferenceComparison.compareBundled("dirichlet", 1e-9, Map.of());
    assertThat(report.cases()).hasSize(11);
    assertThat(report.passed()).as(report.toString()).isTrue();
  }
}
