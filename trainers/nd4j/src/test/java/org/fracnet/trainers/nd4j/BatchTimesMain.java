package org.fracnet.trainers.nd4j;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.fracnet.trainers.java.Networks;
import org.fracnet.trainers.java.TeacherData;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.optim.AdamProvider;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Optimizer;
import org.fracnet.core.spi.Parameters;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A profile probe (not a test, not a benchmark): trains the benchmark's small MLP 32-128-128-6
 * with Adam, batch 256, on 200k shuffled synthetic rows for 5 epochs in a fresh JVM, as {@code
 * fracnet train} does, and prints how long the batches take: the mean per bucket of batches from
 * the first (the JIT warm-up curve), then the spread of the batches after the first 1000 (the
 * forward and backward passes and the update separately, median and tail). This is how
 * docs/performance.md ("Small MLP") splits a small run into warm-up, steady state and stalls.
 *
 * <pre>
 * mvn -o -q -pl trainers/nd4j test-compile exec:exec -Dexec.executable=java \
 *     -Dexec.args="-XX:+UseSerialGC -cp %classpath org.fracnet.trainers.nd4j.BatchTimesMain 2" \
 *     -Dexec.classpathScope=test
 * </pre>
 *
 * Argument: worker threads (default 2). Run it in its own JVM (exec:exec, not exec:java), so that
 * the warm-up is a fresh JVM's.
 */
public final class BatchTimesMain {
  private static final int ROWS = 200_000;
  private static final int BATCH = 256;
  private static final int EPOCHS = 5;
  /** Batches of the warm-up curve's buckets, then of the steady state's spread. */
  private static final int[] BUCKET_ENDS = {50, 100, 150, 200, 300, 400, 600, 800, 1000};

  private BatchTimesMain() {}

  public static void main(String[] args) {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    Nd4j.factory().blas().setMaxThreads(1); // as the trainer sets it
    Dataset train = new TeacherData(32, 6, 0, 1).sample(ROWS, 2);
    NetworkSpec spec = Networks.spec(Activation.RELU, 32, 128, 128, 6);
    int perEpoch = (ROWS + BATCH - 1) / BATCH;
    int steady = perEpoch * EPOCHS - BUCKET_ENDS[BUCKET_ENDS.length - 1];
    long[] passes = new long[steady];
    long[] updates = new long[steady];
    long[] batchNanos = new long[perEpoch * EPOCHS];
    long total = 0;
    try (Engine engine = new Engine(spec, Networks.crossEntropy(6), BATCH, threads)) {
      Optimizer adam = new AdamProvider().create(Parameters.of("adam", Map.of()), spec.parameterCount());
      DeviceData data = new DeviceData(train);
      int[] order = new int[ROWS];
      Arrays.setAll(order, i -> i);
      SplittableRandom random = new SplittableRandom(1);
      int b = 0;
      for (int epoch = 0; epoch < EPOCHS; epoch++) {
        long t = System.nanoTime();
        for (int i = ROWS - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          int swap = order[i];
          order[i] = order[j];
          order[j] = swap;
        }
        total += System.nanoTime() - t;
        for (int from = 0; from < ROWS; from += BATCH, b++) {
          long t0 = System.nanoTime();
          engine.partialGradients(data, order, from, Math.min(BATCH, ROWS - from));
          long t1 = System.nanoTime();
          engine.update(adam, 1e-3, 0);
          long t2 = System.nanoTime();
          batchNanos[b] = t2 - t0;
          int s = b - BUCKET_ENDS[BUCKET_ENDS.length - 1];
          if (s >= 0) {
            passes[s] = t1 - t0;
            updates[s] = t2 - t1;
          }
          total += t2 - t0;
        }
      }
    }
    System.out.printf("%d threads: %d batches in %.3f s (shuffles included), %.0f samples/s%n", threads,
        batchNanos.length, total / 1e9, (double) ROWS * EPOCHS / (total / 1e9));
    int first = 0;
    for (int end : BUCKET_ENDS) {
      long sum = 0;
      for (int i = first; i < end; i++) {
        sum += batchNanos[i];
      }
      System.out.printf("  batches %4d-%4d: %5.0f us a batch%n", first, end - 1, sum / 1e3 / (end - first));
      first = end;
    }
    System.out.printf("  after batch %d, forward+backward: %s; update: %s%n", first, spread(passes), spread(updates));
  }

  private static String spread(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    double mean = Arrays.stream(s).average().orElse(Double.NaN);
    return String.format("p10 %.0f, median %.0f, p90 %.0f, p99 %.0f, max %.0f, mean %.0f us", s[s.length / 10] / 1e3,
        s[s.length / 2] / 1e3, s[s.length * 9 / 10] / 1e3, s[s.length * 99 / 100] / 1e3, s[s.length - 1] / 1e3, mean / 1e3);
  }
}
