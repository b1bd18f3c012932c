package org.fracnet.trainers.nd4j;

import java.util.Map;
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
 * A profile probe (not a test, not a benchmark): times the two phases of a training step of an
 * MLP 32-H-H-6 with Adam, batch 256, 2 threads, on 50 batches of synthetic rows cycled: the
 * forward pass and the backward deltas ({@link Engine#partialGradients}) and the update ({@link
 * Engine#update}: weight gradients and optimizer step). The first phase is split by rows and
 * the second by parameters; both are mostly BLAS. Prints milliseconds per batch for three rounds;
 * the first includes JIT warm-up. This is how docs/performance.md ("Wide MLP") splits the wide
 * MLP's batch time.
 *
 * <pre>
 * mvn -o -q -pl trainers/nd4j test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.fracnet.trainers.nd4j.PhaseProfileMain -Dexec.args="1024 300"
 * </pre>
 *
 * Arguments: the hidden width H, and batches per round.
 */
public final class PhaseProfileMain {
  private static final int BATCH = 256;
  private static final int THREADS = 2;

  private PhaseProfileMain() {}

  public static void main(String[] args) {
    int hidden = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int distinct = 50;
    Dataset train = new TeacherData(32, 6, 0, 1).sample(BATCH * distinct, 2);
    NetworkSpec spec = Networks.spec(Activation.RELU, 32, hidden, hidden, 6);
    Nd4j.factory().blas().setMaxThreads(1); // as the trainer sets it
    try (Engine engine = new Engine(spec, Networks.crossEntropy(6), BATCH, THREADS)) {
      Optimizer adam = new AdamProvider().create(Parameters.of("adam", Map.of()), spec.parameterCount());
      DeviceData data = new DeviceData(train);
      for (int round = 1; round <= 3; round++) {
        long passes = 0;
        long updates = 0;
        for (int b = 0; b < batches; b++) {
          long t0 = System.nanoTime();
          engine.partialGradients(data, null, (b % distinct) * BATCH, BATCH);
          long t1 = System.nanoTime();
          engine.update(adam, 1e-3, 0);
          updates += System.nanoTime() - t1;
          passes += t1 - t0;
        }
        System.out.printf("hidden %d, round %d: forward+backward %.3f ms, update %.3f ms a batch,"
                + " %.0f samples/s%n", hidden, round, passes / 1e6 / batches,
            updates / 1e6 / batches, (double) BATCH * batches / ((passes + updates) / 1e9));
      }
    }
  }
}
