package org.fracnet.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.fracnet.core.metrics.Metric;
import org.fracnet.core.metrics.Metrics;
import org.junit.jupiter.api.Test;

/**
 * The paired comparison finds a planted difference, calls two identical candidates different at
 * about the nominal 5 %, and takes groups, not rows, as the unit when rows are dependent.
 */
class PairedComparisonTest {
  private static final double[] MEANS = {0.8, 0.08, 0.05, 0.04, 0.025, 0.005};
  private static final List<String> CLASSES = List.of("car", "bus", "bike", "walk", "train", "ferry");
  private static final int K = MEANS.length;
  private static final int SEEDS = 400;
  private static final long BASE_SEED = 20_261_207L;

  /** B predicts the truth with less noise than A: found, with an interval below 0 (KL: lower is better). */
  @Test
  void plantedDifferenceIsFound() {
    SplittableRandom random = new SplittableRandom(BASE_SEED);
    int n = 500;
    Rows rows = Rows.draw(random, n);
    double[] qA = rows.predict(random, 0.30, 1);
    double[] qB = rows.predict(random, 0.20, 1);
    double[] a = Metrics.perRow(Metric.KL, n, K, rows.p, qA);
    double[] b = Metrics.perRow(Metric.KL, n, K, rows.p, qB);
    PairedComparison c = PairedComparison.of(a, b, rows.w, null);

    double klA = Metrics.evaluate(n, CLASSES, rows.p, qA, rows.w).get(Metric.KL);
    double klB = Metrics.evaluate(n, CLASSES, rows.p, qB, rows.w).get(Metric.KL);
    assertThat(c.meanA()).isCloseTo(klA, within(1e-15));
    assertThat(c.difference()).isCloseTo(klB - klA, within(1e-15));
    assertThat(c.pValue()).isLessThan(0.05);
    assertThat(c.ciHigh()).isNegative();
    assertThat(c.ciLow()).isLessThan(c.difference());
    assertThat(c.relativeDifference()).isCloseTo(100 * (klB / klA - 1), within(1e-12));
    assertThat(c.relativeCiHigh()).isNegative();
    assertThat(c.relativeCiLow()).isLessThan(c.relativeDifference());
    assertThat(c.standardised()).isNegative();
    assertThat(c.units()).isEqualTo(n);
    assertThat(c.degreesOfFreedom()).isEqualTo(n - 1);
  }

  /**
   * A and B drawn from one noise process, independently, on 400 data sets: the share called
   * different (p below 0.05) must be near 5 % (expected 20 of 400, standard deviation 4.4), for the
   * KL comparison and for the small class's relative error of the mean. Interval and p-value agree.
   */
  @Test
  void identicalCandidatesAreCalledDifferentAtTheNominalRate() {
    int n = 300;
    int klCalls = 0;
    int ferryCalls = 0;
    for (int s = 0; s < SEEDS; s++) {
      SplittableRandom random = new SplittableRandom(BASE_SEED + s);
      Rows rows = Rows.draw(random, n);
      double[] qA = rows.predict(random, 0.3, 1);
      double[] qB = rows.predict(random, 0.3, 1);
      PairedComparison kl = PairedComparison.of(Metrics.perRow(Metric.KL, n, K, rows.p, qA),
          Metrics.perRow(Metric.KL, n, K, rows.p, qB), rows.w, null);
      boolean excludesZero = kl.ciLow() > 0 || kl.ciHigh() < 0;
      assertThat(excludesZero).isEqualTo(kl.pValue() < 0.05);
      klCalls += kl.pValue() < 0.05 ? 1 : 0;
      PairedComparison ferry = PairedComparison.ofRelativeErrorOfMean(n, K, 5, rows.p, qA, qB, rows.w, null);
      ferryCalls += ferry.pValue() < 0.05 ? 1 : 0;
    }
    assertThat(klCalls / (double) SEEDS).isBetween(0.02, 0.09);
    assertThat(ferryCalls / (double) SEEDS).isBetween(0.02, 0.09);
  }

  /** Equal weights and no groups: the textbook paired t-test ({@code scipy.stats.ttest_rel(b, a)}, SciPy 1.17.1). */
  @Test
  void withoutWeightsOrGroupsItIsThePairedTTest() {
    double[] a = {0.31, 0.25, 0.40, 0.29, 0.35, 0.22, 0.38, 0.27};
    double[] b = {0.28, 0.26, 0.33, 0.27, 0.30, 0.24, 0.31, 0.25};
    PairedComparison c = PairedComparison.of(a, b, null, null);
    assertThat(c.t()).isCloseTo(-2.4224910232089054, within(1e-12));
    assertThat(c.pValue()).isCloseTo(0.04592392161831884, within(1e-12));
    assertThat(c.ciLow()).isCloseTo(-0.056813240103668255, within(1e-12));
    assertThat(c.ciHigh()).isCloseTo(-0.0006867598963317297, within(1e-12));
    // Weights are not frequencies: multiplying them all by 100 changes nothing.
    double[] hundred = new double[a.length];
    java.util.Arrays.fill(hundred, 100);
    assertThat(PairedComparison.of(a, b, hundred, null).pValue()).isCloseTo(c.pValue(), within(1e-14));
  }

  /**
   * Fifty groups whose rows are copied eight times within the group: with the groups given, the
   * test is the one on the fifty distinct rows (same difference, interval and p-value); without
   * them, the copies would pass for 400 independent rows and shrink the p-value.
   */
  @Test
  void duplicatedRowsWithinAGroupDoNotShrinkThePValue() {
    SplittableRandom random = new SplittableRandom(BASE_SEED);
    int groups = 50;
    int copies = 8;
    double[] a = new double[groups];
    double[] b = new double[groups];
    double[] w = new double[groups];
    for (int g = 0; g < groups; g++) {
      a[g] = 1 + gaussian(random);
      b[g] = a[g] + 0.1 + gaussian(random);
      w[g] = 1 + random.nextInt(20);
    }
    double[] a8 = new double[groups * copies];
    double[] b8 = new double[groups * copies];
    double[] w8 = new double[groups * copies];
    int[] label = new int[groups * copies];
    for (int i = 0; i < a8.length; i++) {
      a8[i] = a[i % groups];
      b8[i] = b[i % groups];
      w8[i] = w[i % groups];
      label[i] = 1000 + i % groups;
    }
    PairedComparison distinct = PairedComparison.of(a, b, w, null);
    PairedComparison grouped = PairedComparison.of(a8, b8, w8, label);
    PairedComparison ungrouped = PairedComparison.of(a8, b8, w8, null);
    assertThat(grouped.units()).isEqualTo(groups);
    assertThat(grouped.rows()).isEqualTo(groups * copies);
    assertThat(grouped.pValue()).isCloseTo(distinct.pValue(), within(1e-12));
    assertThat(grouped.ciLow()).isCloseTo(distinct.ciLow(), within(1e-12));
    assertThat(grouped.difference()).isCloseTo(distinct.difference(), within(1e-12));
    assertThat(ungrouped.pValue()).isLessThan(distinct.pValue() / 10);
  }

  /**
   * Rows of a group share a group effect on the difference (50 groups of 8 rows, no true
   * difference): with the groups given the false positive rate stays near 5 %; ignoring them it
   * is several times that, which is what the grouping is for.
   */
  @Test
  void correlatedRowsNeedTheirGroupsToKeepTheNominalRate() {
    int groups = 50;
    int size = 8;
    int n = groups * size;
    int groupedCalls = 0;
    int ungroupedCalls = 0;
    int[] label = new int[n];
    for (int i = 0; i < n; i++) {
      label[i] = i / size;
    }
    for (int s = 0; s < SEEDS; s++) {
      SplittableRandom random = new SplittableRandom(BASE_SEED + s);
      double[] a = new double[n];
      double[] b = new double[n];
      double[] w = new double[n];
      double effect = 0;
      for (int i = 0; i < n; i++) {
        if (i % size == 0) {
          effect = gaussian(random);
        }
        a[i] = 2 + gaussian(random);
        b[i] = a[i] + effect + gaussian(random);
        w[i] = 1 + random.nextInt(10);
      }
      groupedCalls += PairedComparison.of(a, b, w, label).pValue() < 0.05 ? 1 : 0;
      ungroupedCalls += PairedComparison.of(a, b, w, null).pValue() < 0.05 ? 1 : 0;
    }
    assertThat(groupedCalls / (double) SEEDS).isBetween(0.02, 0.09);
    assertThat(ungroupedCalls / (double) SEEDS).isGreaterThan(0.2);
  }

  /** A under-predicts the 0.5 % class by 40 %, B does not: B's relative error is higher by about 0.4, significantly. */
  @Test
  void plantedBiasOfTheSmallClassIsFound() {
    SplittableRandom random = new SplittableRandom(BASE_SEED);
    int n = 1000;
    Rows rows = Rows.draw(random, n);
    double[] qA = rows.predict(random, 0.3, 0.6);
    double[] qB = rows.predict(random, 0.3, 1);
    PairedComparison c = PairedComparison.ofRelativeErrorOfMean(n, K, 5, rows.p, qA, qB, rows.w, null);
    var report = Metrics.evaluate(n, CLASSES, rows.p, qA, rows.w).perClass().get("ferry");
    assertThat(c.meanA()).isCloseTo(report.get("relative_error_of_mean"), within(1e-12));
    assertThat(c.meanA()).isCloseTo(-0.4, within(0.1));
    assertThat(c.difference()).isCloseTo(c.meanB() - c.meanA(), within(1e-12));
    assertThat(c.pValue()).isLessThan(0.05);
    assertThat(c.ciLow()).isPositive();
    assertThat(c.ciLow()).isLessThan(0.4).isLessThan(c.difference());
    assertThat(c.ciHigh()).isGreaterThan(c.difference());
  }

  /** By hand (and SciPy): d = (-0.02, -0.01, -0.01, -0.03, -0.02), s^2 = 7e-5, Var = (1/5 + 1/4) s^2. */
  @Test
  void correctedResampledTTestOverFiveFolds() {
    double[] a = {0.30, 0.32, 0.29, 0.31, 0.33};
    double[] b = {0.28, 0.31, 0.28, 0.28, 0.31};
    PairedComparison c = PairedComparison.acrossFolds(a, b, 1.0 / 4);
    assertThat(c.difference()).isCloseTo(-0.018, within(1e-15));
    assertThat(c.standardError()).isCloseTo(Math.sqrt(0.45 * 7e-5), within(1e-15));
    assertThat(c.t()).isCloseTo(-3.2071349029490905, within(1e-12));
    assertThat(c.pValue()).isCloseTo(0.03267792333680307, within(1e-12));
    assertThat(c.ciLow()).isCloseTo(-0.03358275950525349, within(1e-12));
    assertThat(c.ciHigh()).isCloseTo(-0.0024172404947464723, within(1e-12));
    assertThat(c.relativeDifference()).isCloseTo(-100 * 0.018 / 0.31, within(1e-12));
    assertThat(c.degreesOfFreedom()).isEqualTo(4);
  }

  /** Identical values: no difference, p = 1; one unit: no test at all. */
  @Test
  void degenerateInputs() {
    double[] a = {0.1, 0.2, 0.3};
    PairedComparison same = PairedComparison.of(a, a.clone(), null, null);
    assertThat(same.difference()).isZero();
    assertThat(same.pValue()).isEqualTo(1);
    assertThat(same.ciLow()).isZero();
    assertThat(same.ciHigh()).isZero();
    PairedComparison oneGroup = PairedComparison.of(a, new double[] {0.2, 0.2, 0.2}, null, new int[] {7, 7, 7});
    assertThat(oneGroup.units()).isEqualTo(1);
    assertThat(oneGroup.pValue()).isNaN();
    assertThat(oneGroup.ciLow()).isNaN();
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  /** True fractions around the class means (one 0.5 % class) and row weights of 20 to 400. */
  private record Rows(double[] p, double[] w) {
    static Rows draw(SplittableRandom random, int n) {
      double[] p = new double[n * K];
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < K; j++) {
          p[i * K + j] = Math.log(MEANS[j]) + 0.5 * gaussian(random);
        }
        softmax(p, i);
        w[i] = 20 + random.nextInt(381);
      }
      return new Rows(p, w);
    }

    /** The truth with log-normal noise of scale {@code sigma}, the smallest class scaled by {@code smallScale}. */
    double[] predict(SplittableRandom random, double sigma, double smallScale) {
      int n = w.length;
      double[] q = new double[n * K];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < K; j++) {
          q[i * K + j] = Math.log(p[i * K + j]) + sigma * gaussian(random) + (j == K - 1 ? Math.log(smallScale) : 0);
        }
        softmax(q, i);
      }
      return q;
    }

    private static void softmax(double[] x, int i) {
      double sum = 0;
      for (int j = 0; j < K; j++) {
        x[i * K + j] = Math.exp(x[i * K + j]);
        sum += x[i * K + j];
      }
      for (int j = 0; j < K; j++) {
        x[i * K + j] /= sum;
      }
    }
  }
}
