package org.fracnet.trainers.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fracnet.core.FracnetException;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.optim.SgdProvider;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.LearningRateSchedule;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TrainingListener;
import org.fracnet.core.spi.TrainingOptions;
import org.fracnet.core.spi.TrainingResult;
import org.fracnet.core.spi.TrainingSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Training on the real native backend, on data from a known softmax teacher. */
class Nd4jTrainerTest {
  private static final TeacherData LINEAR = new TeacherData(8, 4, 0, 11);
  private static final TeacherData NONLINEAR = new TeacherData(8, 4, 16, 12);

  /** Records what the trainer reports. */
  static final class Recorder implements TrainingListener {
    int maxEpochs;
    int batchesPerEpoch;
    int batches;
    final List<Double> trainingLosses = new ArrayList<>();
    final List<Double> validationLosses = new ArrayList<>();
    TrainingSummary finished;

    @Override
    public void started(int maxEpochs, int batchesPerEpoch) {
      this.maxEpochs = maxEpochs;
      this.batchesPerEpoch = batchesPerEpoch;
    }

    @Override
    public void batchDone(int epoch, int batch) {
      batches++;
    }

    @Override
    public void epochDone(int epoch, double trainingLoss, double validationLoss) {
      trainingLosses.add(trainingLoss);
      validationLosses.add(validationLoss);
    }

    @Override
    public void finished(TrainingSummary summary) {
      finished = summary;
    }
  }

  @ParameterizedTest(name = "{0} with {1} hidden units, {2}")
  @CsvSource({"linear, 0, IDENTITY, 0.02", "nonlinear, 32, RELU, 0.01",
      "nonlinear, 32, TANH, 0.01"})
  void learnsTheTeacherFarBetterThanTheMean(String teacherKind, int hidden, Activation act,
      double learningRate) {
    TeacherData teacher = teacherKind.equals("linear") ? LINEAR : NONLINEAR;
    Dataset train = teacher.sample(3000, 1);
    Dataset test = teacher.sample(1000, 2);
    NetworkSpec spec = hidden == 0 ? Networks.spec(act, 8, 4) : Networks.spec(act, 8, hidden, hidden, 4);
    Recorder recorder = new Recorder();
    TrainingResult result = Networks.train(Networks.trainer(2), train, null, spec,
        new TrainingOptions(25, 64, learningRate, 7, 3), recorder);

    // 3000 rows in batches of 64: 47 batches, the last one of 56 rows
    assertThat(recorder.batchesPerEpoch).isEqualTo(47);
    assertThat(recorder.batches).isEqualTo(25 * 47);
    assertThat(recorder.trainingLosses.get(24)).isLessThan(recorder.trainingLosses.get(0));
    assertThat(result.summary().epochs()).isEqualTo(25);
    assertThat(result.summary().stopReason()).isEqualTo("max epochs");
    assertThat(result.summary().validationLoss()).isNaN();
    assertThat(result.summary().samplesPerSecond()).isPositive();
    assertThat(recorder.finished).isEqualTo(result.summary());
    assertThat(result.weights()).hasSize(2 * spec.layers().size());
    assertThat(result.weights().get(0)).hasSize(spec.layers().get(0).outputs() * 8);

    assertThat(TeacherData.klRelativeToTheMean(train, test, Networks.predict(spec, result, test)))
        .as("held-out KL / the mean prediction's").isLessThan(0.1);
  }

  @Test
  void startsFromTheClassMeans() {
    Dataset train = NONLINEAR.sample(500, 3);
    NetworkSpec spec = Networks.spec(Activation.RELU, 8, 16, 4);
    // a learning rate so small that one epoch leaves the weights almost untouched
    TrainingResult result = Networks.train(Networks.trainer(1), train, null, spec,
        new TrainingOptions(1, 500, 1e-9, 5, 1), TrainingListener.NONE);
    double meanLoss = Networks.crossEntropy(4).value(train.rows(),
        logOf(TeacherData.meanPrediction(train, train)), train.targets(), train.weights());
    assertThat(Networks.loss(spec, result, train)).isCloseTo(meanLoss, within(0.1 * meanLoss));
  }

  @Test
  void sameSeedAndThreadsGiveBitIdenticalWeights() {
    Dataset train = NONLINEAR.sample(1000, 4);
    NetworkSpec spec = Networks.spec(Activation.RELU, 8, 24, 24, 4);
    TrainingOptions options = new TrainingOptions(3, 50, 0.01, 99, 1);
    for (int threads : new int[] {1, 2}) {
      TrainingResult a = Networks.train(Networks.trainer(threads), train, null, spec, options,
          TrainingListener.NONE);
      TrainingResult b = Networks.train(Networks.trainer(threads), train, null, spec, options,
          TrainingListener.NONE);
      for (int i = 0; i < a.weights().size(); i++) {
        assertThat(b.weights().get(i)).as("threads %d, array %d", threads, i)
            .containsExactly(a.weights().get(i));
      }
    }
    TrainingResult other = Networks.train(Networks.trainer(2), train, null, spec,
        new TrainingOptions(3, 50, 0.01, 100, 1), TrainingListener.NONE);
    TrainingResult same = Networks.train(Networks.trainer(2), train, null, spec, options,
        TrainingListener.NONE);
    assertThat(other.weights().get(0)).isNotEqualTo(same.weights().get(0));
  }

  @Test
  void theLearningRateScheduleReachesTheOptimizer() {
    Dataset train = NONLINEAR.sample(600, 6);
    NetworkSpec spec = Networks.spec(Activation.RELU, 8, 16, 4);
    TrainingResult oneEpoch = Networks.train(Networks.trainer(1), train, null, spec,
        new TrainingOptions(1, 50, 0.01, 5, 1), TrainingListener.NONE);
    TrainingResult decayed = Networks.train(Networks.trainer(1), train, null, spec,
        new TrainingOptions(4, 50, 0.01, 5, 1, LearningRateSchedule.of("step", 1, 1e-9)), TrainingListener.NONE);
    TrainingResult constant = Networks.train(Networks.trainer(1), train, null, spec,
        new TrainingOptions(4, 50, 0.01, 5, 1), TrainingListener.NONE);
    float[] first = oneEpoch.weights().get(0);
    assertThat(decayed.weights().get(0)).as("epochs 2-4 at a learning rate of 1e-11")
        .containsExactly(first, org.assertj.core.api.Assertions.within(1e-6f));
    float maxChange = 0;
    for (int i = 0; i < first.length; i++) {
      maxChange = Math.max(maxChange, Math.abs(constant.weights().get(0)[i] - first[i]));
    }
    assertThat(maxChange).as("epochs 2-4 at a constant learning rate").isGreaterThan(1e-3f);
  }

  @Test
  void oneAndTwoThreadsAgreeClosely() {
    Dataset train = NONLINEAR.sample(1000, 5);
    Dataset test = NONLINEAR.sample(500, 6);
    NetworkSpec spec = Networks.spec(Activation.TANH, 8, 24, 4);
    TrainingOptions options = new TrainingOptions(3, 100, 0.003, 8, 1);
    TrainingResult one = Networks.train(Networks.trainer(1), train, null, spec, options,
        TrainingListener.NONE);
    TrainingResult two = Networks.train(Networks.trainer(2), train, null, spec, options,
        TrainingListener.NONE);
    double[] q1 = Networks.predict(spec, one, test);
    double[] q2 = Networks.predict(spec, two, test);
    double maxDiff = 0;
    for (int i = 0; i < q1.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(q1[i] - q2[i]));
    }
    assertThat(maxDiff).as("largest difference of predicted fractions").isLessThan(1e-3);
    assertThat(two.summary().trainingLoss())
        .isCloseTo(one.summary().trainingLoss(), within(1e-4 * one.summary().trainingLoss()));
  }

  @Test
  void earlyStoppingReturnsTheBestEpochsWeights() {
    // validation targets from another teacher: fitting the training rows soon hurts validation
    Dataset train = NONLINEAR.sample(600, 7);
    Dataset validation = new TeacherData(8, 4, 16, 999).sample(300, 8);
    NetworkSpec spec = Networks.spec(Activation.RELU, 8, 32, 4);
    Recorder recorder = new Recorder();
    TrainingResult result = Networks.train(Networks.trainer(2), train, validation, spec,
        new TrainingOptions(200, 32, 0.01, 3, 4), recorder);

    TrainingSummary s = result.summary();
    assertThat(s.stopReason()).isEqualTo("early stopping: no validation improvement in 4 epochs");
    assertThat(s.epochs()).isEqualTo(s.bestEpoch() + 4).isLessThan(200);
    List<Double> losses = recorder.validationLosses;
    assertThat(losses).hasSize(s.epochs());
    double best = losses.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    assertThat(losses.get(s.bestEpoch() - 1)).isEqualTo(best);
    assertThat(s.validationLoss()).isEqualTo(best);
    assertThat(losses.get(losses.size() - 1)).isGreaterThan(best);
    // the returned weights are the best epoch's, not the last one's
    assertThat(Networks.loss(spec, result, validation)).isCloseTo(best, within(1e-4 * best));
  }

  @Test
  void aDivergingRunFailsNamingEpochBatchAndFix() {
    Dataset train = NONLINEAR.sample(400, 9);
    NetworkSpec spec = Networks.spec(Activation.RELU, 8, 16, 4);
    Recorder recorder = new Recorder();
    assertThatThrownBy(() -> Networks.train(Networks.trainer(2), train, null, spec,
        new SgdProvider(), Parameters.empty(), new TrainingOptions(20, 40, 1e30, 1, 1), recorder))
        .isInstanceOf(FracnetException.class)
        .hasMessageStartingWith("training diverged: the training loss became ")
        .hasMessageContaining("at epoch 1, batch ")
        .hasMessageContaining("learning rate 1.0E30, optimizer sgd")
        .hasMessageContaining("lower the learning rate")
        .hasMessageContaining("clip-norm=1");
    assertThat(recorder.finished.stopReason()).isEqualTo("diverged");
  }

  @Test
  void gradientClippingKeepsAHighLearningRateFinite() {
    Dataset train = NONLINEAR.sample(400, 9);
    NetworkSpec spec = Networks.spec(Activation.RELU, 8, 16, 4);
    TrainingResult result = Networks.train(
        new Nd4jTrainerProvider().create(Parameters.of("t", Map.of("clip-norm", "1e-3"))),
        train, null, spec, new SgdProvider(), Parameters.empty(),
        new TrainingOptions(2, 40, 10, 1, 1), TrainingListener.NONE);
    assertThat(result.summary().trainingLoss()).isFinite();
  }

  @Test
  void aBatchLargerThanTheDataAndOneRowWork() {
    Dataset one = LINEAR.sample(1, 10);
    NetworkSpec spec = Networks.spec(Activation.RELU, 8, 5, 4);
    TrainingResult result = Networks.train(Networks.trainer(2), one, one, spec,
        new TrainingOptions(2, 256, 0.01, 1, 5), TrainingListener.NONE);
    assertThat(result.summary().epochs()).isEqualTo(2);
    assertThat(result.summary().validationLoss()).isFinite();
  }

  private static double[] logOf(double[] q) {
    double[] z = new double[q.length];
    for (int i = 0; i < q.length; i++) {
      z[i] = Math.log(q[i]);
    }
    return z;
  }
}
