package org.fracnet.trainers.java;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fracnet.core.data.Dataset;

/**
 * Synthetic fractions from a known softmax teacher: standard normal features, logits from a
 * random linear map (optionally through a hidden tanh layer), targets the teacher's softmax
 * exactly, row weights between 1 and 5.
 */
public final class TeacherData {
  private final int features;
  private final int classes;
  private final int hidden;
  private final double[] w1;
  private final double[] w2;

  /**
   * @param hidden 0 for a linear teacher, otherwise the width of a hidden tanh layer
   */
  public TeacherData(int features, int classes, int hidden, long seed) {
    this.features = features;
    this.classes = classes;
    this.hidden = hidden;
    SplittableRandom r = new SplittableRandom(seed);
    int mid = hidden == 0 ? features : hidden;
    w1 = new double[mid * features];
    for (int i = 0; i < w1.length; i++) {
      w1[i] = r.nextGaussian() * (hidden == 0 ? 0.8 : 1.5) / Math.sqrt(features);
    }
    w2 = new double[classes * mid];
    for (int i = 0; i < w2.length; i++) {
      w2[i] = r.nextGaussian() * (hidden == 0 ? 1 : 2.0 / Math.sqrt(mid));
    }
  }

  public Dataset sample(int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[rows * features];
    double[] p = new double[rows * classes];
    double[] w = new double[rows];
    int mid = hidden == 0 ? features : hidden;
    double[] h = new double[mid];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < features; j++) {
        x[i * features + j] = r.nextGaussian();
      }
      for (int m = 0; m < mid; m++) {
        double s = 0;
        for (int j = 0; j < features; j++) {
          s += w1[m * features + j] * x[i * features + j];
        }
        h[m] = hidden == 0 ? s : Math.tanh(s);
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < classes; k++) {
        double s = 0;
        for (int m = 0; m < mid; m++) {
          s += w2[k * mid + m] * h[m];
        }
        p[i * classes + k] = s;
        max = Math.max(max, s);
      }
      double sum = 0;
      for (int k = 0; k < classes; k++) {
        p[i * classes + k] = Math.exp(p[i * classes + k] - max);
        sum += p[i * classes + k];
      }
      for (int k = 0; k < classes; k++) {
        p[i * classes + k] /= sum;
      }
      w[i] = 1 + r.nextInt(5);
    }
    List<String> fn = new ArrayList<>();
    for (int j = 0; j < features; j++) {
      fn.add("x" + j);
    }
    List<String> cn = new ArrayList<>();
    for (int k = 0; k < classes; k++) {
      cn.add("y" + k);
    }
    return new Dataset("teacher", x, p, w, false, fn, cn, null, null);
  }

  /** Weighted mean KL(p || q) of the data's targets against predictions q (n x k). */
  public static double kl(Dataset data, double[] q) {
    int k = data.classCount();
    double[] p = data.targets();
    double[] w = data.weights();
    double total = 0;
    double weight = 0;
    for (int i = 0; i < data.rows(); i++) {
      double row = 0;
      for (int j = 0; j < k; j++) {
        double pj = p[i * k + j];
        if (pj > 0) {
          row += pj * Math.log(pj / q[i * k + j]);
        }
      }
      total += w[i] * row;
      weight += w[i];
    }
    return total / weight;
  }

  /**
   * The weighted mean KL of predictions {@code q} on {@code test}, relative to that of predicting
   * the class means of {@code train}.
   */
  public static double klRelativeToTheMean(Dataset train, Dataset test, double[] q) {
    return kl(test, q) / kl(test, meanPrediction(train, test));
  }

  /** Predictions that repeat the weighted class means of {@code train} for every row of {@code data}. */
  public static double[] meanPrediction(Dataset train, Dataset data) {
    int k = train.classCount();
    double[] mean = new double[k];
    double total = 0;
    for (int i = 0; i < train.rows(); i++) {
      for (int j = 0; j < k; j++) {
        mean[j] += train.weights()[i] * train.targets()[i * k + j];
      }
      total += train.weights()[i];
    }
    double[] q = new double[data.rows() * k];
    for (int i = 0; i < data.rows(); i++) {
      for (int j = 0; j < k; j++) {
        q[i * k + j] = mean[j] / total;
      }
    }
    return q;
  }
}
