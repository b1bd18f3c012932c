package org.fracnet.core.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down correction for a family of tests (Holm, "A simple sequentially rejective
 * multiple test procedure", Scand. J. Statistics 6(2), 1979): it controls the chance of calling
 * any true null hypothesis of the family significant (the family-wise error rate) at the nominal
 * level, under any dependence between the tests, and rejects at least what Bonferroni rejects.
 * The family is every comparison the report makes (each pair of candidates on each metric): the
 * more comparisons, the more an uncorrected p below 0.05 happens by chance.
 */
public final class Holm {
  private Holm() {}

  /**
   * Holm-adjusted p-values: with the m p-values sorted ascending, p_(1) to p_(m), the adjusted
   * value of p_(i) is the largest of min(1, (m - j + 1) p_(j)) over j up to i. A test is
   * significant at family-wise level alpha when its adjusted value is at most alpha. The adjusted
   * values keep the order of the raw ones (ties get equal values), and are what R's {@code
   * p.adjust(p, "holm")} returns. NaN p-values (tests that could not be made) stay NaN and are not
   * counted in m.
   *
   * @param p raw p-values in [0, 1] or NaN
   * @return adjusted p-values, in the order of {@code p}
   */
  public static double[] adjust(double... p) {
    for (int i = 0; i < p.length; i++) {
      if (!(p[i] >= 0 && p[i] <= 1) && !Double.isNaN(p[i])) {
        throw new IllegalArgumentException("p-value " + p[i] + " at " + i + " is outside [0, 1]");
      }
    }
    int[] order = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
        .sorted(Comparator.comparingDouble(i -> p[i])).mapToInt(Integer::intValue).toArray();
    double[] adjusted = new double[p.length];
    Arrays.fill(adjusted, Double.NaN);
    int m = order.length;
    double running = 0;
    for (int j = 0; j < m; j++) {
      running = Math.max(running, Math.min(1, (m - j) * p[order[j]]));
      adjusted[order[j]] = running;
    }
    return adjusted;
  }
}
