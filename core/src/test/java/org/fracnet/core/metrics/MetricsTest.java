package org.fracnet.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumSet;
import java.util.List;
import java.util.Random;
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

  @Test
  void klOfPredictionsEqualToTheTargetsUpToRoundingIsZeroNotMinusZero() {
    double[] p = {0.5, 0.3, 0.2};
    double[] q = {0.5 + 1e-16, 0.3 + 1e-16, 0.2 - 1e-17}; // a mean predictor's rounding: each term's sign varies
    assertThat(Metrics.evaluate(1, ABC, p, q, null).get(Metric.KL)).isGreaterThanOrEqualTo(0.0);
    assertThat(String.format(java.util.Locale.ROOT, "%.5f", Metrics.evaluate(1, ABC, p, q, null).get(Metric.KL)))
        .isEqualTo("0.00000");
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

  /**
   * Aitchison distance by hand for p = (0.5, 0.3, 0.2), q = (0.4, 0.4, 0.2): clr(p) - clr(q) = r -
   * mean(r) with r = ln(p / q) = (ln 1.25, ln 0.75, 0), mean(r) = ln(0.9375) / 3; the distance is
   * the norm of that, 0.3621679339750105 (mpmath, 40 digits).
   */
  @Test
  void aitchisonKnownAnswer() {
    double[] p = {0.5, 0.3, 0.2};
    double[] q = {0.4, 0.4, 0.2};
    double r1 = Math.log(1.25);
    double r2 = Math.log(0.75);
    double mean = (r1 + r2) / 3;
    double byHand = Math.sqrt((r1 - mean) * (r1 - mean) + (r2 - mean) * (r2 - mean) + mean * mean);
    MetricReport r = Metrics.evaluate(1, ABC, p, q, null);
    assertThat(byHand).isCloseTo(0.3621679339750105, within(1e-15));
    assertThat(r.get(Metric.AITCHISON)).isCloseTo(0.3621679339750105, within(1e-15));
    assertThat(r.overallByKey()).containsKey("aitchison");
    assertThat(r.perClass().get("a")).doesNotContainKey("aitchison");
  }

  /**
   * Zeros are floored at 1e-6: p = (1, 0, 0) and q = (0.5, 0.5, 0) become (1, 1e-6, 1e-6) and (0.5,
   * 0.5, 1e-6), so r = (ln 2, ln 2e-6, 0); the distance is 11.008257591459587 (mpmath). Scaling q
   * changes nothing: the distance compares ratios.
   */
  @Test
  void aitchisonFloorsZerosAndIgnoresScale() {
    MetricReport zeros = Metrics.evaluate(1, ABC, new double[] {1, 0, 0}, new double[] {0.5, 0.5, 0}, null);
    assertThat(zeros.get(Metric.AITCHISON)).isCloseTo(11.008257591459587, within(1e-13));
    double[] p = {0.5, 0.3, 0.2};
    double[] scaled = Metrics.perRow(Metric.AITCHISON, 1, 3, p, new double[] {0.8, 0.8, 0.4});
    double[] plain = Metrics.perRow(Metric.AITCHISON, 1, 3, p, new double[] {0.4, 0.4, 0.2});
    assertThat(scaled[0]).isCloseTo(plain[0], within(1e-15));
  }

  /** Random rows with zeros and uneven weights: the paired tests rely on this identity. */
  @Test
  void perRowValuesAverageToTheOverallValueForEveryMetric() {
    int n = 57;
    int k = 4;
    Random random = new Random(11);
    double[] p = randomRows(random, n, k);
    double[] q = randomRows(random, n, k);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 1 + random.nextInt(200);
    }
    MetricReport report = Metrics.evaluate(n, List.of("a", "b", "c", "d"), p, q, w);
    for (Metric m : Metric.values()) {
      double[] rows = Metrics.perRow(m, n, k, p, q);
      assertThat(rows).hasSize(n);
      assertThat(weightedMean(rows, w)).as(m.key()).isCloseTo(report.get(m), within(1e-14));
    }
    for (Metric m : EnumSet.of(Metric.MSE, Metric.MAE, Metric.KL, Metric.CANBERRA, Metric.INTERSECTION)) {
      for (int c = 0; c < k; c++) {
        double[] rows = Metrics.perRowOfClass(m, n, k, c, p, q);
        assertThat(weightedMean(rows, w)).as(m.key() + " of class " + c)
            .isCloseTo(report.perClass().get(List.of("a", "b", "c", "d").get(c)).get(m.key()), within(1e-14));
      }
    }
    assertThatThrownBy(() -> Metrics.perRowOfClass(Metric.CHEBYSHEV, n, k, 0, p, q))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chebyshev is not a mean over rows");
  }

  /** Rows of k fractions summing to 1, about a fifth of the parts exactly 0. */
  static double[] randomRows(Random random, int n, int k) {
    double[] out = new double[n * k];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j = 0; j < k; j++) {
        out[i * k + j] = j > 0 && random.nextDouble() < 0.2 ? 0 : -Math.log(random.nextDouble());
        sum += out[i * k + j];
      }
      for (int j = 0; j < k; j++) {
        out[i * k + j] /= sum;
      }
    }
    return out;
  }

  private static double weightedMean(double[] v, double[] w) {
    double s = 0;
    double t = 0;
    for (int i = 0; i < v.length; i++) {
      s += w[i] * v[i];
      t += w[i];
    }
    return s / t;
  }
}
