package org.fracnet.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.fracnet.core.model.TestModels;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.DenseLayerSpec;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;
import org.junit.jupiter.api.Test;

class InitialisationTest {
  private static final NetworkSpec NET = new NetworkSpec("mlp", List.of(
      new DenseLayerSpec(32, 512, Activation.RELU), new DenseLayerSpec(512, 128, Activation.RELU),
      new DenseLayerSpec(128, 6, Activation.IDENTITY)));

  /** Softmax cross-entropy that starts from {@code start}, or from zero biases (the SPI default) when null. */
  private static LossFunction startingAt(double[] start) {
    LossFunction softmax = TestModels.losses().require("softmax-test").create(Parameters.empty(),
        TargetStatistics.uniform(6));
    return new LossFunction() {
      public String id() {
        return "start-test";
      }

      public int classes() {
        return 6;
      }

      public Parameters resolvedParameters() {
        return Parameters.empty();
      }

      public double valueAndGradient(int n, double[] z, double[] p, double[] w, double[] grad) {
        return softmax.valueAndGradient(n, z, p, w, grad);
      }

      public void predict(int n, double[] z, double[] fractions) {
        softmax.predict(n, z, fractions);
      }

      @Override
      public double[] initialOutputs(TargetStatistics statistics) {
        return start == null ? LossFunction.super.initialOutputs(statistics) : start;
      }
    };
  }

  private static float[] draw(long seed, LossFunction loss, TargetStatistics statistics) {
    return Initialisation.weights(NET, loss, statistics, new SplittableRandom(seed));
  }

  private static float[] draw(long seed) {
    return draw(seed, startingAt(null), TargetStatistics.uniform(6));
  }

  @Test
  void weightsAreUniformOnPlusMinusOneOverRootFanInAndBiasesZero() {
    float[] params = draw(7);
    for (int l = 0; l < NET.layers().size(); l++) {
      DenseLayerSpec layer = NET.layers().get(l);
      double limit = 1 / Math.sqrt(layer.inputs());
      int count = layer.inputs() * layer.outputs();
      double sum = 0;
      double squares = 0;
      double largest = 0;
      for (int i = 0; i < count; i++) {
        float w = params[NET.weightOffset(l) + i];
        sum += w;
        squares += (double) w * w;
        largest = Math.max(largest, Math.abs(w));
      }
      double mean = sum / count;
      double variance = squares / count - mean * mean;
      // U(-a, a): variance a^2 / 3; with 768 or more draws the sample variance is within 10 %
      assertThat(largest).as("layer %d", l).isLessThanOrEqualTo(limit).isGreaterThan(0.9 * limit);
      assertThat(variance).as("layer %d", l).isCloseTo(limit * limit / 3, within(0.1 * limit * limit / 3));
      assertThat(mean).as("layer %d", l).isCloseTo(0, within(0.15 * limit));
      for (int j = 0; j < layer.outputs(); j++) {
        assertThat(params[NET.biasOffset(l) + j]).isZero();
      }
    }
  }

  @Test
  void theSeedAloneDecidesTheWeights() {
    assertThat(draw(11)).containsExactly(draw(11));
    assertThat(draw(11)).isNotEqualTo(draw(12));
  }

  @Test
  void theLastBiasesAreTheLossesInitialOutputs() {
    double[] start = {0.5, -0.25, 0, 1, -1, -0.25};
    LossFunction stated = startingAt(start);
    float[] params = draw(3, stated, TargetStatistics.uniform(6));
    int last = NET.biasOffset(2);
    for (int j = 0; j < 6; j++) {
      assertThat(params[last + j]).isEqualTo((float) start[j]);
    }
    float[] zero = draw(3);
    assertThat(java.util.Arrays.copyOfRange(params, 0, last)).containsExactly(java.util.Arrays.copyOfRange(zero, 0, last));
  }
}
