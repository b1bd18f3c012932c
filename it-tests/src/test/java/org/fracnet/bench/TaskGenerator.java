package org.fracnet.bench;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.util.zip.GZIPOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The benchmark task: D = 32 standard-normal features, K = 6 fractions from a fixed random teacher
 * {@code softmax(W2 tanh(W1 x) / 0.5 + b)}, with W1 (64 x 32) entries N(0, 1.5^2 / 32), W2 (6 x 64)
 * entries N(0, 1 / 64) and b solved so that the class means over the input distribution are
 * {@link #CLASS_MEANS}.
 *
 * <p>The teacher is drawn from {@code seed}; b is calibrated on 100,000 inputs of its own stream;
 * the training rows, then the test rows, come from a third stream. Everything follows from the
 * seed, so the files are identical on every run with the same arguments.
 */
public final class TaskGenerator {
  public static final int FEATURES = 32;
  public static final int HIDDEN = 64;
  public static final int CLASSES = 6;
  public static final double[] CLASS_MEANS = {0.70, 0.15, 0.08, 0.04, 0.025, 0.005};
  static final double TEMPERATURE = 0.5;
  static final int CALIBRATION_ROWS = 100_000;

  private final double[] w1 = new double[HIDDEN * FEATURES];
  private final double[] w2 = new double[CLASSES * HIDDEN];
  private final double[] b = new double[CLASSES];
  private final SplittableRandom data;

  /** Draws the teacher and calibrates its bias. */
  public TaskGenerator(long seed) {
    SplittableRandom teacher = new SplittableRandom(seed);
    SplittableRandom calibration = teacher.split();
    data = teacher.split();
    double sd1 = 1.5 / Math.sqrt(FEATURES);
    for (int i = 0; i < w1.length; i++) {
      w1[i] = sd1 * teacher.nextGaussian();
    }
    double sd2 = 1 / Math.sqrt(HIDDEN);
    for (int i = 0; i < w2.length; i++) {
      w2[i] = sd2 * teacher.nextGaussian();
    }
    calibrate(calibration);
  }

  /** Fixed-point iteration {@code b += log(target mean / model mean)} on a sample of scores. */
  private void calibrate(SplittableRandom rng) {
    double[] scores = new double[CALIBRATION_ROWS * CLASSES];
    double[] x = new double[FEATURES];
    double[] s = new double[CLASSES];
    for (int i = 0; i < CALIBRATION_ROWS; i++) {
      drawFeatures(rng, x);
      scores(x, s);
      System.arraycopy(s, 0, scores, i * CLASSES, CLASSES);
    }
    for (int k = 0; k < CLASSES; k++) {
      b[k] = Math.log(CLASS_MEANS[k]);
    }
    double[] mean = new double[CLASSES];
    double[] q = new double[CLASSES];
    for (int iter = 0; iter < 10_000; iter++) {
      java.util.Arrays.fill(mean, 0);
      for (int i = 0; i < CALIBRATION_ROWS; i++) {
        softmax(scores, i * CLASSES, q);
        for (int k = 0; k < CLASSES; k++) {
          mean[k] += q[k] / CALIBRATION_ROWS;
        }
      }
      double worst = 0;
      for (int k = 0; k < CLASSES; k++) {
        double step = Math.log(CLASS_MEANS[k] / mean[k]);
        b[k] += step;
        worst = Math.max(worst, Math.abs(step));
      }
      if (worst < 1e-12) {
        break;
      }
    }
  }

  private static void drawFeatures(SplittableRandom rng, double[] x) {
    for (int j = 0; j < FEATURES; j++) {
      x[j] = rng.nextGaussian();
    }
  }

  /** {@code W2 tanh(W1 x) / T} into {@code s}, without b. */
  private void scores(double[] x, double[] s) {
    double[] h = new double[HIDDEN];
    for (int u = 0; u < HIDDEN; u++) {
      double a = 0;
      for (int j = 0; j < FEATURES; j++) {
        a += w1[u * FEATURES + j] * x[j];
      }
      h[u] = Math.tanh(a);
    }
    for (int k = 0; k < CLASSES; k++) {
      double a = 0;
      for (int u = 0; u < HIDDEN; u++) {
        a += w2[k * HIDDEN + u] * h[u];
      }
      s[k] = a / TEMPERATURE;
    }
  }

  /** {@code softmax(scores[off..off+K) + b)} into {@code q}. */
  private void softmax(double[] scores, int off, double[] q) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < CLASSES; k++) {
      q[k] = scores[off + k] + b[k];
      max = Math.max(max, q[k]);
    }
    double sum = 0;
    for (int k = 0; k < CLASSES; k++) {
      q[k] = Math.exp(q[k] - max);
      sum += q[k];
    }
    for (int k = 0; k < CLASSES; k++) {
      q[k] /= sum;
    }
  }

  /** The teacher's bias b (after calibration). */
  public double[] bias() {
    return b.clone();
  }

  /**
   * Writes the next {@code rows} rows of the data stream to {@code file}: header
   * {@code x1..x32,y1..y6}, features and fractions as shortest float32 decimals; gzip-compressed
   * when the file's name ends in {@code .gz}.
   *
   * @return the mean target fractions of the rows written
   */
  public double[] write(Path file, int rows) throws IOException {
    double[] x = new double[FEATURES];
    double[] s = new double[CLASSES];
    double[] q = new double[CLASSES];
    double[] mean = new double[CLASSES];
    OutputStream raw = Files.newOutputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      raw = new GZIPOutputStream(raw, 1 << 16);
    }
    try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8), 1 << 16)) {
      StringBuilder line = new StringBuilder(512);
      for (int j = 1; j <= FEATURES; j++) {
        line.append('x').append(j).append(',');
      }
      for (int k = 1; k <= CLASSES; k++) {
        line.append('y').append(k).append(k < CLASSES ? "," : "\n");
      }
      out.append(line);
      for (int i = 0; i < rows; i++) {
        drawFeatures(data, x);
        scores(x, s);
        softmax(s, 0, q);
        line.setLength(0);
        for (int j = 0; j < FEATURES; j++) {
          line.append((float) x[j]).append(',');
        }
        for (int k = 0; k < CLASSES; k++) {
          line.append((float) q[k]).append(k < CLASSES - 1 ? ',' : '\n');
          mean[k] += q[k] / rows;
        }
        out.append(line);
      }
    }
    return mean;
  }

  /**
   * Writes {@code train.csv} ({@code trainRows}) and {@code test.csv} ({@code testRows}) to
   * {@code dir}: {@code java org.fracnet.bench.TaskGenerator DIR [TRAIN_ROWS TEST_ROWS SEED]}.
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : ".");
    int train = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    int test = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : BenchConfig.DEFAULT_SEED;
    Files.createDirectories(dir);
    TaskGenerator g = new TaskGenerator(seed);
    double[] m = g.write(dir.resolve("train.csv"), train);
    g.write(dir.resolve("test.csv"), test);
    System.out.println("train class means " + java.util.Arrays.toString(m));
  }
}
