package org.fracnet.trainers.nd4j;

import org.fracnet.core.data.Dataset;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.training.TrainingConfig;
import org.fracnet.core.training.TrainingListener;
import org.fracnet.core.training.TrainingLoop;
import org.fracnet.trainers.java.Networks;
import org.fracnet.trainers.java.TeacherData;

/**
 * A quick, single-process throughput probe (not a test, not a benchmark: no warm-up control, no
 * PyTorch side by side; the benchmarks live in it-tests). Trains an MLP 32-128-128-6 with Adam,
 * batch 256, on 200k synthetic rows, one epoch per run, and prints samples/s per thread count.
 *
 * <pre>
 * mvn -o -q -pl trainers/nd4j test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.fracnet.trainers.nd4j.ThroughputMain [-Dexec.args="rows repeats"]
 * </pre>
 */
public final class ThroughputMain {
  private ThroughputMain() {}

  public static void main(String[] args) {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Dataset train = new TeacherData(32, 6, 0, 1).sample(rows, 2);
    NetworkSpec spec = Networks.spec(Activation.RELU, 32, 128, 128, 6);
    TrainingConfig options = Networks.options(1, 256, 1e-3, 1, 1);
    for (int threads : new int[] {1, 2}) {
      for (int r = 1; r <= repeats; r++) {
        TrainingLoop.Outcome result = Networks.train(new Nd4jTrainerProvider().create(
            Parameters.of("test", java.util.Map.of("threads", String.valueOf(threads)))), train, null, spec,
            options, TrainingListener.NONE);
        System.out.printf("threads=%d run=%d samples/s=%.0f wall=%.2fs loss=%.4f%n", threads, r,
            result.summary().samplesPerSecond(), result.summary().wallSeconds(),
            result.summary().trainingLoss());
      }
    }
  }
}
