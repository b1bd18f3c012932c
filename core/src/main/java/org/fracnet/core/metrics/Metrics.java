package org.fracnet.core.metrics;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes {@link MetricReport}s, and the per-row values behind them for paired comparisons.
 * Stateless and thread-safe.
 */
public final class Metrics {
  /** The per-class metrics that are weighted means of one term per row (see {@link #perRowOfClass}). */
  private static final Set<Metric> ROW_MEANS_PER_CLASS =
      EnumSet.of(Metric.MSE, Metric.MAE, Metric.KL, Metric.CANBERRA, Metric.INTERSECTION);

  private Metrics() {}

  /**
   * The MSE skill of a class: 1 - {@code mse} / the mean predictor's MSE for the class, from the
   * mean predictor's per-class measures ({@code mse} and {@code mean_target}, as
   * {@link MetricReport#perClass()} holds them). Above 0, the predictions follow the class's
   * fraction row by row better than its constant mean does. NaN when that constant predicts the
   * class exactly, which leaves no scale: its MSE below 1e-12 of the squared mean (a class with one
   * value in every row sums to 1e-33, not 0).
   */
  public static double mseSkill(double mse, Map<String, Double> meanPredictorOfClass) {
    double constant = meanPredictorOfClass.get(Metric.MSE.key());
    double mean = meanPredictorOfClass.get("mean_target");
    return constant > 1e-12 * mean * mean && constant > 0 ? 1 - mse / constant : Double.NaN;
  }

  /**
   * Evaluates predictions {@code q} against targets {@code p}.
   *
   * @param n rows
   * @param classNames K names, in column order
   * @param p n x K target fractions, row-major
   * @param q n x K predicted fractions, row-major
   * @param w n positive row weights, or {@code null} for all ones
   */
  public static MetricReport evaluate(int n, List<String> classNames, double[] p, double[] q, double[] w) {
    Sums sums = new Sums(classNames);
    sums.add(n, p, q, w);
    return sums.report();
  }

  /**
   * The sums behind a {@link MetricReport}, added a part of the rows at a time (e.g. chunks of a
   * file too large for memory); {@link #report} then equals {@link #evaluate} on all rows, bit for
   * bit, when the parts are added in row order. Mutable, not thread-safe.
   */
  public static final class Sums {
    private final List<String> classNames;
    private final int k;
    private final double[] overall = new double[Metric.values().length];
    private final double[] row = new double[overall.length];
    private final double[] mse;
    private final double[] mae;
    private final double[] kl;
    private final double[] cheb;
    private final double[] clarkSq;
    private final double[] canberra;
    private final double[] inter;
    private final double[] pq;
    private final double[] pp;
    private final double[] qq;
    private final double[] meanP;
    private final double[] meanQ;
    private double total;
    private long rows;

    /** No rows yet, of the classes {@code classNames}, in column order. */
    public Sums(List<String> classNames) {
      this.classNames = List.copyOf(classNames);
      this.k = classNames.size();
      mse = new double[k];
      mae = new double[k];
      kl = new double[k];
      cheb = new double[k];
      clarkSq = new double[k];
      canberra = new double[k];
      inter = new double[k];
      pq = new double[k];
      pp = new double[k];
      qq = new double[k];
      meanP = new double[k];
      meanQ = new double[k];
    }

    /** Adds {@code n} rows, arrays as {@link #evaluate} takes them. */
    public void add(int n, double[] p, double[] q, double[] w) {
      checkShapes(n, k, p, q, w);
      for (int i = 0; i < n; i++) {
        double wi = w == null ? 1 : w[i];
        total += wi;
        rowValues(k, p, q, i, row);
        for (int m = 0; m < overall.length; m++) {
          overall[m] += wi * row[m];
        }
        for (int j = 0; j < k; j++) {
          double pv = p[i * k + j];
          double qv = q[i * k + j];
          double diff = pv - qv;
          double abs = Math.abs(diff);
          mse[j] += wi * diff * diff;
          mae[j] += wi * abs;
          kl[j] += wi * klTerm(pv, qv);
          cheb[j] = Math.max(cheb[j], abs);
          clarkSq[j] += wi * clarkTerm(pv, qv);
          canberra[j] += wi * canberraTerm(pv, qv);
          inter[j] += wi * Math.min(pv, qv);
          pq[j] += wi * pv * qv;
          pp[j] += wi * pv * pv;
          qq[j] += wi * qv * qv;
          meanP[j] += wi * pv;
          meanQ[j] += wi * qv;
        }
      }
      rows += n;
    }

    /**
     * The report of the rows added.
     *
     * @throws IllegalArgumentException when no rows were added, or more than a report counts
     */
    public MetricReport report() {
      if (rows == 0) {
        throw new IllegalArgumentException("no rows to evaluate");
      }
      if (rows > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(rows + " rows; a report counts at most " + Integer.MAX_VALUE);
      }
      Map<Metric, Double> overallMap = new EnumMap<>(Metric.class);
      for (Metric metric : Metric.values()) {
        double v = overall[metric.ordinal()] / total;
        // KL is never below 0; rounding gives -1e-17 where predictions equal the targets, printed as -0.00000
        overallMap.put(metric, metric == Metric.KL && v < 0 && v > -1e-12 ? 0.0 : v);
      }
      Map<String, Map<String, Double>> perClass = new LinkedHashMap<>();
      for (int j = 0; j < k; j++) {
        Map<String, Double> c = new LinkedHashMap<>();
        c.put(Metric.MSE.key(), mse[j] / total);
        c.put(Metric.MAE.key(), mae[j] / total);
        c.put(Metric.KL.key(), kl[j] / total);
        c.put(Metric.CHEBYSHEV.key(), cheb[j]);
        c.put(Metric.CLARK.key(), Math.sqrt(clarkSq[j] / total));
        c.put(Metric.CANBERRA.key(), canberra[j] / total);
        c.put(Metric.COSINE.key(), pp[j] > 0 && qq[j] > 0 ? pq[j] / Math.sqrt(pp[j] * qq[j]) : 0);
        c.put(Metric.INTERSECTION.key(), inter[j] / total);
        double mp = meanP[j] / total;
        double mq = meanQ[j] / total;
        c.put("mean_target", mp);
        c.put("mean_predicted", mq);
        c.put("relative_error_of_mean", mp > 0 ? (mq - mp) / mp : Double.NaN);
        perClass.put(classNames.get(j), c);
      }
      return new MetricReport((int) rows, total, overallMap, perClass);
    }
  }

  /**
   * The value of {@code metric} on each row: the weighted mean of these values with the row
   * weights is the overall value {@link #evaluate} reports, so two candidates' per-row values on
   * the same rows can be compared pairwise ({@link org.fracnet.core.stats.PairedComparison}).
   *
   * @param metric the metric
   * @param n rows
   * @param k classes
   * @param p n x k target fractions, row-major
   * @param q n x k predicted fractions, row-major
   * @return n values, in row order
   */
  public static double[] perRow(Metric metric, int n, int k, double[] p, double[] q) {
    checkShapes(n, k, p, q, null);
    double[] row = new double[Metric.values().length];
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      rowValues(k, p, q, i, row);
      out[i] = row[metric.ordinal()];
    }
    return out;
  }

  /**
   * Each row's term of a per-class metric that is a weighted mean over rows: {@code mse} (p_c -
   * q_c)^2, {@code mae} |p_c - q_c|, {@code kl} p_c ln(p_c / q_c) (the class's KL contribution),
   * {@code canberra} |p_c - q_c| / (p_c + q_c) and {@code intersection} min(p_c, q_c). Their
   * weighted mean with the row weights is the per-class value of {@link #evaluate}. The other
   * per-class metrics (a maximum, a square root or a ratio of sums) have no such terms.
   *
   * @param metric one of MSE, MAE, KL, CANBERRA, INTERSECTION
   * @param n rows
   * @param k classes
   * @param classIndex the class c, 0-based column
   * @param p n x k target fractions, row-major
   * @param q n x k predicted fractions, row-major
   * @return n values, in row order
   * @throws IllegalArgumentException for another metric
   */
  public static double[] perRowOfClass(Metric metric, int n, int k, int classIndex, double[] p, double[] q) {
    checkShapes(n, k, p, q, null);
    if (!ROW_MEANS_PER_CLASS.contains(metric)) {
      throw new IllegalArgumentException("per class, " + metric.key() + " is not a mean over rows; only "
          + ROW_MEANS_PER_CLASS + " are");
    }
    if (classIndex < 0 || classIndex >= k) {
      throw new IllegalArgumentException("class index " + classIndex + " is outside 0.." + (k - 1));
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double pv = p[i * k + classIndex];
      double qv = q[i * k + classIndex];
      out[i] = switch (metric) {
        case MSE -> (pv - qv) * (pv - qv);
        case MAE -> Math.abs(pv - qv);
        case KL -> klTerm(pv, qv);
        case CANBERRA -> canberraTerm(pv, qv);
        default -> Math.min(pv, qv);
      };
    }
    return out;
  }

  private static void checkShapes(int n, int k, double[] p, double[] q, double[] w) {
    if (p.length < n * k || q.length < n * k || (w != null && w.length < n)) {
      throw new IllegalArgumentException("arrays are shorter than " + n + " rows of " + k + " classes");
    }
  }

  /** Fills {@code out} (indexed by {@link Metric#ordinal()}) with every metric of row {@code i}. */
  private static void rowValues(int k, double[] p, double[] q, int i, double[] out) {
    double rowMse = 0;
    double rowMae = 0;
    double rowKl = 0;
    double rowCheb = 0;
    double rowClark = 0;
    double rowCan = 0;
    double rowDot = 0;
    double rowPp = 0;
    double rowQq = 0;
    double rowInter = 0;
    double rowJs = 0;
    double rowHel = 0;
    for (int j = 0; j < k; j++) {
      double pv = p[i * k + j];
      double qv = q[i * k + j];
      double diff = pv - qv;
      double abs = Math.abs(diff);
      double m = (pv + qv) / 2;
      double js = (pv > 0 ? pv * Math.log(pv / m) : 0) + (qv > 0 ? qv * Math.log(qv / m) : 0);
      double hel = Math.sqrt(pv) - Math.sqrt(Math.max(qv, 0));
      rowMse += diff * diff;
      rowMae += abs;
      rowKl += klTerm(pv, qv);
      rowCheb = Math.max(rowCheb, abs);
      rowClark += clarkTerm(pv, qv);
      rowCan += canberraTerm(pv, qv);
      rowDot += pv * qv;
      rowPp += pv * pv;
      rowQq += qv * qv;
      rowInter += Math.min(pv, qv);
      rowJs += js;
      rowHel += hel * hel;
    }
    out[Metric.MSE.ordinal()] = rowMse / k;
    out[Metric.MAE.ordinal()] = rowMae / k;
    out[Metric.KL.ordinal()] = rowKl;
    out[Metric.CHEBYSHEV.ordinal()] = rowCheb;
    out[Metric.CLARK.ordinal()] = Math.sqrt(rowClark);
    out[Metric.CANBERRA.ordinal()] = rowCan;
    out[Metric.COSINE.ordinal()] = rowPp > 0 && rowQq > 0 ? rowDot / Math.sqrt(rowPp * rowQq) : 0;
    out[Metric.INTERSECTION.ordinal()] = rowInter;
    out[Metric.JENSEN_SHANNON.ordinal()] = rowJs / 2;
    out[Metric.HELLINGER.ordinal()] = Math.sqrt(rowHel / 2);
    out[Metric.TOTAL_VARIATION.ordinal()] = rowMae / 2;
    out[Metric.AITCHISON.ordinal()] = aitchison(k, p, q, i);
  }

  /** The Aitchison distance of row {@code i}, with both rows floored at {@link Metric#AITCHISON_FLOOR}. */
  private static double aitchison(int k, double[] p, double[] q, int i) {
    double meanLogRatio = 0;
    for (int j = 0; j < k; j++) {
      meanLogRatio += logRatio(p[i * k + j], q[i * k + j]);
    }
    meanLogRatio /= k;
    double sum = 0;
    for (int j = 0; j < k; j++) {
      double d = logRatio(p[i * k + j], q[i * k + j]) - meanLogRatio;
      sum += d * d;
    }
    return Math.sqrt(sum);
  }

  /** ln(p / q) of the floored parts: clr(p) - clr(q) is this minus its mean over the row. */
  private static double logRatio(double pv, double qv) {
    return Math.log(Math.max(pv, Metric.AITCHISON_FLOOR) / Math.max(qv, Metric.AITCHISON_FLOOR));
  }

  private static double klTerm(double pv, double qv) {
    return pv > 0 ? pv * Math.log(pv / Math.max(qv, Metric.Q_FLOOR)) : 0;
  }

  private static double clarkTerm(double pv, double qv) {
    double sum = pv + qv;
    double diff = pv - qv;
    return sum > 0 ? diff * diff / (sum * sum) : 0;
  }

  private static double canberraTerm(double pv, double qv) {
    double sum = pv + qv;
    return sum > 0 ? Math.abs(pv - qv) / sum : 0;
  }
}
