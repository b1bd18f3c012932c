package org.fracnet.trainers.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.fracnet.core.Fracnet;
import org.fracnet.core.SettingsException;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.model.Model;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.Dropout;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.training.Architecture;
import org.fracnet.core.training.OptimizerSettings;
import org.fracnet.core.training.TrainingConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Dropout: the masks, the masked gradient against finite differences, and training with it. */
class DropoutTest {
  @Test
  void aMaskDependsOnlyOnSeedLayerRowAndPositionAndDropsAboutTheRate() {
    float[] a = new float[10_000];
    float[] b = new float[10_000];
    Dropout.mask(7, 1, 42, 3, 0.3, a.length, a, 0);
    Dropout.mask(7, 1, 42, 3, 0.3, b.length, b, 0);
    assertThat(b).containsExactly(a);
    int dropped = 0;
    for (float m : a) {
      assertThat(m).isIn(0f, (float) (1 / 0.7));
      dropped += m == 0 ? 1 : 0;
    }
    assertThat(dropped / 10_000.0).isCloseTo(0.3, within(0.02));
    for (long[] other : new long[][] {{8, 1, 42, 3}, {7, 0, 42, 3}, {7, 1, 43, 3}, {7, 1, 42, 4}}) {
      Dropout.mask(other[0], (int) other[1], (int) other[2], (int) other[3], 0.3, b.length, b, 0);
      assertThat(b).as("seed, layer, row, position %s", java.util.Arrays.toString(other)).isNotEqualTo(a);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Activation.class, names = {"RELU", "TANH"})
  void theMaskedGradientIsTheDerivativeOfTheMaskedLoss(Activation activation) {
    NetworkSpec plain = Networks.spec(activation, 5, 7, 6, 3);
    NetworkSpec spec = new NetworkSpec(plain.architecture(), plain.layers(), 0.5);
    int n = 9;
    Dataset data = new TeacherData(5, 3, 0, 4).sample(n, 1);
    float[][] masks = {new float[n * 7], new float[n * 6]};
    for (int l = 0; l < 2; l++) {
      int width = masks[l].length / n;
      for (int r = 0; r < n; r++) {
        Dropout.mask(3, l, r, r, 0.5, width, masks[l], r * width);
      }
    }
    SplittableRandom random = new SplittableRandom(2);
    double[] params = new double[spec.parameterCount()];
    for (int i = 0; i < params.length; i++) {
      params[i] = random.nextGaussian() * 0.5;
    }
    LossFunction loss = Networks.crossEntropy(3);
    DoubleNetwork network = new DoubleNetwork(spec);
    double[] gradient = new double[params.length];
    network.lossAndGradient(params, data.features(), data.targets(), data.weights(), n, loss, gradient, masks);
    double h = 1e-6;
    for (int i = 0; i < params.length; i++) {
      double keep = params[i];
      params[i] = keep + h;
      double up = network.lossAndGradient(params, data.features(), data.targets(), data.weights(), n, loss, null,
          masks);
      params[i] = keep - h;
      double down = network.lossAndGradient(params, data.features(), data.targets(), data.weights(), n, loss, null,
          masks);
      params[i] = keep;
      assertThat(gradient[i]).as("parameter %d", i).isCloseTo((up - down) / (2 * h), within(1e-6));
    }
  }

  @Test
  void dropoutIsAnMlpParameterThatChangesTrainingButNotHowTheModelPredicts() {
    Fracnet fracnet = Fracnet.discover();
    Dataset data = new TeacherData(5, 3, 8, 5).sample(300, 2);
    TrainingConfig.Builder base = TrainingConfig.builder().trainer("java", Map.of("threads", "1")).epochs(4)
        .batchSize(16).seed(3).validationFraction(0.25);
    Model plain = fracnet.train(data, base.architecture(Architecture.mlp(16)).build()).model();
    Model dropped = fracnet.train(data, base.architecture(Architecture.mlp(16).withDropout(0.3)).build()).model();
    assertThat(dropped.network().dropout()).isEqualTo(0.3);
    assertThat(dropped.run().architectureParameters()).containsEntry("dropout", "0.3");
    assertThat(dropped.weights().get(0)).isNotEqualTo(plain.weights().get(0));
    // prediction drops nothing: the same rows predict the same twice, and as the plain forward pass
    double[] once = dropped.predict(data.rows(), data.features());
    assertThat(dropped.predict(data.rows(), data.features())).containsExactly(once);
    assertThatThrownBy(() -> fracnet.train(data, base.architecture(Architecture.of("mlp", Map.of("dropout", "1")))
        .build())).isInstanceOf(SettingsException.class).hasMessageContaining("dropout");
    assertThatThrownBy(() -> Architecture.mlp(8).withDropout(1.0)).isInstanceOf(SettingsException.class)
        .hasMessage("Architecture.withDropout(1.0): the share dropped must be from 0 to below 1, such as 0.3");
    assertThatThrownBy(() -> fracnet.train(data, base.architecture(Architecture.of("mlp", Map.of("dropout", "0.3")))
        .optimizer(OptimizerSettings.lbfgs()).build())).isInstanceOf(SettingsException.class)
        .hasMessage("dropout needs mini-batch steps, and lbfgs takes full-batch steps; use a mini-batch optimizer such"
            + " as adam, or no dropout");
  }
}
