package org.fracnet.trainers.nd4j;

import org.fracnet.core.spi.LossFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.NetworkSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The native float32 forward and backward pass against the double-precision reference. */
class GradientCheckTest {
  /**
   * With {@code wholeBatch}, every layer's gradient is taken over the whole batch in the update;
   * without, per worker part and summed (the engine's choice for layers this small).
   */
  @ParameterizedTest(name = "{0}, {1} thread(s), {2} rows, whole batch {3}")
  @CsvSource({"RELU, 1, 37, false", "RELU, 2, 37, false", "TANH, 1, 37, false",
      "TANH, 2, 64, false", "IDENTITY, 2, 3, false", "RELU, 2, 1, false", "RELU, 3, 37, false",
      "TANH, 3, 5, false", "RELU, 2, 37, true", "TANH, 3, 37, true", "RELU, 3, 5, true",
      "RELU, 2, 1, true"})
  void nativeGradientMatchesTheDoubleReference(Activation activation, int threads, int rows,
      boolean wholeBatch) {
    NetworkSpec spec = Networks.spec(activation, 6, 9, 7, 4);
    Dataset data = new TeacherData(6, 4, 0, 1).sample(rows, 2);
    SplittableRandom r = new SplittableRandom(3);
    float[] params = new float[spec.parameterCount()];
    for (int i = 0; i < params.length; i++) {
      params[i] = (float) (r.nextGaussian() * 0.5);
    }
    double[] reference = new double[params.length];
    double[] asDouble = new double[params.length];
    for (int i = 0; i < params.length; i++) {
      asDouble[i] = params[i];
    }
    LossFunction loss = Networks.crossEntropy(4);
    // features are rounded to float32 on the native side; give the reference the same inputs
    Dataset rounded = data.withFeatures(roundToFloat(data.features()));
    double expectedLoss =
        new DoubleNetwork(spec).lossAndGradient(asDouble, rounded, loss, reference);

    int wholeBatchMin = wholeBatch ? 0 : Integer.MAX_VALUE;
    try (Engine engine = new Engine(spec, loss, rows, threads, wholeBatchMin)) {
      engine.parameters.set(params);
      double value = engine.gradient(new DeviceData(data), null, 0, rows);
      FloatBuffer g = engine.gradientBuffer();
      double maxRef = 0;
      double maxErr = 0;
      for (int i = 0; i < params.length; i++) {
        maxRef = Math.max(maxRef, Math.abs(reference[i]));
        maxErr = Math.max(maxErr, Math.abs(g.get(i) - reference[i]));
      }
      assertThat(value).isCloseTo(expectedLoss, within(1e-5 * Math.abs(expectedLoss)));
      assertThat(maxErr / maxRef).as("max relative gradient error").isLessThan(1e-4);
      // the parameters were not touched
      assertThat(engine.parameters.toArray()).containsExactly(params);
    }
  }

  private static double[] roundToFloat(double[] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (float) x[i];
    }
    return out;
  }
}
