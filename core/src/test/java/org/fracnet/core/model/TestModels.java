package org.fracnet.core.model;

import java.util.List;
import java.util.Map;
import org.fracnet.core.discovery.ProviderRegistry;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.DenseLayerSpec;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.LossProvider;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;
import org.fracnet.core.training.RunRecord;
import org.fracnet.core.training.TrainingSummary;

/**
 * Small models for core's tests, with a softmax loss written here (core's tests cannot depend on
 * the loss modules, which depend on core).
 */
public final class TestModels {
  private TestModels() {}

  /** Id {@code softmax-test}: soft-target cross-entropy, predictions softmax(z). */
  public static final class SoftmaxLossProvider implements LossProvider {
    @Override
    public String id() {
      return "softmax-test";
    }

    @Override
    public String description() {
      return "cross-entropy for core's tests";
    }

    @Override
    public LossFunction create(Parameters parameters, TargetStatistics statistics) {
      int k = statistics.classes();
      return new LossFunction() {
        @Override
        public String id() {
          return "softmax-test";
        }

        @Override
        public int classes() {
          return k;
        }

        @Override
        public Parameters resolvedParameters() {
          return parameters;
        }

        @Override
        public double valueAndGradient(int n, double[] z, double[] p, double[] w, double[] grad) {
          double total = 0;
          double sum = 0;
          double[] q = new double[n * k];
          predict(n, z, q);
          for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            total += wi;
            for (int j = 0; j < k; j++) {
              sum -= wi * p[i * k + j] * Math.log(q[i * k + j]);
            }
          }
          if (grad != null) {
            for (int i = 0; i < n; i++) {
              double wi = w == null ? 1 : w[i];
              for (int j = 0; j < k; j++) {
                grad[i * k + j] = wi / total * (q[i * k + j] - p[i * k + j]);
              }
            }
          }
          return sum / total;
        }

        @Override
        public void predict(int n, double[] z, double[] fractions) {
          for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
              max = Math.max(max, z[i * k + j]);
            }
            double s = 0;
            for (int j = 0; j < k; j++) {
              fractions[i * k + j] = Math.exp(z[i * k + j] - max);
              s += fractions[i * k + j];
            }
            for (int j = 0; j < k; j++) {
              fractions[i * k + j] /= s;
            }
          }
        }
      };
    }
  }

  /** A registry holding the test loss. */
  public static ProviderRegistry<LossProvider> losses() {
    return ProviderRegistry.of(LossProvider.class, "loss", new SoftmaxLossProvider());
  }

  /** A run record with the given seed and epochs, and otherwise fixed values. */
  public static RunRecord run(long seed, int epochs, String schedule) {
    return new RunRecord("data.csv", 10, 8, 2, "fractions", "softmax-test", Map.of(), "mlp",
        Map.of("hidden", "3"), "adam", Map.of(), "java", Map.of(), 2, epochs, 64, 0.001, schedule, 10, 0.1,
        seed, 10, 0.2, new double[] {0.25, 0.75});
  }

  /** A 2-3-2 tanh network with fixed weights. */
  public static Model small() {
    NetworkSpec net = new NetworkSpec("mlp", List.of(
        new DenseLayerSpec(2, 3, Activation.TANH), new DenseLayerSpec(3, 2, Activation.IDENTITY)));
    List<float[]> w = List.of(new float[] {1, -1, 0.5f, 0.25f, -2, 3}, new float[] {0.1f, 0.2f, 0.3f},
        new float[] {1, 2, 3, -1, -2, -3}, new float[] {0.5f, -0.5f});
    LossFunction loss = new SoftmaxLossProvider().create(Parameters.of("loss softmax-test",
        Map.of("label-smoothing", "0")), TargetStatistics.uniform(2));
    return new Model(net, w, new Standardization(new double[] {1, 2}, new double[] {2, 4}),
        List.of("x1", "x2"), List.of("a", "b"), "id", loss, run(7, 10, "constant"),
        new TrainingSummary(3, 2, 1000, 0.5, 0.4, 0.45, "max epochs"));
  }

  /** {@link #small()}'s network as an ensemble of {@code members}, member m's weights scaled by 1 + m / 10. */
  public static Model ensemble(int members) {
    Model one = small();
    List<Model.Member> list = new java.util.ArrayList<>();
    for (int m = 0; m < members; m++) {
      List<float[]> w = new java.util.ArrayList<>();
      for (float[] a : one.weights()) {
        float[] b = a.clone();
        for (int i = 0; i < b.length; i++) {
          b[i] *= 1 + m / 10f;
        }
        w.add(b);
      }
      list.add(new Model.Member(7 + m, w, one.summary()));
    }
    return Model.ensemble(one.network(), list, one.standardization(), one.featureNames(), one.classNames(),
        one.idColumn(), one.loss(), one.run(), one.summary());
  }
}
