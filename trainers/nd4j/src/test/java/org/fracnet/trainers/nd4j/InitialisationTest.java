package org.fracnet.trainers.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.fracnet.core.spi.Activation;
import org.junit.jupiter.api.Test;

class InitialisationTest {
  private static final Layout LAYOUT = new Layout(Networks.spec(Activation.RELU, 32, 512, 128, 6));

  private static FloatBuffer draw(long seed) {
    FloatBuffer params = FloatBuffer.allocate(LAYOUT.parameterCount);
    for (int i = 0; i < params.capacity(); i++) {
      params.put(i, Float.NaN); // every entry must be written
    }
    Initialisation.fanInUniform(LAYOUT, params, new SplittableRandom(seed));
    return params;
  }

  @Test
  void weightsAreUniformOnPlusMinusOneOverRootFanInAndBiasesZero() {
    FloatBuffer params = draw(7);
    for (int l = 0; l < LAYOUT.layers; l++) {
      double limit = 1 / Math.sqrt(LAYOUT.inputs[l]);
      int count = LAYOUT.inputs[l] * LAYOUT.outputs[l];
      double sum = 0;
      double squares = 0;
      double largest = 0;
      for (int i = 0; i < count; i++) {
        float w = params.get(LAYOUT.weightOffset[l] + i);
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
      for (int j = 0; j < LAYOUT.outputs[l]; j++) {
        assertThat(params.get(LAYOUT.biasOffset[l] + j)).isZero();
      }
    }
  }

  @Test
  void theSeedAloneDecidesTheWeights() {
    assertThat(draw(11).array()).containsExactly(draw(11).array());
    assertThat(draw(11).array()).isNotEqualTo(draw(12).array());
  }
}
