package org.fracnet.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The bundled demo data: groups of people who share characteristics, and how many people of each
 * group commute by each of six modes. This is the situation fracnet was made for: one class holds
 * about 80 % of people on average ({@code car}), the smallest about 0.5 % ({@code ferry}), and the
 * targets are counts.
 *
 * <p>Generation (all draws from one {@link SplittableRandom} seeded with the given seed):
 * <ol>
 *   <li>per group: {@code age} ~ U(18, 80); {@code income_k} = lognormal(ln 45, 0.5);
 *       {@code distance_km} = lognormal(ln 8, 0.9); {@code urban} ~ Bernoulli(0.55);
 *       {@code household} ~ 1 + Poisson-like(1.6) capped at 7; {@code coast} ~ Bernoulli(0.15);
 *       group size n ~ U{20, ..., 300};</li>
 *   <li>logits of the six modes from a fixed teacher with interactions (distance x urban for the
 *       train, coast x distance for the ferry, a quadratic age effect for the bike), plus a
 *       per-group N(0, 0.25^2) disturbance so the fractions are not a pure function of the
 *       features;</li>
 *   <li>biases calibrated (ten fixed-point steps) so that the mean fractions are 0.80, 0.07, 0.06,
 *       0.04, 0.025 and 0.005;</li>
 *   <li>counts drawn from Multinomial(n, softmax(logits)).</li>
 * </ol>
 * The bundled file, {@value #RESOURCE} next to this class ({@link #csv()}, read as a data set by
 * {@link #dataset()}), is {@code generate(2000, 20261127)}; a test checks it still matches.
 */
public final class DemoData {
  /** The six classes, in column order. */
  public static final String[] CLASSES = {"car", "bus", "bike", "walk", "train", "ferry"};
  /** The feature columns, in order. */
  public static final String[] FEATURES = {"age", "income_k", "distance_km", "urban", "household", "coast"};
  /** The target mean fraction per class. */
  static final double[] TARGET_MEANS = {0.80, 0.07, 0.06, 0.04, 0.025, 0.005};
  /** Rows in the bundled file. */
  public static final int BUNDLED_ROWS = 2000;
  /** Seed of the bundled file. */
  public static final long BUNDLED_SEED = 20261127L;
  /** The bundled file's name, a resource in this class's package. */
  public static final String RESOURCE = "demo-commute.csv";
  /** The id column of the bundled file: one id per group. */
  public static final String ID_COLUMN = "group_id";

  private DemoData() {}

  /**
   * How the bundled file's columns are read: counts of the six {@link #CLASSES}, the six
   * {@link #FEATURES}, ids in {@value #ID_COLUMN}.
   *
   * @return the spec
   */
  public static DatasetSpec spec() {
    return new DatasetSpec(String.join(",", CLASSES), TargetKind.COUNTS, null, String.join(",", FEATURES),
        ID_COLUMN);
  }

  /**
   * The bundled demo data: {@value #BUNDLED_ROWS} groups, targets as counts (so each group is
   * weighted by its size), read and checked as any CSV file.
   *
   * @return the data set
   */
  public static Dataset dataset() {
    return CsvDatasetReader.read(RESOURCE + " (bundled)", csv(), spec(), message -> { });
  }

  /**
   * Opens the bundled CSV file (UTF-8, a header line, then one line per group), e.g. to copy it.
   *
   * @return a new stream, which the caller closes
   */
  public static InputStream csv() {
    InputStream in = DemoData.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException(RESOURCE + " is missing from fracnet-core's jar, next to " + DemoData.class);
    }
    return in;
  }

  /**
   * Writes {@code rows} groups generated from {@code seed} as CSV (group_id, features, counts).
   *
   * @param rows the number of groups
   * @param seed the seed of every draw
   * @param out receives the file (flushed, not closed)
   * @throws IOException when {@code out} fails
   */
  public static void generate(int rows, long seed, OutputStream out) throws IOException {
    SplittableRandom rng = new SplittableRandom(seed);
    int k = CLASSES.length;
    double[][] f = new double[rows][FEATURES.length];
    double[][] raw = new double[rows][k];
    int[] size = new int[rows];
    for (int i = 0; i < rows; i++) {
      double age = 18 + 62 * rng.nextDouble();
      double income = Math.exp(Math.log(45) + 0.5 * gaussian(rng));
      double distance = Math.exp(Math.log(8) + 0.9 * gaussian(rng));
      double urban = rng.nextDouble() < 0.55 ? 1 : 0;
      int household = 1;
      while (household < 7 && rng.nextDouble() < 0.6) {
        household++;
      }
      double coast = rng.nextDouble() < 0.15 ? 1 : 0;
      size[i] = 20 + rng.nextInt(281);
      f[i] = new double[] {round(age, 1), round(income, 2), round(distance, 2), urban, household, coast};
      double a = (age - 45) / 15;
      double ld = Math.log(distance / 8);
      double li = Math.log(income / 45);
      raw[i][0] = 0.6 * li + 0.3 * (household - 2) + 0.4 * ld - 0.8 * urban;
      raw[i][1] = 0.9 * urban - 0.7 * li + 0.2 * ld - 0.2 * a;
      raw[i][2] = -0.9 * ld - 0.5 * a * a - 0.4 * a + 0.5 * urban;
      raw[i][3] = -1.8 * ld + 0.5 * urban - 0.2 * household;
      raw[i][4] = 1.4 * urban * Math.max(ld, 0) + 0.5 * li - 0.6 * (1 - urban);
      raw[i][5] = coast * (1.6 + 0.6 * ld) - 2.0 * (1 - coast);
      for (int j = 0; j < k; j++) {
        raw[i][j] += 0.25 * gaussian(rng);
      }
    }
    double[] bias = new double[k];
    double[] mean = new double[k];
    double[] q = new double[k];
    for (int step = 0; step < 10; step++) {
      java.util.Arrays.fill(mean, 0);
      for (int i = 0; i < rows; i++) {
        softmax(raw[i], bias, q);
        for (int j = 0; j < k; j++) {
          mean[j] += q[j] / rows;
        }
      }
      for (int j = 0; j < k; j++) {
        bias[j] += Math.log(TARGET_MEANS[j] / mean[j]);
      }
    }
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write(ID_COLUMN + "," + String.join(",", FEATURES) + "," + String.join(",", CLASSES) + "\n");
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      softmax(raw[i], bias, q);
      int[] counts = multinomial(rng, size[i], q);
      line.setLength(0);
      line.append(String.format(Locale.ROOT, "g%04d", i + 1));
      for (double v : f[i]) {
        line.append(',').append(v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v));
      }
      for (int c : counts) {
        line.append(',').append(c);
      }
      w.write(line.append('\n').toString());
    }
    w.flush();
  }

  private static double round(double v, int digits) {
    double s = Math.pow(10, digits);
    return Math.round(v * s) / s;
  }

  private static void softmax(double[] z, double[] bias, double[] out) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < z.length; j++) {
      max = Math.max(max, z[j] + bias[j]);
    }
    double sum = 0;
    for (int j = 0; j < z.length; j++) {
      out[j] = Math.exp(z[j] + bias[j] - max);
      sum += out[j];
    }
    for (int j = 0; j < z.length; j++) {
      out[j] /= sum;
    }
  }

  private static int[] multinomial(SplittableRandom rng, int n, double[] q) {
    int[] counts = new int[q.length];
    for (int t = 0; t < n; t++) {
      double u = rng.nextDouble();
      int j = 0;
      while (j < q.length - 1 && u >= q[j]) {
        u -= q[j];
        j++;
      }
      counts[j]++;
    }
    return counts;
  }

  private static double gaussian(SplittableRandom rng) {
    // Box-Muller; one value per call keeps the stream simple to reproduce.
    double u1 = 1 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Writes the bundled demo file to standard output: {@code java ... DemoData [rows] [seed]}. */
  public static void main(String[] args) throws IOException {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : BUNDLED_ROWS;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : BUNDLED_SEED;
    generate(rows, seed, System.out);
  }
}
