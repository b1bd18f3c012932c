package org.fracnet.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Calibration of one class: the rows binned by their predicted fraction q_c, and in each bin the
 * weighted mean predicted against the weighted mean observed fraction p_c. A calibrated predictor
 * lies on the diagonal: among rows predicted to hold 2 % of class c, class c holds 2 % on average.
 *
 * <p>The bins are quantiles of q_c by row weight (each holds about the same share of the total
 * weight), not fixed widths: a 0.5 % class predicted between 0.1 % and 2 % would fall into one bin
 * of width 0.1, but gets ten bins here. Rows with equal q_c stay in one bin, so with many ties or
 * heavy rows there can be fewer bins than asked for; bins without weight are left out.
 *
 * @param bins the bins, in increasing order of predicted fraction
 */
public record Calibration(List<Bin> bins) {
  /** The number of bins when none is given. */
  public static final int DEFAULT_BINS = 10;

  public Calibration {
    bins = List.copyOf(bins);
  }

  /**
   * One bin of rows with neighbouring predicted fractions.
   *
   * @param lowest the smallest predicted fraction in the bin
   * @param highest the largest predicted fraction in the bin
   * @param meanPredicted the weighted mean predicted fraction q_c
   * @param meanObserved the weighted mean target fraction p_c
   * @param observedStandardError the standard error of {@code meanObserved}, rows taken as
   *     independent (NaN for a bin of one row): the spread a calibrated predictor's bins show
   *     around the diagonal
   * @param weight the total row weight in the bin
   * @param rows the number of rows in the bin
   */
  public record Bin(double lowest, double highest, double meanPredicted, double meanObserved,
      double observedStandardError, double weight, int rows) {}

  /**
   * Bins the rows by their predicted fraction of class {@code classIndex}.
   *
   * @param n rows
   * @param k classes
   * @param classIndex the class c, 0-based column
   * @param p n x k target fractions, row-major
   * @param q n x k predicted fractions, row-major
   * @param w n non-negative row weights, or {@code null} for all ones
   * @param bins the number of quantile bins asked for, at least 1
   */
  public static Calibration of(int n, int k, int classIndex, double[] p, double[] q, double[] w, int bins) {
    if (p.length < n * k || q.length < n * k || (w != null && w.length < n)) {
      throw new IllegalArgumentException("arrays are shorter than " + n + " rows of " + k + " classes");
    }
    if (classIndex < 0 || classIndex >= k || bins < 1) {
      throw new IllegalArgumentException("class index " + classIndex + " of " + k + " classes, " + bins + " bins");
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      double wi = weight(w, i);
      if (!(wi >= 0) || Double.isInfinite(wi)) {
        throw new IllegalArgumentException("row " + i + " has weight " + wi);
      }
      total += wi;
    }
    Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> q[i * k + classIndex]));
    List<Bin> out = new ArrayList<>();
    Accumulator acc = new Accumulator();
    int currentBin = 0;
    double before = 0;
    for (int start = 0; start < n;) {
      double value = q[order[start] * k + classIndex];
      int end = start;
      double tieWeight = 0;
      while (end < n && q[order[end] * k + classIndex] == value) {
        tieWeight += weight(w, order[end]);
        end++;
      }
      // Rows tied in q go to the bin that holds the middle of their weight.
      int bin = total > 0 ? (int) Math.min(bins - 1, Math.floor((before + tieWeight / 2) / total * bins)) : 0;
      if (bin != currentBin) {
        acc.flushInto(out);
        currentBin = bin;
      }
      for (int r = start; r < end; r++) {
        int i = order[r];
        acc.add(q[i * k + classIndex], p[i * k + classIndex], weight(w, i));
      }
      before += tieWeight;
      start = end;
    }
    acc.flushInto(out);
    return new Calibration(out);
  }

  /**
   * {@link #of} for every class, with {@value #DEFAULT_BINS} bins.
   *
   * @param n rows
   * @param classNames K names, in column order
   * @param p n x K target fractions, row-major
   * @param q n x K predicted fractions, row-major
   * @param w n non-negative row weights, or {@code null} for all ones
   * @return class name to its calibration, in class order
   */
  public static Map<String, Calibration> perClass(int n, List<String> classNames, double[] p, double[] q, double[] w) {
    Map<String, Calibration> out = new LinkedHashMap<>();
    for (int c = 0; c < classNames.size(); c++) {
      out.put(classNames.get(c), of(n, classNames.size(), c, p, q, w, DEFAULT_BINS));
    }
    return out;
  }

  /**
   * The expected calibration error: the weight-weighted mean over bins of |meanPredicted -
   * meanObserved| (Naeini, Cooper and Hauskrecht, AAAI 2015), in units of the fraction. Divide by
   * the class's mean target to compare classes of different size.
   */
  public double expectedCalibrationError() {
    double sum = 0;
    double weight = 0;
    for (Bin b : bins) {
      sum += b.weight() * Math.abs(b.meanPredicted() - b.meanObserved());
      weight += b.weight();
    }
    return sum / weight;
  }

  private static double weight(double[] w, int i) {
    return w == null ? 1 : w[i];
  }

  /** Sums of one bin, two passes' worth: the observed spread needs the bin's mean first. */
  private static final class Accumulator {
    private final List<double[]> rows = new ArrayList<>();

    void add(double predicted, double observed, double weight) {
      rows.add(new double[] {predicted, observed, weight});
    }

    void flushInto(List<Bin> out) {
      double weight = 0;
      double predicted = 0;
      double observed = 0;
      for (double[] r : rows) {
        weight += r[2];
        predicted += r[2] * r[0];
        observed += r[2] * r[1];
      }
      if (weight > 0) {
        double meanObserved = observed / weight;
        double spread = 0;
        for (double[] r : rows) {
          spread += r[2] * r[2] * (r[1] - meanObserved) * (r[1] - meanObserved);
        }
        int m = rows.size();
        double se = m > 1 ? Math.sqrt(spread * m / (m - 1)) / weight : Double.NaN;
        out.add(new Bin(rows.get(0)[0], rows.get(m - 1)[0], predicted / weight, meanObserved, se, weight, m));
      }
      rows.clear();
    }
  }
}
