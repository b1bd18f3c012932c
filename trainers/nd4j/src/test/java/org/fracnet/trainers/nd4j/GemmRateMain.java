package org.fracnet.trainers.nd4j;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A profile probe (not a test, not a benchmark): the single-thread GFLOP/s of ND4J's bundled
 * OpenBLAS {@code cblas_sgemm} on the shapes the trainer calls, as the best of 15 timings of
 * about 2 GFLOP each, so that other load on the machine moves it little. Run it with different
 * {@code OPENBLAS_CORETYPE} values to compare OpenBLAS's kernels (docs/performance.md, "OpenBLAS
 * kernels on Zen 4").
 *
 * <pre>
 * mvn -o -q -pl trainers/nd4j test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.fracnet.trainers.nd4j.GemmRateMain
 * </pre>
 */
public final class GemmRateMain {
  /** m, n, k and whether A is transposed (the weight-gradient form), as the worker calls them. */
  private static final int[][] SHAPES = {
      {128, 1024, 1024, 0}, {1024, 1024, 256, 1}, {128, 128, 128, 0}, {128, 128, 128, 1}, {128, 128, 32, 0}};

  private GemmRateMain() {}

  public static void main(String[] args) {
    Nd4j.factory().blas().setMaxThreads(1);
    StringBuilder out = new StringBuilder("OPENBLAS_CORETYPE=" + System.getenv("OPENBLAS_CORETYPE") + ":");
    for (int[] s : SHAPES) {
      int m = s[0];
      int n = s[1];
      int k = s[2];
      boolean transposedA = s[3] == 1;
      NativeBuffer a = filled(m * k);
      NativeBuffer b = filled(k * n);
      NativeBuffer c = new NativeBuffer(m * n);
      double flop = 2.0 * m * n * k;
      int repeats = (int) Math.max(5, 2e9 / flop);
      double best = Double.MAX_VALUE;
      for (int round = 0; round < 15; round++) {
        long t0 = System.nanoTime();
        for (int r = 0; r < repeats; r++) {
          if (transposedA) { // C (m x n) = A^T B, A stored k x m: a weight gradient D^T H
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, m, n, k, 1f, a.pointer, m, b.pointer, n, 0f, c.pointer, n);
          } else { // C (m x n) = A B^T, B stored n x k: a forward product H W^T
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, n, k, 1f, a.pointer, k, b.pointer, k, 0f, c.pointer, n);
          }
        }
        best = Math.min(best, (System.nanoTime() - t0) / 1e9 / repeats);
      }
      out.append(String.format(Locale.ROOT, "  %dx%dx%d%s %.1f GFLOP/s", m, n, k, transposedA ? " (A^T)" : "", flop / best / 1e9));
    }
    System.out.println(out);
  }

  private static NativeBuffer filled(int length) {
    NativeBuffer buffer = new NativeBuffer(length);
    for (int i = 0; i < length; i++) {
      buffer.floats.put(i, (i % 7 - 3) * 0.1f);
    }
    return buffer;
  }
}
