package org.fracnet.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fracnet.core.optim.OptimizerTestSupport.direct;
import static org.fracnet.core.optim.OptimizerTestSupport.toArray;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.fracnet.core.spi.ElementwiseOptimizer;
import org.fracnet.core.spi.Optimizer;
import org.fracnet.core.spi.OptimizerProvider;
import org.fracnet.core.spi.Parameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link ElementwiseOptimizer} contract for the bundled mini-batch optimizers: a step split
 * into ranges, run on two threads at once, leaves parameters and state bit for bit where one
 * whole step does. The sizes cross the block size of {@link BlockwiseOptimizer}, and the ranges cut blocks at
 * odd places, so a wrong offset in the blocked loops would show.
 */
class ElementwiseStepTest {
  private static final int SIZE = 2 * BlockwiseOptimizer.BLOCK + 77;

  static Stream<Arguments> optimizers() {
    return Stream.of(
        Arguments.of(new AdamProvider(), Map.of()),
        Arguments.of(new AdamProvider(), Map.of("weight-decay", "0.01")),
        Arguments.of(new AdamWProvider(), Map.of()),
        Arguments.of(new SgdProvider(), Map.of()),
        Arguments.of(new SgdProvider(), Map.of("momentum", "0.9", "weight-decay", "0.001")),
        Arguments.of(new SgdProvider(), Map.of("momentum", "0.9", "nesterov", "true")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("optimizers")
  void aStepSplitOverThreadsEqualsOneWholeStep(OptimizerProvider provider,
      Map<String, String> values) throws Exception {
    Optimizer whole = provider.create(Parameters.of("test", values), SIZE);
    Optimizer split = provider.create(Parameters.of("test", values), SIZE);
    assertThat(split).isInstanceOf(ElementwiseOptimizer.class);
    ElementwiseOptimizer parts = (ElementwiseOptimizer) split;
    assertThat(parts.parameterCount()).isEqualTo(SIZE);

    SplittableRandom random = new SplittableRandom(7);
    float[] start = randomValues(random, SIZE);
    FloatBuffer wholeParameters = direct(start);
    FloatBuffer splitParameters = direct(start);
    int[] cuts = {0, 1000, BlockwiseOptimizer.BLOCK + 3, SIZE - 5, SIZE};
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int step = 1; step <= 5; step++) {
        FloatBuffer gradient = direct(randomValues(random, SIZE));
        double learningRate = 0.01 / step;
        whole.step(wholeParameters, gradient, learningRate);

        parts.beginStep(learningRate);
        Future<?>[] running = new Future<?>[cuts.length - 1];
        for (int r = running.length - 1; r >= 0; r--) { // ranges out of order, on two threads
          int from = cuts[r];
          int to = cuts[r + 1];
          running[r] = pool.submit(() -> parts.stepRange(splitParameters, gradient, from, to));
        }
        for (Future<?> f : running) {
          f.get();
        }
        assertThat(toArray(splitParameters)).as("parameters after step %d", step)
            .containsExactly(toArray(wholeParameters));
      }
    } finally {
      pool.shutdown();
    }
    assertThat(split.state().arrays()).as("optimizer state")
        .usingRecursiveComparison().isEqualTo(whole.state().arrays());
    assertThat(split.state().steps()).isEqualTo(whole.state().steps());
  }

  private static float[] randomValues(SplittableRandom random, int n) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return values;
  }
}
