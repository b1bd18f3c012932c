package org.fracnet.trainers.nd4j;

import org.fracnet.core.spi.LossFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.trainers.java.Networks;
import org.fracnet.trainers.java.TeacherData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The native float32 forward and backward pass against the double-precision reference. */
class GradientCheckTest {
  /**
   * The small network's layers get their gradient per worker part, summed in the update. The
   * {@code wide} one, 512-512-512-4, has two layers of 512 x 512 weights, whose gradient the
   * update takes over the whole batch when there are several threads (the first from the
   * features, the second from the activations), and a small last layer.
   */
  @ParameterizedTest(name = "{0}, {1} thread(s), {2} rows, wide {3}")
  @CsvSource({"RELU, 1, 37, false", "RELU, 2, 37, false", "TANH, 1, 37, false",
      "TANH, 2, 64, false", "IDENTITY, 2, 3, false", "RELU, 2, 1, false", "RELU, 3, 37, false",
      "TANH, 3, 5, false", "RELU, 2, 37, true", "TANH, 3, 37, true", "RELU, 3, 5, true",
      "RELU, 2, 1, true"})
  void nativeGradientMatchesTheDoubleReference(Activation activation, int threads, int rows,
      boolean wide) {
    int features = wide ? 512 : 6;
    NetworkSpec spec = wide ? Networks.spec(activation, features, 512, 512, 4)
        : Networks.spec(activation, features, 9, 7, 4);
    Layout layout = new Layout(spec);
    for (int l = 0; l < layout.layers; l++) {
      boolean expected = wide && l < 2 && Math.min(threads, rows) > 1;
      assertThat(Engine.takesWholeBatch(layout, l, Math.min(threads, rows)))
          .as("layer %d takes its gradient over the whole batch", l).isEqualTo(expected);
    }
    Dataset data = new TeacherData(features, 4, 0, 1).sample(rows, 2);
    SplittableRandom r = new SplittableRandom(3);
    // wide: smaller weights, so that 512-wide sums give activations of the small network's size
    double scale = wide ? 0.5 * Math.sqrt(16.0 / 512) : 0.5;
    float[] params = new float[spec.parameterCount()];
    for (int i = 0; i < params.length; i++) {
      params[i] = (float) (r.nextGaussian() * scale);
    }
    double[] reference = new double[params.length];
    double[] asDouble = new double[params.length];
    for (int i = 0; i < params.length; i++) {
      asDouble[i] = params[i];
    }
    LossFunction loss = Networks.crossEntropy(4);
    // features are rounded to float32 on the native side; give the reference the same inputs
    Dataset rounded = data.withFeatures(roundToFloat(data.features()));
    double expectedLoss = Networks.lossAndGradient(spec, asDouble, rounded, loss, reference);

    try (Engine engine = new Engine(spec, loss, rows, threads)) {
      engine.parameters.set(params);
      double value = engine.partialGradients(new DeviceData(data), null, 0, rows);
      GradientCopy copy = new GradientCopy(params.length);
      engine.update(copy, 0, 0);
      float[] g = copy.gradient;
      double maxRef = 0;
      double maxErr = 0;
      for (int i = 0; i < params.length; i++) {
        maxRef = Math.max(maxRef, Math.abs(reference[i]));
        maxErr = Math.max(maxErr, Math.abs(g[i] - reference[i]));
      }
      assertThat(value).isCloseTo(expectedLoss, within(1e-5 * Math.abs(expectedLoss)));
      assertThat(maxErr / maxRef).as("max relative gradient error").isLessThan(1e-4);
      // the parameters were not touched (bit for bit; AssertJ's containsExactly would take
      // seconds on the wide network's 527 k floats)
      assertThat(Arrays.equals(engine.parameters.toArray(), params))
          .as("the parameters are unchanged").isTrue();
    }
  }

  /**
   * With dropout, the native pass drops the same outputs as the reference given the masks of
   * {@link org.fracnet.core.spi.Dropout} (rows in file order: index = position), however the batch
   * is split over threads; the loss alone ({@code loss}, as validation uses it) drops nothing.
   */
  @ParameterizedTest(name = "{0}, {1} thread(s), {2} rows")
  @CsvSource({"RELU, 1, 37", "RELU, 3, 37", "TANH, 2, 37", "TANH, 1, 5"})
  void withDropoutTheNativeGradientMatchesTheReferenceWithTheSameMasks(Activation activation, int threads,
      int rows) {
    NetworkSpec plain = Networks.spec(activation, 6, 9, 7, 4);
    NetworkSpec spec = new NetworkSpec(plain.architecture(), plain.layers(), 0.4);
    Dataset data = new TeacherData(6, 4, 0, 1).sample(rows, 2);
    Dataset rounded = data.withFeatures(roundToFloat(data.features()));
    SplittableRandom r = new SplittableRandom(5);
    float[] params = new float[spec.parameterCount()];
    double[] asDouble = new double[params.length];
    for (int i = 0; i < params.length; i++) {
      params[i] = (float) (r.nextGaussian() * 0.5);
      asDouble[i] = params[i];
    }
    long seed = 11;
    float[][] masks = new float[2][];
    int dropped = 0;
    for (int l = 0; l < 2; l++) {
      int width = spec.layers().get(l).outputs();
      masks[l] = new float[rows * width];
      for (int row = 0; row < rows; row++) {
        org.fracnet.core.spi.Dropout.mask(seed, l, row, row, 0.4, width, masks[l], row * width);
      }
      for (float m : masks[l]) {
        dropped += m == 0 ? 1 : 0;
        assertThat(m).isIn(0f, (float) (1 / 0.6));
      }
    }
    assertThat(dropped).as("outputs dropped").isBetween((int) (0.25 * rows * 16), (int) (0.55 * rows * 16));
    LossFunction loss = Networks.crossEntropy(4);
    double[] reference = new double[params.length];
    double expectedLoss = new org.fracnet.trainers.java.DoubleNetwork(spec).lossAndGradient(asDouble,
        rounded.features(), rounded.targets(), rounded.weights(), rows, loss, reference, masks);
    double undropped = Networks.lossAndGradient(plain, asDouble, rounded, loss, null);
    assertThat(expectedLoss).isNotCloseTo(undropped, within(1e-6));
    try (Engine engine = new Engine(spec, loss, rows, threads, seed)) {
      engine.parameters.set(params);
      double value = engine.partialGradients(new DeviceData(data), null, 0, rows);
      GradientCopy copy = new GradientCopy(params.length);
      engine.update(copy, 0, 0);
      double maxRef = 0;
      double maxErr = 0;
      for (int i = 0; i < params.length; i++) {
        maxRef = Math.max(maxRef, Math.abs(reference[i]));
        maxErr = Math.max(maxErr, Math.abs(copy.gradient[i] - reference[i]));
      }
      assertThat(value).isCloseTo(expectedLoss, within(1e-5 * Math.abs(expectedLoss)));
      assertThat(maxErr / maxRef).as("max relative gradient error").isLessThan(1e-4);
      assertThat(engine.loss(new DeviceData(data))).isCloseTo(undropped, within(1e-5 * undropped));
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
