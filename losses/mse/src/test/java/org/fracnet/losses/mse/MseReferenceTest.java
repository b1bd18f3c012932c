package org.fracnet.losses.mse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.fracnet.core.FracnetException;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;
import org.fracnet.losses.tck.ReferenceComparison;
import org.junit.jupiter.api.Test;

/**
 * Known answers: the tck's bundled {@code mse.json}, computed in float64 by PyTorch 1.13 autograd.
 * Tolerance 1e-9, relative; entries below 1e-6 in magnitude are held to 1e-15 absolute.
 */
class MseReferenceTest {
  @Test
  void valuesGradientsAndPredictionsMatchPyTorchToOnePartInABillion() {
    ReferenceComparison.Report report = ReferenceComparison.compareBundled("mse", 1e-9, Map.of());
    assertThat(report.cases()).hasSize(8);
    assertThat(report.passed()).as(report.toString()).isTrue();
  }

  @Test
  void takesNoParameters() {
    assertThatThrownBy(() -> new MseProvider().create(Parameters.parse("mse", List.of("class-weights=1,1")),
        TargetStatistics.uniform(2)))
        .isInstanceOf(FracnetException.class)
        .hasMessage("loss mse has no parameter class-weights; accepted: none");
  }
}
