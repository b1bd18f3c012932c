package org.fracnet.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Metrics added a chunk at a time equal the metrics of all rows at once, bit for bit. */
class MetricSumsTest {
  @Test
  void chunksAddedInRowOrderGiveTheSameReportBitForBit() {
    int n = 1000;
    int k = 3;
    SplittableRandom rng = new SplittableRandom(5);
    double[] p = new double[n * k];
    double[] q = new double[n * k];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      fill(rng, p, i * k, i % 7 == 0);
      fill(rng, q, i * k, false);
      w[i] = 0.5 + rng.nextDouble();
    }
    List<String> classes = List.of("a", "b", "c");
    MetricReport all = Metrics.evaluate(n, classes, p, q, w);
    Metrics.Sums sums = new Metrics.Sums(classes);
    for (int from = 0; from < n; from += 300) {
      int m = Math.min(300, n - from);
      sums.add(m, slice(p, from * k, m * k), slice(q, from * k, m * k), slice(w, from, m));
    }
    MetricReport chunked = sums.report();
    assertThat(chunked.rows()).isEqualTo(n);
    assertThat(chunked.totalWeight()).isEqualTo(all.totalWeight());
    assertThat(chunked.overall()).isEqualTo(all.overall());
    assertThat(chunked.perClass()).isEqualTo(all.perClass());
  }

  private static void fill(SplittableRandom rng, double[] a, int at, boolean withZero) {
    double x = rng.nextDouble();
    double y = withZero ? 0 : rng.nextDouble();
    double z = rng.nextDouble();
    double s = x + y + z;
    a[at] = x / s;
    a[at + 1] = y / s;
    a[at + 2] = z / s;
  }

  private static double[] slice(double[] a, int from, int length) {
    return java.util.Arrays.copyOfRange(a, from, from + length);
  }
}
