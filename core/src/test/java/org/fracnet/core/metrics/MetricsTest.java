package org.fracnet.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final List<String> ABC = List.of("a", "b", "c");

  @Test
  void perfectPredictionsHaveZeroDistanceAndFullSimilarity() {
    double[] p = {0.2, 0.3, 0.5, 1, 0, 0};
    MetricReport r = Metrics.evaluate(2, ABC, p, p.clone(), null);
    for (Metric m : Metric.values()) {
      assertThat(r.get(m)).as(m.key()).isCloseTo(m.higherIsBetter() ? 1 : 0, within(1e-12));
    }
  }

  /** Hand-computed values for p = (0.5, 0.3, 0.2), q = (0.4, 0.4, 0.2) using the formulas in {@link Metric}. */
  @Test
  void knownAnswerForOneRow() {
    double[] p = {0.5, 0.3, 0.2};
    double[] q = {0.4, 0.4, 0.2};
    MetricReport r = Metrics.evaluate(1, ABC, p, q, null);
    assertThat(r.get(Metric.MSE)).isCloseTo((0.01 + 0.01) / 3, within(1e-15));
    assertThat(r.get(Metric.MAE)).isCloseTo(0.2 / 3, within(1e-15));
    assertThat(r.get(Metric.KL)).isCloseTo(0.5 * Math.log(0.5 / 0.4) + 0.3 * Math.log(0.3 / 0.4), within(1e-15));
    assertThat(r.get(Metric.CHEBYSHEV)).isCloseTo(0.1, within(1e-15));
    assertThat(r.get(Metric.CLARK)).isCloseTo(Math.sqrt(0.01 / 0.81 + 0.01 / 0.49), within(1e-15));
    assertThat(r.get(Metric.CANBERRA)).isCloseTo(0.1 / 0.9 + 0.1 / 0.7, within(1e-15));
    assertThat(r.get(Metric.COSINE)).isCloseTo(0.36 / Math.sqrt(0.38 * 0.36), within(1e-15));
    assertThat(r.get(Metric.INTERSECTION)).isCloseTo(0.9, within(1e-15));
    assertThat(r.get(Metric.TOTAL_VARIATION)).isCloseTo(0.1, within(1e-15));
    double h = Math.pow(Math.sqrt(0.5) - Math.sqrt(0.4), 2) + Math.pow(Math.sqrt(0.3) - Math.sqrt(0.4), 2);
    assertThat(r.get(Metric.HELLINGER)).isCloseTo(Math.sqrt(h / 2), within(1e-15));
  }

  @Test
  void perClassKlSharesSumToOverallAndWeightsCount() {
    double[] p = {0.5, 0.3, 0.2, 0.1, 0.1, 0.8};
    double[] q = {0.4, 0.4, 0.2, 0.3, 0.3, 0.4};
    MetricReport r = Metrics.evaluate(2, ABC, p, q, new double[] {3, 1});
    double sum = r.perClass().values().stream().mapToDouble(c -> c.get("kl")).sum();
    assertThat(sum).isCloseTo(r.get(Metric.KL), within(1e-14));
    MetricReport row1 = Metrics.evaluate(1, ABC, p, q, null);
    MetricReport row2 = Metrics.evaluate(1, ABC, new double[] {0.1, 0.1, 0.8}, new double[] {0.3, 0.3, 0.4}, null);
    assertThat(r.get(Metric.MSE)).isCloseTo((3 * row1.get(Metric.MSE) + row2.get(Metric.MSE)) / 4, within(1e-15));
    assertThat(r.perClass().get("a").get("mean_target")).isCloseTo((3 * 0.5 + 0.1) / 4, within(1e-15));
    assertThat(r.perClass().get("c").get("relative_error_of_mean"))
        .isCloseTo(((3 * 0.2 + 0.4) / 4 - (3 * 0.2 + 0.8) / 4) / ((3 * 0.2 + 0.8) / 4), within(1e-14));
    assertThat(r.totalWeight()).isEqualTo(4);
  }

  @Test
  void zeroTargetsContributeNothingToKlAndZeroZeroTermsAreZero() {
    double[] p = {1, 0, 0};
    double[] q = {0.5, 0.5, 0};
    MetricReport r = Metrics.evaluate(1, ABC, p, q, null);
    assertThat(r.get(Metric.KL)).isCloseTo(Math.log(2), within(1e-15));
    assertThat(r.get(Metric.CANBERRA)).isCloseTo(0.5 / 1.5 + 1, within(1e-15));
    assertThat(r.get(Metric.CLARK)).isFinite();
  }
}
