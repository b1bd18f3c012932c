package org.fracnet.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fracnet.core.model.Model;
import org.fracnet.core.model.Standardization;
import org.fracnet.core.model.TestModels;
import org.fracnet.core.training.TrainingSummary;
import org.junit.jupiter.api.Test;

/** The column-by-column forward pass (through a model, with standardisation) against the textbook row-by-row dot product. */
class ForwardPassTest {
  @Test
  void reluNetworkGivesTheDotProductsResultsExactly() {
    assertSameAsDotProduct(Activation.RELU, 7, 16, 9, 4);
  }

  @Test
  void tanhNetworkGivesTheDotProductsResultsExactly() {
    assertSameAsDotProduct(Activation.TANH, 5, 12, 3);
  }

  @Test
  void linearModelGivesTheDotProductsResultsExactly() {
    assertSameAsDotProduct(Activation.IDENTITY, 6, 4);
  }

  private static void assertSameAsDotProduct(Activation hidden, int... widths) {
    SplittableRandom random = new SplittableRandom(widths.length * 31L + hidden.ordinal());
    List<DenseLayerSpec> layers = new ArrayList<>();
    List<float[]> weights = new ArrayList<>();
    for (int l = 0; l + 1 < widths.length; l++) {
      boolean last = l + 2 == widths.length;
      layers.add(new DenseLayerSpec(widths[l], widths[l + 1], last ? Activation.IDENTITY : hidden));
      weights.add(floats(random, widths[l] * widths[l + 1]));
      weights.add(floats(random, widths[l + 1]));
    }
    int d = widths[0];
    double[] mean = new double[d];
    double[] scale = new double[d];
    List<String> features = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      mean[j] = random.nextDouble(-1, 1);
      scale[j] = random.nextDouble(0.5, 2);
      features.add("f" + j);
    }
    int k = widths[widths.length - 1];
    List<String> classes = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      classes.add("c" + j);
    }
    Model model = new Model(new NetworkSpec(widths.length == 2 ? "linear" : "mlp", layers),
        weights, new Standardization(mean, scale), features, classes, null,
        TestModels.losses().require("softmax-test").create(Parameters.empty(), TargetStatistics.uniform(k)),
        TestModels.run(1, 1, "constant"), new TrainingSummary(1, 1, 1, 0, 0, 0, "max epochs"));
    int n = 50;
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      // every fifth raw value equals its column mean, so the standardised input is exactly zero
      x[i] = i % 5 == 0 ? mean[i % d] : random.nextDouble(-3, 3);
    }

    double[] expected = new double[n * k];
    for (int i = 0; i < n; i++) {
      double[] in = new double[d];
      for (int j = 0; j < d; j++) {
        in[j] = (x[i * d + j] - mean[j]) / scale[j];
      }
      for (int l = 0; l < layers.size(); l++) {
        DenseLayerSpec layer = layers.get(l);
        float[] w = weights.get(2 * l);
        float[] b = weights.get(2 * l + 1);
        double[] out = new double[layer.outputs()];
        for (int o = 0; o < layer.outputs(); o++) {
          double s = b[o];
          for (int c = 0; c < layer.inputs(); c++) {
            s += w[o * layer.inputs() + c] * in[c];
          }
          out[o] = layer.activation().apply(s);
        }
        in = out;
      }
      System.arraycopy(in, 0, expected, i * k, k);
    }
    assertThat(model.rawOutputs(n, x)).containsExactly(expected);
  }

  private static float[] floats(SplittableRandom random, int count) {
    float[] a = new float[count];
    for (int i = 0; i < count; i++) {
      a[i] = (float) random.nextDouble(-1, 1);
    }
    return a;
  }
}
