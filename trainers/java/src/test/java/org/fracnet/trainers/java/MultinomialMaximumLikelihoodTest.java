package org.fracnet.trainers.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.fracnet.core.architectures.LinearArchitecture;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.Fracnet;
import org.fracnet.core.model.Standardization;
import org.fracnet.core.optim.LbfgsProvider;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;
import org.fracnet.core.training.Architecture;
import org.fracnet.core.training.FitResult;
import org.fracnet.core.training.OptimizerSettings;
import org.fracnet.core.training.TrainingConfig;
import org.fracnet.core.training.TrainingListener;
import org.fracnet.core.training.TrainingLoop;
import org.fracnet.losses.crossentropy.CrossEntropyProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Count data: with targets given as counts (fractions weighted by row totals), the {@code linear}
 * network, soft-target cross-entropy and {@code lbfgs} reach the maximum-likelihood fit of the
 * multinomial logit model. The reference is an independent fit: Newton-Raphson on the
 * multinomial log-likelihood in the reference-class parameterisation, with the exact Hessian
 * solved by Commons Math, on the <em>raw</em> features (fracnet trains on standardised ones;
 * the fitted fractions of a model with intercepts do not depend on that).
 */
class MultinomialMaximumLikelihoodTest {
  static final int ROWS = 400;
  static final int D = 3;
  static final int K = 4;
  /** True coefficients per class: intercept, then one per raw feature; class 0 is 0. */
  static final double[][] BETA = {
      {0, 0, 0, 0},
      {0.5, 0.4, -0.8, 0.05},
      {-0.3, -0.2, 0.5, 0.15},
      {-3.0, 0.3, 0.2, 0.1},
  };

  static Dataset raw;
  static double[] mle;

  @BeforeAll
  static void drawCountsAndFitByNewton() {
    raw = counts(ROWS, 20240501L);
    mle = NewtonMultinomialLogit.fittedFractions(raw);
  }

  /**
   * Rows with features on their own scales ({@code N(2, 1.5)}, {@code N(-1, 0.5)},
   * {@code U(0, 10)}), totals 20 to 200, counts drawn from the multinomial logit {@link #BETA}.
   */
  static Dataset counts(int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[rows * D];
    double[] p = new double[rows * K];
    double[] w = new double[rows];
    double[] prob = new double[K];
    for (int i = 0; i < rows; i++) {
      x[i * D] = 2 + 1.5 * r.nextGaussian();
      x[i * D + 1] = -1 + 0.5 * r.nextGaussian();
      x[i * D + 2] = 10 * r.nextDouble();
      double sum = 0;
      for (int k = 0; k < K; k++) {
        double eta = BETA[k][0];
        for (int j = 0; j < D; j++) {
          eta += BETA[k][j + 1] * x[i * D + j];
        }
        prob[k] = Math.exp(eta);
        sum += prob[k];
      }
      int total = 20 + r.nextInt(181);
      int[] c = new int[K];
      for (int u = 0; u < total; u++) {
        double draw = r.nextDouble() * sum;
        int k = 0;
        while (k < K - 1 && draw >= prob[k]) {
          draw -= prob[k];
          k++;
        }
        c[k]++;
      }
      for (int k = 0; k < K; k++) {
        p[i * K + k] = c[k] / (double) total;
      }
      w[i] = total;
    }
    return new Dataset("multinomial counts", x, p, w, true, List.of("a", "b", "c"),
        List.of("y0", "y1", "y2", "y3"), null, null);
  }

  /** What ModelFitter hands the trainer: the rows with standardised features. */
  private static Dataset standardised() {
    return raw.withFeatures(Standardization.fit(ROWS, D, raw.features()).apply(raw.features()));
  }

  private static final NetworkSpec SPEC = new LinearArchitecture().create(Parameters.empty(), D, K);

  private static TrainingLoop.Outcome lbfgs(Dataset data, Parameters lbfgsParameters, TrainingListener listener) {
    return TrainingLoop.run(Networks.trainer(1), data, null, SPEC, crossEntropy(data), new LbfgsProvider(),
        lbfgsParameters, Networks.options(500, 32, 0.01, 3, 5), listener, null);
  }

  private static double gradientNorm(Dataset data, double[] parameters) {
    double[] g = new double[SPEC.parameterCount()];
    Networks.lossAndGradient(SPEC, parameters, data, crossEntropy(data), g);
    double norm = 0;
    for (double v : g) {
      norm += v * v;
    }
    return Math.sqrt(norm);
  }

  private static LossFunction crossEntropy(Dataset data) {
    return new CrossEntropyProvider().create(Parameters.empty(), TargetStatistics.of(data.rows(),
        K, data.targets(), data.weights(), data.weightsAreCounts()));
  }

  @Test
  void lbfgsReachesTheMaximumLikelihoodFitOfTheNewtonReference() {
    Dataset data = standardised();
    Networks.Recorder recorder = new Networks.Recorder();
    LossFunction loss = crossEntropy(data);

    long start = System.nanoTime();
    TrainingLoop.Outcome fit = lbfgs(data, Parameters.empty(), recorder);
    double millis = (System.nanoTime() - start) / 1e6;
    System.out.printf("lbfgs on %d rows: %s, %.1f ms%n", ROWS, fit.summary().stopReason(), millis);

    assertThat(fit.summary().stopReason()).startsWith("converged (gradient norm ");
    assertThat(fit.summary().epochs()).isEqualTo(recorder.trainingLosses.size()).isLessThan(500);
    assertThat(recorder.maxEpochs).isEqualTo(500);
    assertThat(recorder.batchesPerEpoch).isEqualTo(1);
    assertThat(recorder.finished).isEqualTo(fit.summary());

    // the gradient at the returned weights, recomputed: the MLE's score is zero
    assertThat(gradientNorm(data, fit.fullPrecision())).isLessThan(1e-6);

    double[] exact = fractions(loss, Networks.forward(SPEC, fit.fullPrecision(), data));
    double[] float32 = fractions(loss, Networks.forward(SPEC, DoubleNetwork.flatten(fit.weights()), data));
    System.out.printf("fractions vs Newton: max |difference| %.2g (double weights), %.2g"
        + " (float32 weights)%n", maxAbsDifference(exact, mle), maxAbsDifference(float32, mle));
    assertThat(maxAbsDifference(exact, mle)).as("double-precision fit vs Newton").isLessThan(1e-6);
    assertThat(maxAbsDifference(float32, mle)).as("float32 weights vs Newton").isLessThan(2e-6);
  }

  @Test
  void theDistanceToNewtonShrinksWithTheTolerance() {
    // the 5e-7 above is the optimizer's tolerance, not a different optimum
    Dataset data = standardised();
    TrainingLoop.Outcome fit = lbfgs(data, Parameters.of("test", Map.of("tolerance", "1e-10")),
        TrainingListener.NONE);
    double[] q = fractions(crossEntropy(data), Networks.forward(SPEC, fit.fullPrecision(), data));
    System.out.printf("tolerance 1e-10: %s, fractions vs Newton: max |difference| %.2g%n",
        fit.summary().stopReason(), maxAbsDifference(q, mle));
    assertThat(fit.summary().stopReason()).startsWith("converged");
    assertThat(maxAbsDifference(q, mle)).isLessThan(1e-8);
  }

  @Test
  void theLibraryPathWithDiscoveredPluginsReachesTheSameFit() {
    Fracnet fracnet = Fracnet.discover();
    FitResult result = fracnet.train(raw, TrainingConfig.builder().architecture(Architecture.linear())
        .optimizer(OptimizerSettings.lbfgs()).trainer("java", Map.of("threads", "2")).epochs(500).build());

    assertThat(result.model().summary().stopReason()).startsWith("converged");
    assertThat(result.model().run().trainer()).isEqualTo("java");
    assertThat(result.validation()).as("a full-batch fit holds out no rows by default").isNull();
    // the model standardises the raw features itself and predicts in double precision
    double[] q = result.model().predict(ROWS, raw.features());
    System.out.printf("Fracnet.train: %s, fractions vs Newton: max |difference| %.2g%n",
        result.model().summary().stopReason(), maxAbsDifference(q, mle));
    assertThat(maxAbsDifference(q, mle)).isLessThan(2e-6);
  }

  private static double[] fractions(LossFunction loss, double[] z) {
    double[] q = new double[z.length];
    loss.predict(z.length / K, z, q);
    return q;
  }

  private static double maxAbsDifference(double[] a, double[] b) {
    assertThat(a).hasSameSizeAs(b);
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  /**
   * Newton-Raphson for the multinomial logit with class 0 as reference: parameters B ((K - 1) x
   * (1 + D)), {@code eta_k = B_k . (1, x)}, log-likelihood
   * {@code sum_i [sum_{k>0} c_ik eta_ik - n_i log(1 + sum_{k>0} exp eta_ik)]}, score
   * {@code sum_i (c_ik - n_i pi_ik) X_i}, Hessian
   * {@code -sum_i n_i pi_ik (delta_kl - pi_il) X_i X_i'}. Written without any fracnet code.
   */
  static final class NewtonMultinomialLogit {
    private NewtonMultinomialLogit() {}

    static double[] fittedFractions(Dataset data) {
      int n = data.rows();
      int p = 1 + D;
      int m = (K - 1) * p;
      double[] beta = new double[m];
      double previous = logLikelihood(data, beta);
      for (int iteration = 0; ; iteration++) {
        double[] score = new double[m];
        double[][] information = new double[m][m];
        double[] design = new double[p];
        for (int i = 0; i < n; i++) {
          design[0] = 1;
          System.arraycopy(data.features(), i * D, design, 1, D);
          double[] pi = probabilities(beta, design);
          double total = data.weights()[i];
          for (int k = 1; k < K; k++) {
            double residual = data.targets()[i * K + k] * total - total * pi[k];
            for (int a = 0; a < p; a++) {
              score[(k - 1) * p + a] += residual * design[a];
            }
            for (int l = 1; l < K; l++) {
              double c = total * pi[k] * ((k == l ? 1 : 0) - pi[l]);
              for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                  information[(k - 1) * p + a][(l - 1) * p + b] += c * design[a] * design[b];
                }
              }
            }
          }
        }
        RealVector step = new CholeskyDecomposition(new Array2DRowRealMatrix(information, false))
            .getSolver().solve(new ArrayRealVector(score, false));
        // step halving keeps every iteration an ascent (rarely needed: the likelihood is concave)
        double t = 1;
        double[] next = new double[m];
        double value;
        do {
          for (int j = 0; j < m; j++) {
            next[j] = beta[j] + t * step.getEntry(j);
          }
          value = logLikelihood(data, next);
          t /= 2;
        } while (value < previous - 1e-9 * Math.abs(previous) && t > 1e-10);
        beta = next;
        previous = value;
        if (step.getLInfNorm() < 1e-12) {
          break;
        }
        assertThat(iteration).as("Newton iterations").isLessThan(100);
      }
      double[] q = new double[n * K];
      double[] design = new double[p];
      for (int i = 0; i < n; i++) {
        design[0] = 1;
        System.arraycopy(data.features(), i * D, design, 1, D);
        System.arraycopy(probabilities(beta, design), 0, q, i * K, K);
      }
      return q;
    }

    private static double[] probabilities(double[] beta, double[] design) {
      double[] pi = new double[K];
      pi[0] = 1;
      double sum = 1;
      for (int k = 1; k < K; k++) {
        double eta = 0;
        for (int a = 0; a < design.length; a++) {
          eta += beta[(k - 1) * design.length + a] * design[a];
        }
        pi[k] = Math.exp(eta);
        sum += pi[k];
      }
      for (int k = 0; k < K; k++) {
        pi[k] /= sum;
      }
      return pi;
    }

    private static double logLikelihood(Dataset data, double[] beta) {
      double ll = 0;
      double[] design = new double[1 + D];
      for (int i = 0; i < data.rows(); i++) {
        design[0] = 1;
        System.arraycopy(data.features(), i * D, design, 1, D);
        double[] pi = probabilities(beta, design);
        for (int k = 0; k < K; k++) {
          double count = data.targets()[i * K + k] * data.weights()[i];
          if (count > 0) {
            ll += count * Math.log(pi[k]);
          }
        }
      }
      return ll;
    }
  }
}
