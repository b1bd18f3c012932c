package org.fracnet.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Calibration bins find the diagonal for a calibrated predictor, also for a 0.5 % class, and only then. */
class CalibrationTest {
  private static final double[] MEANS = {0.8, 0.08, 0.05, 0.04, 0.025, 0.005};
  private static final List<String> CLASSES = List.of("car", "bus", "bike", "walk", "train", "ferry");
  private static final int K = MEANS.length;
  private static final int N = 40_000;

  /**
   * Predictions q vary around the class means; each row's target is a multinomial sample of
   * between 50 and 400 people from q, weighted by its size, so E[p | q] = q: calibrated by
   * construction. Every bin of every class must sit on the diagonal within 4 standard errors, and
   * the 0.5 % class's bins within 10 % of their predicted fraction.
   */
  @Test
  void perfectlyCalibratedPredictorLiesOnTheDiagonal() {
    Synthetic s = Synthetic.draw(new SplittableRandom(2024));
    Map<String, Calibration> all = Calibration.perClass(N, CLASSES, s.p, s.q, s.w);
    assertThat(all).containsOnlyKeys(CLASSES);
    for (String name : CLASSES) {
      List<Calibration.Bin> bins = all.get(name).bins();
      assertThat(bins).as(name).hasSize(Calibration.DEFAULT_BINS);
      for (Calibration.Bin b : bins) {
        assertThat(b.meanObserved()).as(name + " " + b)
            .isCloseTo(b.meanPredicted(), within(4 * b.observedStandardError()));
      }
    }
    for (Calibration.Bin b : all.get("ferry").bins()) {
      assertThat(Math.abs(b.meanObserved() / b.meanPredicted() - 1)).as(b.toString()).isLessThan(0.1);
    }
    List<Calibration.Bin> ferry = all.get("ferry").bins();
    assertThat(ferry.get(0).highest()).isLessThan(0.005);
    assertThat(ferry.get(ferry.size() - 1).lowest()).isGreaterThan(0.005);
  }

  /** The same rows with the 0.5 % class predicted at twice its size are far off the diagonal. */
  @Test
  void overPredictedSmallClassIsOffTheDiagonal() {
    Synthetic s = Synthetic.draw(new SplittableRandom(2024));
    double[] doubled = s.q.clone();
    for (int i = 0; i < N; i++) {
      doubled[i * K + 5] *= 2;
    }
    Calibration ferry = Calibration.of(N, K, 5, s.p, doubled, s.w, 10);
    for (Calibration.Bin b : ferry.bins()) {
      assertThat(b.meanPredicted() - b.meanObserved()).as(b.toString()).isGreaterThan(4 * b.observedStandardError());
    }
    Calibration calibrated = Calibration.of(N, K, 5, s.p, s.q, s.w, 10);
    assertThat(ferry.expectedCalibrationError()).isGreaterThan(0.004);
    assertThat(calibrated.expectedCalibrationError()).isLessThan(0.0003);
  }

  /** Bins split the weight evenly, keep tied predictions together and account for every row. */
  @Test
  void binsHoldEqualWeightAndTiesStayTogether() {
    Synthetic s = Synthetic.draw(new SplittableRandom(7));
    Calibration bus = Calibration.of(N, K, 1, s.p, s.q, s.w, 10);
    double total = 0;
    int rows = 0;
    for (Calibration.Bin b : bus.bins()) {
      total += b.weight();
      rows += b.rows();
      // Each bin holds a tenth of the weight, give or take one row (at most 400).
      assertThat(b.weight()).isCloseTo(s.totalWeight / 10, within(400.0));
      assertThat(b.lowest()).isLessThanOrEqualTo(b.meanPredicted()).isLessThanOrEqualTo(b.highest());
    }
    assertThat(total).isCloseTo(s.totalWeight, within(1e-6));
    assertThat(rows).isEqualTo(N);

    // Three distinct predictions, 6, 3 and 1 rows of weight 1: at most three bins, ties intact.
    double[] q = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.3};
    double[] p = {0.1, 0.2, 0.0, 0.1, 0.1, 0.1, 0.2, 0.3, 0.1, 0.3};
    Calibration ties = Calibration.of(10, 1, 0, p, q, null, 10);
    assertThat(ties.bins()).extracting(Calibration.Bin::rows).containsExactly(6, 3, 1);
    assertThat(ties.bins().get(1).meanObserved()).isCloseTo(0.2, within(1e-15));
    assertThat(ties.bins().get(2).observedStandardError()).isNaN();
  }

  /** Calibrated synthetic rows: predictions q, multinomial targets p with E[p | q] = q, sizes w. */
  private record Synthetic(double[] p, double[] q, double[] w, double totalWeight) {
    static Synthetic draw(SplittableRandom random) {
      double[] p = new double[N * K];
      double[] q = new double[N * K];
      double[] w = new double[N];
      double total = 0;
      for (int i = 0; i < N; i++) {
        double sum = 0;
        for (int j = 0; j < K; j++) {
          q[i * K + j] = MEANS[j] * Math.exp(0.6 * gaussian(random));
          sum += q[i * K + j];
        }
        for (int j = 0; j < K; j++) {
          q[i * K + j] /= sum;
        }
        int people = 50 + random.nextInt(351);
        for (int person = 0; person < people; person++) {
          double u = random.nextDouble();
          int j = 0;
          while (j < K - 1 && u >= q[i * K + j]) {
            u -= q[i * K + j];
            j++;
          }
          p[i * K + j] += 1.0 / people;
        }
        w[i] = people;
        total += people;
      }
      return new Synthetic(p, q, w, total);
    }

    private static double gaussian(SplittableRandom random) {
      return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
  }
}
