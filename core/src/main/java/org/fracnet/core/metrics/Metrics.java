package org.fracnet.core.metrics;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Computes {@link MetricReport}s. Stateless and thread-safe. */
public final class Metrics {
  private Metrics() {}

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
    int k = classNames.size();
    if (p.length < n * k || q.length < n * k || (w != null && w.length < n)) {
      throw new IllegalArgumentException("arrays are shorter than " + n + " rows of " + k + " classes");
    }
    if (n == 0) {
      throw new IllegalArgumentException("no rows to evaluate");
    }
    double[] overall = new double[Metric.values().length];
    double[] mse = new double[k];
    double[] mae = new double[k];
    double[] kl = new double[k];
    double[] cheb = new double[k];
    double[] clarkSq = new double[k];
    double[] canberra = new double[k];
    double[] inter = new double[k];
    double[] pq = new double[k];
    double[] pp = new double[k];
    double[] qq = new double[k];
    double[] meanP = new double[k];
    double[] meanQ = new double[k];
    double total = 0;
    for (int i = 0; i < n; i++) {
      double wi = w == null ? 1 : w[i];
      total += wi;
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
        double sum = pv + qv;
        double klTerm = pv > 0 ? pv * Math.log(pv / Math.max(qv, Metric.Q_FLOOR)) : 0;
        double clarkTerm = sum > 0 ? diff * diff / (sum * sum) : 0;
        double canTerm = sum > 0 ? abs / sum : 0;
        double m = sum / 2;
        double js = (pv > 0 ? pv * Math.log(pv / m) : 0) + (qv > 0 ? qv * Math.log(qv / m) : 0);
        double hel = Math.sqrt(pv) - Math.sqrt(Math.max(qv, 0));
        rowMse += diff * diff;
        rowMae += abs;
        rowKl += klTerm;
        rowCheb = Math.max(rowCheb, abs);
        rowClark += clarkTerm;
        rowCan += canTerm;
        rowDot += pv * qv;
        rowPp += pv * pv;
        rowQq += qv * qv;
        rowInter += Math.min(pv, qv);
        rowJs += js;
        rowHel += hel * hel;
        mse[j] += wi * diff * diff;
        mae[j] += wi * abs;
        kl[j] += wi * klTerm;
        cheb[j] = Math.max(cheb[j], abs);
        clarkSq[j] += wi * clarkTerm;
        canberra[j] += wi * canTerm;
        inter[j] += wi * Math.min(pv, qv);
        pq[j] += wi * pv * qv;
        pp[j] += wi * pv * pv;
        qq[j] += wi * qv * qv;
        meanP[j] += wi * pv;
        meanQ[j] += wi * qv;
      }
      double cos = rowPp > 0 && rowQq > 0 ? rowDot / Math.sqrt(rowPp * rowQq) : 0;
      overall[Metric.MSE.ordinal()] += wi * rowMse / k;
      overall[Metric.MAE.ordinal()] += wi * rowMae / k;
      overall[Metric.KL.ordinal()] += wi * rowKl;
      overall[Metric.CHEBYSHEV.ordinal()] += wi * rowCheb;
      overall[Metric.CLARK.ordinal()] += wi * Math.sqrt(rowClark);
      overall[Metric.CANBERRA.ordinal()] += wi * rowCan;
      overall[Metric.COSINE.ordinal()] += wi * cos;
      overall[Metric.INTERSECTION.ordinal()] += wi * rowInter;
      overall[Metric.JENSEN_SHANNON.ordinal()] += wi * rowJs / 2;
      overall[Metric.HELLINGER.ordinal()] += wi * Math.sqrt(rowHel / 2);
      overall[Metric.TOTAL_VARIATION.ordinal()] += wi * rowMae / 2;
    }
    Map<Metric, Double> overallMap = new EnumMap<>(Metric.class);
    for (Metric metric : Metric.values()) {
      overallMap.put(metric, overall[metric.ordinal()] / total);
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
    return new MetricReport(n, total, overallMap, perClass);
  }
}
