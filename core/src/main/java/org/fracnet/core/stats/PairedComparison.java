package org.fracnet.core.stats;

import java.util.HashMap;
import java.util.Map;

/**
 * A paired comparison of two candidates, A and B, on one metric over the same out-of-fold rows:
 * the difference of their weighted means, its confidence interval, a two-sided p-value and effect
 * sizes. Every difference is <b>B minus A</b>: for a metric where lower is better (KL, MSE), a
 * negative difference means B is better; for a similarity (cosine, intersection), a positive one.
 *
 * <h2>Method</h2>
 *
 * {@link #of} is a paired t-test on the per-row differences d_i = b_i - a_i, with the row weights
 * w_i and a cluster-robust (sandwich) variance when rows come in groups:
 *
 * <ul>
 *   <li>difference D = sum_i w_i d_i / W, with W = sum_i w_i: exactly B's overall metric minus
 *       A's, as {@code Metrics.evaluate} reports them;</li>
 *   <li>variance Var(D) = G / (G - 1) sum_g (sum_{i in g} w_i (d_i - D))^2 / W^2 over the G
 *       groups (each row its own group when there are no group labels), the CR1 estimator of
 *       Cameron and Miller, "A Practitioner's Guide to Cluster-Robust Inference", J. Human
 *       Resources 50(2), 2015. With equal weights and no groups it is s^2 / n, the textbook
 *       paired t-test;</li>
 *   <li>t = D / sqrt(Var(D)) with G - 1 degrees of freedom; the p-value is P(|T| &gt;= |t|) and the
 *       interval D plus or minus t_{G-1, 0.975} sqrt(Var(D)).</li>
 * </ul>
 *
 * <p>Why this test: with hundreds to thousands of out-of-fold rows, the rows (or groups) are the
 * units that carry the evidence. Every row is predicted once by a model that did not see it, both
 * candidates predict the same rows, and the pairing removes the row-to-row differences in
 * difficulty, which are much larger than the differences between losses. The central limit theorem
 * makes D close to normal at these sizes, so the t-test keeps its nominal level (checked in the
 * test: about 5 % of 400 comparisons of two identical candidates are called different), can reach
 * any p-value (a Wilcoxon test over 5 fold means cannot go below 0.0625), is deterministic and
 * costs one pass. A bootstrap over rows would give the same interval at these sizes, at a thousand
 * times the cost and with a seed. Row weights (counts) weight each row's difference but are not
 * frequencies: a row of weight 100 is one observation, not 100, so scaling every weight leaves the
 * p-value unchanged. Rows of one group (the same person or site in several rows) are not
 * independent; the cluster-robust variance makes the group the unit, so copying a row within its
 * group does not make a difference more significant.
 *
 * <p>What it does not cover: the test takes the trained models as given. It asks whether B's
 * out-of-fold predictions on these data are better than A's by more than the rows' noise, not
 * whether B would win again with another training seed or another sample of training data
 * (Dietterich, Neural Computation 10(7), 1998; Nadeau and Bengio, Machine Learning 52, 2003). With
 * repeated k-fold splits, {@link #acrossFolds} gives the corrected resampled t-test over the
 * folds, which counts that variance and is the more cautious check. Average a row's values over
 * the repeats before {@link #of}: the repeats are not new rows.
 *
 * @param meanA A's weighted mean (for {@link #ofRelativeErrorOfMean}: A's relative error)
 * @param meanB B's weighted mean (for {@link #ofRelativeErrorOfMean}: B's relative error)
 * @param difference B minus A
 * @param ciLow lower end of the confidence interval of the difference
 * @param ciHigh upper end of the confidence interval of the difference
 * @param standardError the standard error of the difference
 * @param t the t statistic, difference over standard error (0 when both are 0)
 * @param degreesOfFreedom the t distribution's degrees of freedom, units minus one
 * @param pValue two-sided p-value of no difference, before any multiple-comparison correction
 *     (see {@link Holm})
 * @param relativeDifference the difference in % of A's mean (B / A - 1, times 100); NaN when A's
 *     mean is 0 or for {@link #ofRelativeErrorOfMean}
 * @param relativeCiLow lower end of the confidence interval of {@code relativeDifference}, in %
 * @param relativeCiHigh upper end of the confidence interval of {@code relativeDifference}, in %
 * @param standardised the standardised difference d_z: the difference over the weighted standard
 *     deviation of the per-row (per-fold for {@link #acrossFolds}) differences, i.e. how
 *     consistently B beats A row by row; NaN when that deviation is 0 or for {@link
 *     #ofRelativeErrorOfMean}
 * @param level the confidence level of the intervals, e.g. 0.95
 * @param rows the number of rows (folds for {@link #acrossFolds})
 * @param units the number of independent units: groups, else rows (folds)
 */
public record PairedComparison(double meanA, double meanB, double difference, double ciLow, double ciHigh,
    double standardError, double t, double degreesOfFreedom, double pValue, double relativeDifference,
    double relativeCiLow, double relativeCiHigh, double standardised, double level, int rows, int units) {

  /** The confidence level when none is given. */
  public static final double LEVEL = 0.95;

  /**
   * Compares per-row values of one metric at the {@value #LEVEL} level; see the class comment.
   *
   * @param a A's value on each row
   * @param b B's value on the same rows, in the same order
   * @param w the row weights, non-negative, or {@code null} for all ones
   * @param groups a group label per row (rows with equal labels are dependent and resampled
   *     together), or {@code null} when every row is independent
   */
  public static PairedComparison of(double[] a, double[] b, double[] w, int[] groups) {
    return of(a, b, w, groups, LEVEL);
  }

  /**
   * Compares per-row values of one metric; see the class comment.
   *
   * @param a A's value on each row
   * @param b B's value on the same rows, in the same order
   * @param w the row weights, non-negative, or {@code null} for all ones
   * @param groups a group label per row (rows with equal labels are dependent), or {@code null}
   *     when every row is independent
   * @param level the confidence level, strictly between 0 and 1
   */
  public static PairedComparison of(double[] a, double[] b, double[] w, int[] groups, double level) {
    int n = a.length;
    Units units = Units.of(n, b.length, w, groups);
    requireFinite("a", a);
    requireFinite("b", b);
    double meanA = units.mean(a);
    double meanB = units.mean(b);
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = b[i] - a[i];
    }
    double diff = units.mean(d);
    double[] influence = new double[n];
    double spread = 0;
    for (int i = 0; i < n; i++) {
      influence[i] = d[i] - diff;
      spread += units.weight(i) * influence[i] * influence[i];
    }
    Interval abs = units.interval(diff, influence, level);
    double sd = Math.sqrt(spread / units.totalWeight());
    double ratio = meanB / meanA;
    Interval rel = Interval.NONE;
    if (meanA != 0) {
      for (int i = 0; i < n; i++) {
        influence[i] = (b[i] - ratio * a[i]) / meanA;
      }
      rel = units.interval(ratio - 1, influence, level);
    }
    return new PairedComparison(meanA, meanB, diff, abs.low, abs.high, abs.se, abs.t, units.count - 1,
        abs.p, 100 * rel.estimate, 100 * rel.low, 100 * rel.high, sd > 0 ? diff / sd : Double.NaN, level, n,
        units.count);
  }

  /**
   * Compares two candidates' relative error of the mean for class c, (mean q_c - mean p_c) / mean
   * p_c (the per-class {@code relative_error_of_mean} of {@code MetricReport}), at the {@value
   * #LEVEL} level. meanA and meanB are the two relative errors (as fractions, -0.4 for -40 %), the
   * difference is B's minus A's; its variance is that of a ratio of weighted means with a shared
   * denominator, linearised (delta method) and cluster-robust as in {@link #of}. The p-value is the
   * one of the paired test of mean q_c of B against mean q_c of A. It says whether the two predict
   * different means for the class, not which is closer to the truth: read that off meanA and meanB.
   * Everything is NaN when the class's mean target is 0.
   *
   * @param n rows
   * @param k classes
   * @param classIndex the class c, 0-based column
   * @param p n x k target fractions, row-major
   * @param qA n x k fractions predicted by A, row-major
   * @param qB n x k fractions predicted by B, row-major
   * @param w the row weights, non-negative, or {@code null} for all ones
   * @param groups a group label per row, or {@code null} when every row is independent
   */
  public static PairedComparison ofRelativeErrorOfMean(int n, int k, int classIndex, double[] p, double[] qA,
      double[] qB, double[] w, int[] groups) {
    if (p.length < n * k || qA.length < n * k || qB.length < n * k || classIndex < 0 || classIndex >= k) {
      throw new IllegalArgumentException("arrays shorter than " + n + " rows of " + k + " classes, or class "
          + classIndex + " outside them");
    }
    Units units = Units.of(n, n, w, groups);
    double[] target = new double[n];
    double[] delta = new double[n];
    double sumA = 0;
    double sumB = 0;
    for (int i = 0; i < n; i++) {
      target[i] = p[i * k + classIndex];
      delta[i] = qB[i * k + classIndex] - qA[i * k + classIndex];
      sumA += units.weight(i) * qA[i * k + classIndex];
      sumB += units.weight(i) * qB[i * k + classIndex];
    }
    requireFinite("p", target);
    requireFinite("qB - qA", delta);
    double meanP = units.mean(target);
    if (!(meanP > 0)) {
      // The class never occurs: it has no relative error.
      return new PairedComparison(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, units.count - 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, LEVEL, n,
          units.count);
    }
    double errorA = sumA / units.totalWeight() / meanP - 1;
    double errorB = sumB / units.totalWeight() / meanP - 1;
    double diff = units.mean(delta) / meanP;
    double[] influence = new double[n];
    for (int i = 0; i < n; i++) {
      influence[i] = (delta[i] - diff * target[i]) / meanP;
    }
    Interval abs = units.interval(diff, influence, LEVEL);
    return new PairedComparison(errorA, errorB, abs.estimate, abs.low, abs.high, abs.se, abs.t, units.count - 1,
        abs.p, Double.NaN, Double.NaN, Double.NaN, Double.NaN, LEVEL, n, units.count);
  }

  /**
   * The corrected resampled t-test over folds (Nadeau and Bengio, Machine Learning 52, 2003;
   * Bouckaert and Frank, PAKDD 2004) at the {@value #LEVEL} level: a check that counts the variance
   * from retraining, which {@link #of} takes as given. With J = repeats x folds fold means and their
   * differences d_j, t = mean(d) / sqrt((1 / J + n_test / n_train) s_d^2) with J - 1 degrees of
   * freedom; the n_test / n_train term corrects for the folds' overlapping training sets, which
   * make the plain t-test over folds far too confident. It needs consistent wins: with 5 folds it
   * reaches p below 0.05 only when B beats A in (nearly) every fold by a similar margin. The
   * relative interval treats A's mean as fixed.
   *
   * @param a A's metric on each fold (the fold's weighted mean), repeats x folds values
   * @param b B's metric on the same folds, in the same order
   * @param testToTrain rows tested over rows trained on per fold, 1 / (folds - 1) for k-fold
   */
  public static PairedComparison acrossFolds(double[] a, double[] b, double testToTrain) {
    int j = a.length;
    if (b.length != j || !(testToTrain > 0) || Double.isInfinite(testToTrain)) {
      throw new IllegalArgumentException(j + " and " + b.length + " folds, test to train ratio " + testToTrain);
    }
    requireFinite("a", a);
    requireFinite("b", b);
    double meanA = mean(a);
    double meanB = mean(b);
    double diff = meanB - meanA;
    double ss = 0;
    for (int i = 0; i < j; i++) {
      double e = b[i] - a[i] - diff;
      ss += e * e;
    }
    double variance = j > 1 ? ss / (j - 1) : Double.NaN;
    Interval abs = Interval.of(diff, Math.sqrt((1.0 / j + testToTrain) * variance), j - 1, LEVEL);
    double scale = meanA != 0 ? 100 / meanA : Double.NaN;
    double lowRel = Math.min(abs.low * scale, abs.high * scale);
    double highRel = Math.max(abs.low * scale, abs.high * scale);
    return new PairedComparison(meanA, meanB, diff, abs.low, abs.high, abs.se, abs.t, j - 1, abs.p, diff * scale,
        lowRel, highRel, variance > 0 ? diff / Math.sqrt(variance) : Double.NaN, LEVEL, j, j);
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static void requireFinite(String name, double[] v) {
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException(name + " is " + v[i] + " at row " + i);
      }
    }
  }

  /** An estimate with its standard error, t statistic, p-value and interval. */
  private record Interval(double estimate, double se, double t, double p, double low, double high) {
    static final Interval NONE = new Interval(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    static Interval of(double estimate, double se, double df, double level) {
      if (!(df >= 1) || Double.isNaN(se)) {
        return new Interval(estimate, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
      }
      if (se == 0) {
        // Every unit shows the same difference: certain, whatever it is.
        return new Interval(estimate, 0, estimate == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, estimate),
            estimate == 0 ? 1 : 0, estimate, estimate);
      }
      double t = estimate / se;
      double half = StudentT.criticalValue(level, df) * se;
      return new Interval(estimate, se, t, StudentT.twoSidedP(t, df), estimate - half, estimate + half);
    }
  }

  /** The rows' weights and their grouping into independent units. */
  private static final class Units {
    private final double[] w;
    private final int[] unitOf;
    private final int count;
    private final double total;

    private Units(double[] w, int[] unitOf, int count, double total) {
      this.w = w;
      this.unitOf = unitOf;
      this.count = count;
      this.total = total;
    }

    static Units of(int n, int otherLength, double[] w, int[] groups) {
      if (otherLength != n || (w != null && w.length != n) || (groups != null && groups.length != n)) {
        throw new IllegalArgumentException("the per-row arrays differ in length: " + n + " and " + otherLength
            + (w == null ? "" : ", weights " + w.length) + (groups == null ? "" : ", groups " + groups.length));
      }
      double total = 0;
      for (int i = 0; i < n; i++) {
        double wi = w == null ? 1 : w[i];
        if (!(wi >= 0) || Double.isInfinite(wi)) {
          throw new IllegalArgumentException("row " + i + " has weight " + wi);
        }
        total += wi;
      }
      if (!(total > 0)) {
        throw new IllegalArgumentException("no rows with weight to compare");
      }
      int[] unitOf = new int[n];
      int count = n;
      if (groups == null) {
        for (int i = 0; i < n; i++) {
          unitOf[i] = i;
        }
      } else {
        Map<Integer, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
          unitOf[i] = index.computeIfAbsent(groups[i], g -> index.size());
        }
        count = index.size();
      }
      return new Units(w, unitOf, count, total);
    }

    double weight(int i) {
      return w == null ? 1 : w[i];
    }

    double totalWeight() {
      return total;
    }

    double mean(double[] v) {
      double s = 0;
      for (int i = 0; i < v.length; i++) {
        s += weight(i) * v[i];
      }
      return s / total;
    }

    /** The CR1 cluster-robust interval of a statistic whose linearised row values are {@code influence}. */
    Interval interval(double estimate, double[] influence, double level) {
      double[] sums = new double[count];
      for (int i = 0; i < influence.length; i++) {
        sums[unitOf[i]] += weight(i) * influence[i];
      }
      double ss = 0;
      for (double s : sums) {
        ss += s * s;
      }
      double variance = count > 1 ? ss * count / (count - 1) / (total * total) : Double.NaN;
      return Interval.of(estimate, Math.sqrt(variance), count - 1, level);
    }
  }
}
