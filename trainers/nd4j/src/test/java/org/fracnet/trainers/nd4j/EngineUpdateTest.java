package org.fracnet.trainers.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;
import org.fracnet.trainers.java.Networks;
import org.fracnet.trainers.java.TeacherData;
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
 * threads by parameter rows, against the plain sequence: the whole gradient (handed to an
 * optimizer that is not element-wise), clipping on one thread, one whole optimizer step. The
 * small network (about 94 k parameters) takes every gradient per worker part; the wide one's
 * middle layer, 512 x 512 weights, is taken over the whole batch when there are several threads.
 */
class EngineUpdateTest {
  private static final NetworkSpec SPEC = Networks.spec(Activation.RELU, 6, 300, 300, 4);
  private static final NetworkSpec WIDE = Networks.spec(Activation.RELU, 6, 512, 512, 4);
  private static final double LEARNING_RATE = 0.01;

  @ParameterizedTest(name = "wide {0}, threads {1}, clip-norm {2}")
  @CsvSource({"false, 2, 0", "false, 2, 0.05", "false, 3, 0", "false, 1, 0.05", "true, 2, 0",
      "true, 2, 0.05", "true, 3, 0", "true, 1, 0"})
  void theSplitUpdateEqualsTheWholeGradientClippingAndOneWholeStep(boolean wide, int threads,
      double clipNorm) {
    NetworkSpec spec = wide ? WIDE : SPEC;
    assertThat(Engine.takesWholeBatch(new Layout(spec), 1, threads))
        .as("the middle layer's gradient is taken over the whole batch")
        .isEqualTo(wide && threads > 1);
    Dataset data = new TeacherData(6, 4, 0, 1).sample(37, 2);
    float[] start = randomParameters(spec);

    float[] split;
    try (Engine engine = new Engine(spec, Networks.crossEntropy(4), 37, threads)) {
      engine.parameters.set(start);
      Optimizer adam = adam(spec);
      assertThat(adam).isInstanceOf(ElementwiseOptimizer.class);
      for (int step = 0; step < 3; step++) {
        engine.partialGradients(new DeviceData(data), null, 0, 37);
        engine.update(adam, LEARNING_RATE, clipNorm);
      }
      split = engine.parameters.toArray();
    }

    float[] sequential;
    try (Engine engine = new Engine(spec, Networks.crossEntropy(4), 37, threads)) {
      engine.parameters.set(start);
      Optimizer adam = adam(spec);
      Optimizer clipThenAdam = (parameters, g, learningRate) -> {
        if (clipNorm > 0) {
          double norm = clipInPlace(g, spec.parameterCount(), clipNorm);
          assertThat(norm).as("the gradient is long enough to be clipped").isGreaterThan(clipNorm);
        }
        adam.step(parameters, g, learningRate);
      };
      for (int step = 0; step < 3; step++) {
        engine.partialGradients(new DeviceData(data), null, 0, 37);
        engine.update(clipThenAdam, LEARNING_RATE, 0);
      }
      sequential = engine.parameters.toArray();
    }

    if (clipNorm == 0) {
      assertSameBits(split, sequential);
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
    float[] start = randomParameters(SPEC);
    float[][] results = new float[2][];
    for (int run = 0; run < 2; run++) {
      try (Engine engine = new Engine(SPEC, Networks.crossEntropy(4), 37, 2)) {
        engine.parameters.set(start);
        Optimizer adam = adam(SPEC);
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
  @ParameterizedTest(name = "wide {0}")
  @CsvSource({"false", "true"})
  void aShortBatchIgnoresWhatAnIdleWorkerHoldsFromTheBatchBefore(boolean wide) {
    NetworkSpec spec = wide ? WIDE : SPEC;
    Dataset data = new TeacherData(6, 4, 0, 1).sample(37, 2);
    float[] start = randomParameters(spec);
    DeviceData rows = new DeviceData(data);
    float[] alone;
    try (Engine engine = new Engine(spec, Networks.crossEntropy(4), 37, 1)) {
      engine.parameters.set(start);
      alone = gradient(engine, rows, 10, spec);
    }
    try (Engine engine = new Engine(spec, Networks.crossEntropy(4), 37, 2)) {
      engine.parameters.set(start);
      gradient(engine, rows, 37, spec); // both workers get rows
      float[] split = gradient(engine, rows, 10, spec); // parts of 19 rows: the second gets none
      for (int i = 0; i < split.length; i++) {
        assertThat(split[i]).as("gradient entry %d", i).isCloseTo(alone[i], within(1e-6f));
      }
    }
  }

  /** The gradient of the first {@code n} rows, the parameters unchanged. */
  private static float[] gradient(Engine engine, DeviceData rows, int n, NetworkSpec spec) {
    engine.partialGradients(rows, null, 0, n);
    GradientCopy copy = new GradientCopy(spec.parameterCount());
    engine.update(copy, 0, 0);
    return copy.gradient;
  }

  /**
   * Bit for bit, as AssertJ's {@code containsExactly}, which takes seconds on the wide network's
   * 266 k floats.
   */
  private static void assertSameBits(float[] actual, float[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      if (Float.floatToIntBits(actual[i]) != Float.floatToIntBits(expected[i])) {
        fail("parameter %d: %s, expected %s", i, actual[i], expected[i]);
      }
    }
  }

  private static Optimizer adam(NetworkSpec spec) {
    return new AdamProvider().create(Parameters.of("test", Map.of()), spec.parameterCount());
  }

  private static float[] randomParameters(NetworkSpec spec) {
    SplittableRandom r = new SplittableRandom(3);
    float[] params = new float[spec.parameterCount()];
    for (int i = 0; i < params.length; i++) {
      params[i] = (float) (r.nextGaussian() * 0.1);
    }
    return params;
  }

  /** Clips {@code g} to {@code maxNorm} on one thread; returns the norm before. */
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
