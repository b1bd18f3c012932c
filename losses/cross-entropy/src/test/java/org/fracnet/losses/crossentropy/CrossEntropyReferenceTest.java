package org.fracnet.losses.crossentropy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;
import org.fracnet.losses.tck.ReferenceComparison;
import org.junit.jupiter.api.Test;

/**
 * Known answers: the tck's bundled {@code cross-entropy.json}, computed in float64 by PyTorch 1.13
 * autograd. Tolerance 1e-9, relative; entries below 1e-6 in magnitude are held to 1e-15 absolute
 * ({@link ReferenceComparison#FLOOR}).
 */
class CrossEntropyReferenceTest {
  /**
   * The reference's predictions are softmax(z) in every case: the loss's link, which the
   * comparison uses, so the file works unchanged with the default (de-biasing) parameters.
   */
  @Test
  void valuesGradientsAndPredictionsMatchPyTorchToOnePartInABillion() {
    ReferenceComparison.Report report = ReferenceComparison.compareBundled("cross-entropy", 1e-9, Map.of());
    assertThat(report.cases()).hasSize(14);
    assertThat(report.passed()).as(report.toString()).isTrue();
  }

  /** With class weights, the default de-biased prediction is the reference's divided by c, renormalised. */
  @Test
  void debiasedPredictionsAreTheReferencePredictionsDividedByTheClassWeights() throws Exception {
    JsonNode weighted = null;
    try (InputStream in = ReferenceComparison.bundled("cross-entropy")) {
      for (JsonNode c : new ObjectMapper().readTree(in).get("cases")) {
        if (c.get("params").has("class_weights") && c.get("n").asInt() == 7) {
          weighted = c;
        }
      }
    }
    assertThat(weighted).as("a class-weighted case with 7 rows").isNotNull();
    double[] c = new double[6];
    for (int j = 0; j < 6; j++) {
      c[j] = weighted.get("params").get("class_weights").get(j).asDouble();
    }
    LossFunction loss = new CrossEntropyProvider().create(
        Parameters.parse("cross-entropy", List.of("class-weights=3,0.5,1,2,1,0.25")), TargetStatistics.uniform(6));
    double[] z = new double[7 * 6];
    for (int i = 0; i < 7; i++) {
      for (int j = 0; j < 6; j++) {
        z[i * 6 + j] = weighted.get("z").get(i).get(j).asDouble();
      }
    }
    double[] pred = new double[7 * 6];
    loss.predict(7, z, pred);
    for (int i = 0; i < 7; i++) {
      double norm = 0;
      for (int j = 0; j < 6; j++) {
        norm += weighted.get("pred").get(i).get(j).asDouble() / c[j];
      }
      for (int j = 0; j < 6; j++) {
        double expected = weighted.get("pred").get(i).get(j).asDouble() / c[j] / norm;
        assertThat(pred[i * 6 + j]).isCloseTo(expected, within(1e-14));
      }
    }
  }
}
