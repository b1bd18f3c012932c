package org.fracnet.trainers.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.optim.AdamProvider;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.ElementwiseOptimizer;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Optimizer;
import org.fracnet.core.spi.Parameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Engine#update}, which takes the weight gradients, clips and steps split over the
 * threads by parameter rows, against the plain sequence: the whole gradient ({@link
 * Engine#gradient}), clipping on one thread, one whole optimizer step. The network has about 94 k
 * parameters.
 */
class EngineUpdateTest {
  private static final NetworkSpec SPEC = Networks.spec(Activation.RELU, 6, 300, 300, 4);
  private static final double LEARNING_RATE = 0.01;

  /** {@code wholeBatchMin} 0 takes every layer's gradient over the whole batch, MAX none. */
  @ParameterizedTest(name = "threads {0}, clip-norm {1}, whole-batch minimum {2}")
  @CsvSource({"2, 0, 2147483647", "2, 0.05, 2147483647", "3, 0, 2147483647",
      "1, 0.05, 2147483647", "2, 0, 0", "2, 0.05, 0", "3, 0, 0", "2, 0, 50000"})
  void theSplitUpdateEqualsTheWholeGradientClippingAndOneWholeStep(int threads, double clipNorm,
      int wholeBatchMin) {
    Dataset data = new TeacherData(6, 4, 0, 1).sample(37, 2);
    float[] start = randomParameters();

    float[] split;
    try (Engine engine = new Engine(SPEC, Networks.crossEntropy(4), 37, threads, wholeBatchMin)) {
      engine.parameters.set(start);
      Optimizer adam = adam();
      assertThat(adam).isInstanceOf(ElementwiseOptimizer.class);
      for (int step = 0; step < 3; step++) {
        engine.partialGradients(new DeviceData(data), null, 0, 37);
        engine.update(adam, LEARNING_RATE, clipNorm);
      }
      split = engine.parameters.toArray();
    }

    float[] sequential;
    try (Engine engine = new Engine(SPEC, Networks.crossEntropy(4), 37, threads, wholeBatchMin)) {
      engine.parameters.set(start);
      Optimizer adam = adam();
      for (int step = 0; step < 3; step++) {
        engine.gradient(new DeviceData(data), null, 0, 37);
        FloatBuffer g = engine.gradientBuffer();
        if (clipNorm > 0) {
          double norm = clipInPlace(g, SPEC.parameterCount(), clipNorm);
          assertThat(norm).as("the gradient is long enough to be clipped").isGreaterThan(clipNorm);
        }
        adam.step(engine.parameters.floats, g, LEARNING_RATE);
      }
      sequential = engine.parameters.toArray();
    }

    if (clipNorm == 0) {
      assertThat(split).containsExactly(sequential);
    } else { // the norm is summed slice by slice, so it may differ in the last bit
      for (int i = 0; i < split.length; i++) {
        assertThat(split[i]).as("parameter %d", i).isCloseTo(sequential[i], within(1e-6f));
      }
    }
  }

  @ParameterizedTest(name = "clip-norm {0}")
  @CsvSource({"0", "0.05"})
  void anOptimizerThatIsNotElementwiseStepsOnTheWholeReducedGradient(double clipNorm) {
    Dataset data = new TeacherData(6, 4, 0, 1).sample(37, 2);
    float[] start = randomParameters();
    float[][] results = new float[2][];
    for (int run = 0; run < 2; run++) {
      try (Engine engine = new Engine(SPEC, Networks.crossEntropy(4), 37, 2)) {
        engine.parameters.set(start);
        Optimizer adam = adam();
        // run 1 hides the element-wise interface, so the engine must take the whole-step path
        Optimizer used = run == 0 ? adam : (p, g, lr) -> adam.step(p, g, lr);
        for (int step = 0; step < 3; step++) {
          engine.partialGradients(new DeviceData(data), null, 0, 37);
          engine.update(used, LEARNING_RATE, clipNorm);
        }
        results[run] = engine.parameters.toArray();
      }
    }
    assertThat(results[1]).containsExactly(results[0]);
    assertThat(results[0]).isNotEqualTo(start);
  }

  /**
   * A short last batch leaves the second worker without rows; its buffers still hold the previous
   * batch, which must not leak into the gradient.
   */
  @ParameterizedTest(name = "whole-batch minimum {0}")
  @CsvSource({"2147483647", "0"})
  void aShortBatchIgnoresWhatAnIdleWorkerHoldsFromTheBatchBefore(int wholeBatchMin) {
    Dataset data = new TeacherData(6, 4, 0, 1).sample(37, 2);
    float[] start = randomParameters();
    DeviceData rows = new DeviceData(data);
    float[] alone;
    try (Engine engine = new Engine(SPEC, Networks.crossEntropy(4), 37, 1)) {
      engine.parameters.set(start);
      engine.gradient(rows, null, 0, 10);
      alone = toArray(engine.gradientBuffer());
    }
    try (Engine engine = new Engine(SPEC, Networks.crossEntropy(4), 37, 2, wholeBatchMin)) {
      engine.parameters.set(start);
      engine.gradient(rows, null, 0, 37); // both workers get rows
      engine.gradient(rows, null, 0, 10); // parts of 19 rows: the second worker gets none
      float[] split = toArray(engine.gradientBuffer());
      for (int i = 0; i < split.length; i++) {
        assertThat(split[i]).as("gradient entry %d", i).isCloseTo(alone[i], within(1e-6f));
      }
    }
  }

  private static float[] toArray(FloatBuffer g) {
    float[] out = new float[SPEC.parameterCount()];
    g.get(0, out);
    return out;
  }

  private static Optimizer adam() {
    return new AdamProvider().create(Parameters.of("test", Map.of()), SPEC.parameterCount());
  }

  private static float[] randomParameters() {
    SplittableRandom r = new SplittableRandom(3);
    float[] params = new float[SPEC.parameterCount()];
    for (int i = 0; i < params.length; i++) {
      params[i] = (float) (r.nextGaussian() * 0.1);
    }
    return params;
  }

  /** Clips {@code g} to {@code maxNorm} as the trainer did before the split update; the norm. */
  private static double clipInPlace(FloatBuffer g, int count, double maxNorm) {
    double sq = 0;
    for (int i = 0; i < count; i++) {
      float v = g.get(i);
      sq += v * v;
    }
    double norm = Math.sqrt(sq);
    if (norm > maxNorm) {
      float scale = (float) (maxNorm / norm);
      for (int i = 0; i < count; i++) {
        g.put(i, g.get(i) * scale);
      }
    }
    return norm;
  }
}
