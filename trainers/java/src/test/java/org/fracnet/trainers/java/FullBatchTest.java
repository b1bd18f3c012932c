package org.fracnet.trainers.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.optim.LbfgsProvider;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.training.TrainingConfig;
import org.fracnet.core.training.TrainingListener;
import org.fracnet.core.training.TrainingLoop;
import org.fracnet.core.training.TrainingSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Full-batch training ({@code lbfgs}) through the java trainer and core's loop. */
class FullBatchTest {
  private static final TeacherData NONLINEAR = new TeacherData(8, 4, 16, 12);

  private static TrainingLoop.Outcome lbfgs(Dataset train, Dataset validation, NetworkSpec spec,
      TrainingConfig options, TrainingListener listener, String... optimizerParameters) {
    return Networks.train(Networks.trainer(2), train, validation, spec, new LbfgsProvider(),
        Parameters.parse("test", List.of(optimizerParameters)), options, listener);
  }

  @Test
  void anMlpLearnsTheTeacherWithOneEpochPerIteration() {
    Dataset train = NONLINEAR.sample(2000, 1);
    Dataset test = NONLINEAR.sample(1000, 2);
    NetworkSpec spec = Networks.spec(Activation.TANH, 8, 16, 4);
    Networks.Recorder recorder = new Networks.Recorder();
    TrainingLoop.Outcome result = lbfgs(train, null, spec, Networks.options(150, 64, 0.01, 7, 3),
        recorder);

    TrainingSummary s = result.summary();
    assertThat(recorder.maxEpochs).isEqualTo(150);
    assertThat(recorder.batchesPerEpoch).isEqualTo(1);
    assertThat(recorder.batches).isEqualTo(s.epochs());
    assertThat(recorder.trainingLosses).hasSize(s.epochs())
        .isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(s.stopReason()).matches("max iterations \\(gradient norm .*\\)|converged .*");
    assertThat(s.trainingLoss()).isEqualTo(recorder.trainingLosses.get(s.epochs() - 1));
    assertThat(s.samplesPerSecond()).isPositive();
    assertThat(recorder.finished).isEqualTo(s);
    assertThat(TeacherData.klRelativeToTheMean(train, test, Networks.predict(spec, result, test)))
        .as("held-out KL / the mean prediction's").isLessThan(0.05);
  }

  @Test
  void theOptimizersOwnIterationLimitIsAnnouncedAndApplied() {
    Dataset train = NONLINEAR.sample(300, 3);
    Networks.Recorder recorder = new Networks.Recorder();
    TrainingLoop.Outcome result = lbfgs(train, null, Networks.spec(Activation.RELU, 8, 8, 4),
        Networks.options(100, 64, 0.01, 7, 3), recorder, "max-iterations=4");
    assertThat(recorder.maxEpochs).isEqualTo(4);
    assertThat(result.summary().epochs()).isEqualTo(4);
    assertThat(result.summary().stopReason()).startsWith("max iterations (gradient norm ");
  }

  @Test
  void earlyStoppingPerIterationReturnsTheBestWeights() {
    // validation targets from another teacher: fitting the training rows soon hurts validation
    Dataset train = NONLINEAR.sample(600, 7);
    Dataset validation = new TeacherData(8, 4, 16, 999).sample(300, 8);
    NetworkSpec spec = Networks.spec(Activation.RELU, 8, 32, 4);
    Networks.Recorder recorder = new Networks.Recorder();
    TrainingLoop.Outcome result = lbfgs(train, validation, spec,
        Networks.options(300, 32, 0.01, 3, 4), recorder);

    TrainingSummary s = result.summary();
    assertThat(s.stopReason()).isEqualTo("early stopping: no validation improvement in 4"
        + " iterations");
    assertThat(s.epochs()).isEqualTo(s.bestEpoch() + 4);
    List<Double> losses = recorder.validationLosses;
    assertThat(losses).hasSize(s.epochs());
    double best = losses.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    assertThat(losses.get(s.bestEpoch() - 1)).isEqualTo(best);
    assertThat(s.validationLoss()).isEqualTo(best);
    assertThat(Networks.loss(spec, result, validation)).isCloseTo(best, within(1e-5 * best));
  }

  @Test
  void sameRequestGivesBitIdenticalWeights() {
    Dataset train = NONLINEAR.sample(3000, 4); // 3000 rows: two parts with threads=2
    NetworkSpec spec = Networks.spec(Activation.RELU, 8, 12, 4);
    TrainingConfig options = Networks.options(10, 64, 0.01, 5, 3);
    TrainingLoop.Outcome a = lbfgs(train, null, spec, options, TrainingListener.NONE);
    TrainingLoop.Outcome b = lbfgs(train, null, spec, options, TrainingListener.NONE);
    for (int i = 0; i < a.weights().size(); i++) {
      assertThat(b.weights().get(i)).containsExactly(a.weights().get(i));
    }
  }

  @Test
  void theThreadedObjectiveEqualsTheSingleThreadedOne() {
    Dataset data = NONLINEAR.sample(5000, 5);
    NetworkSpec spec = Networks.spec(Activation.TANH, 8, 10, 4);
    double[] x = randomParameters(spec, 6);
    LossFunction loss = Networks.crossEntropy(4);
    double[] g1 = new double[x.length];
    double[] g3 = new double[x.length];
    double v1;
    double v3;
    try (RowSplitObjective one = new RowSplitObjective(spec, data, loss, 1);
        RowSplitObjective three = new RowSplitObjective(spec, data, loss, 3)) {
      v1 = one.valueAndGradient(x, g1);
      v3 = three.valueAndGradient(x, g3);
      assertThat(three.value(x)).isEqualTo(v3);
      assertThat(three.evaluations()).isEqualTo(1);
    }
    assertThat(v3).isCloseTo(v1, within(1e-12));
    for (int i = 0; i < x.length; i++) {
      assertThat(g3[i]).isCloseTo(g1[i], within(1e-12));
    }
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void theDoublePrecisionGradientMatchesFiniteDifferences(Activation activation) {
    Dataset data = NONLINEAR.sample(23, 9);
    NetworkSpec spec = Networks.spec(activation, 8, 6, 5, 4);
    double[] x = randomParameters(spec, 10);
    LossFunction loss = Networks.crossEntropy(4);
    double[] g = new double[x.length];
    java.util.Arrays.fill(g, 123); // written, not accumulated
    Networks.lossAndGradient(spec, x, data, loss, g);
    double h = 1e-6;
    for (int i = 0; i < x.length; i++) {
      double saved = x[i];
      x[i] = saved + h;
      double up = Networks.lossAndGradient(spec, x, data, loss, null);
      x[i] = saved - h;
      double down = Networks.lossAndGradient(spec, x, data, loss, null);
      x[i] = saved;
      assertThat(g[i]).as("parameter %d", i).isCloseTo((up - down) / (2 * h), within(1e-7));
    }
  }

  @Test
  void clipNormWithAFullBatchOptimizerIsRejected() {
    Dataset train = NONLINEAR.sample(50, 3);
    assertThatThrownBy(() -> Networks.train(
        new JavaTrainerProvider().create(Parameters.of("t", Map.of("clip-norm", "1"))), train,
        null, Networks.spec(Activation.RELU, 8, 4), new LbfgsProvider(), Parameters.empty(),
        Networks.options(5, 10, 0.1, 1, 1), TrainingListener.NONE))
        .isInstanceOf(org.fracnet.core.SettingsException.class)
        .hasMessage("trainer parameter clip-norm=1.0 has no effect with a full-batch optimizer, whose line"
            + " search chooses the steps; remove it");
  }

  @Test
  void aLossThatIsNotFiniteAtTheStartFailsWithAMessage() {
    Dataset train = NONLINEAR.sample(50, 3);
    LossFunction ce = Networks.crossEntropy(4);
    LossFunction nan = new LossFunction() {
      @Override
      public String id() {
        return "always-nan";
      }

      @Override
      public int classes() {
        return 4;
      }

      @Override
      public Parameters resolvedParameters() {
        return Parameters.empty();
      }

      @Override
      public double valueAndGradient(int n, double[] z, double[] p, double[] w, double[] grad) {
        ce.valueAndGradient(n, z, p, w, grad);
        return Double.NaN;
      }

      @Override
      public void predict(int n, double[] z, double[] fractions) {
        ce.predict(n, z, fractions);
      }
    };
    Networks.Recorder recorder = new Networks.Recorder();
    assertThatThrownBy(() -> TrainingLoop.run(Networks.trainer(1), train, null,
        Networks.spec(Activation.RELU, 8, 4), nan, new LbfgsProvider(), Parameters.empty(),
        Networks.options(5, 10, 0.1, 1, 1), recorder, null))
        .isInstanceOf(org.fracnet.core.TrainingException.class)
        .hasMessageStartingWith("training failed: the training loss of loss always-nan is"
            + " NaN")
        .hasMessageContaining("at the initial weights (optimizer lbfgs, full batch)");
    assertThat(recorder.finished.stopReason()).isEqualTo("diverged");
  }

  private static double[] randomParameters(NetworkSpec spec, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[spec.parameterCount()];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextGaussian() * 0.5;
    }
    return x;
  }
}
