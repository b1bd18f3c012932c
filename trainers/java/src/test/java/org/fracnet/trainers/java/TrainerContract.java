package org.fracnet.trainers.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fracnet.core.SettingsException;
import org.fracnet.core.TrainingException;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.optim.AdamProvider;
import org.fracnet.core.optim.SgdProvider;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.OptimizerProvider;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.Trainer;
import org.fracnet.core.training.LearningRateSchedule;
import org.fracnet.core.training.TrainingCheckpoint;
import org.fracnet.core.training.TrainingConfig;
import org.fracnet.core.training.TrainingListener;
import org.fracnet.core.training.TrainingLoop;
import org.fracnet.core.training.TrainingSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every trainer must do inside core's training loop, on data from a known softmax teacher:
 * learn, start from the class means, repeat bit for bit, follow the schedule, stop early with the
 * best weights, fail clearly on divergence, clip, cope with tiny data, and resume bit for bit.
 * Each trainer module extends it with its {@link #trainer(int)}.
 */
public abstract class TrainerContract {
  private static final TeacherData LINEAR = new TeacherData(8, 4, 0, 11);
  private static final TeacherData NONLINEAR = new TeacherData(8, 4, 16, 12);

  /** The trainer under test with {@code threads} threads and {@code more} parameters. */
  protected abstract Trainer trainer(int threads, Map<String, String> more);

  private Trainer trainer(int threads) {
    return trainer(threads, Map.of());
  }

  @ParameterizedTest(name = "{0} with {1} hidden units, {2}")
  @CsvSource({"linear, 0, IDENTITY, 0.02", "nonlinear, 32, RELU, 0.01", "nonlinear, 32, TANH, 0.01"})
  void learnsTheTeacherFarBetterThanTheMean(String teacherKind, int hidden, Activation act, double learningRate) {
    TeacherData teacher = teacherKind.equals("linear") ? LINEAR : NONLINEAR;
    Dataset train = teacher.sample(3000, 1);
    Dataset test = teacher.sample(1000, 2);
    NetworkSpec spec = hidden == 0 ? Networks.spec(act, 8, 4) : Networks.spec(act, 8, hidden, hidden, 4);
    Networks.Recorder recorder = new Networks.Recorder();
    TrainingLoop.Outcome result = Networks.train(trainer(2), train, null, spec,
        Networks.options(25, 64, learningRate, 7, 3), recorder);

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
    TrainingLoop.Outcome result = Networks.train(trainer(1), train, null, spec,
        Networks.options(1, 500, 1e-9, 5, 1), TrainingListener.NONE);
    double meanLoss = Networks.crossEntropy(4).value(train.rows(),
        logOf(TeacherData.meanPrediction(train, train)), train.targets(), train.weights());
    assertThat(Networks.loss(spec, result, train)).isCloseTo(meanLoss, within(0.1 * meanLoss));
  }

  @Test
  void sameSeedAndThreadsGiveBitIdenticalWeights() {
    Dataset train = NONLINEAR.sample(1000, 4);
    NetworkSpec spec = Networks.spec(Activation.RELU, 8, 24, 24, 4);
    TrainingConfig options = Networks.options(3, 50, 0.01, 99, 1);
    for (int threads : new int[] {1, 2}) {
      TrainingLoop.Outcome a = Networks.train(trainer(threads), train, null, spec, options, TrainingListener.NONE);
      TrainingLoop.Outcome b = Networks.train(trainer(threads), train, null, spec, options, TrainingListener.NONE);
      for (int i = 0; i < a.weights().size(); i++) {
        assertThat(b.weights().get(i)).as("threads %d, array %d", threads, i).containsExactly(a.weights().get(i));
      }
    }
    TrainingLoop.Outcome other = Networks.train(trainer(2), train, null, spec,
        Networks.options(3, 50, 0.01, 100, 1), TrainingListener.NONE);
    TrainingLoop.Outcome same = Networks.train(trainer(2), train, null, spec, options, TrainingListener.NONE);
    assertThat(other.weights().get(0)).isNotEqualTo(same.weights().get(0));
  }

  @Test
  void theLearningRateScheduleReachesTheOptimizer() {
    Dataset train = NONLINEAR.sample(600, 6);
    NetworkSpec spec = Networks.spec(Activation.RELU, 8, 16, 4);
    TrainingLoop.Outcome oneEpoch = Networks.train(trainer(1), train, null, spec,
        Networks.options(1, 50, 0.01, 5, 1), TrainingListener.NONE);
    TrainingLoop.Outcome decayed = Networks.train(trainer(1), train, null, spec,
        Networks.options(4, 50, 0.01, 5, 1).toBuilder().schedule(LearningRateSchedule.step(1, 1e-9)).build(),
        TrainingListener.NONE);
    TrainingLoop.Outcome constant = Networks.train(trainer(1), train, null, spec,
        Networks.options(4, 50, 0.01, 5, 1), TrainingListener.NONE);
    float[] first = oneEpoch.weights().get(0);
    assertThat(decayed.weights().get(0)).as("epochs 2-4 at a learning rate of 1e-11")
        .containsExactly(first, within(1e-6f));
    float maxChange = 0;
    for (int i = 0; i < first.length; i++) {
      maxChange = Math.max(maxChange, Math.abs(constant.weights().get(0)[i] - first[i]));
    }
    assertThat(maxChange).as("epochs 2-4 at a constant learning rate").isGreaterThan(1e-3f);
  }

  @Test
  void earlyStoppingReturnsTheBestEpochsWeights() {
    // validation targets from another teacher: fitting the training rows soon hurts validation
    Dataset train = NONLINEAR.sample(600, 7);
    Dataset validation = new TeacherData(8, 4, 16, 999).sample(300, 8);
    NetworkSpec spec = Networks.spec(Activation.RELU, 8, 32, 4);
    Networks.Recorder recorder = new Networks.Recorder();
    TrainingLoop.Outcome result = Networks.train(trainer(2), train, validation, spec,
        Networks.options(200, 32, 0.01, 3, 4), recorder);

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
    Networks.Recorder recorder = new Networks.Recorder();
    assertThatThrownBy(() -> Networks.train(trainer(2), train, null, spec, new SgdProvider(), Parameters.empty(),
        Networks.options(20, 40, 1e30, 1, 1), recorder))
        .isInstanceOf(TrainingException.class)
        .hasMessageStartingWith("training diverged: the training loss became ")
        .hasMessageContaining("at epoch 1, batch ")
        .hasMessageContaining("(learningRate(1.0E30), optimizer sgd)")
        .hasMessageContaining("lower the learning rate, e.g. learningRate(1.0")
        .hasMessageContaining("clip-norm=1");
    assertThat(recorder.finished.stopReason()).isEqualTo("diverged");
  }

  @Test
  void gradientClippingKeepsAHighLearningRateFinite() {
    Dataset train = NONLINEAR.sample(400, 9);
    NetworkSpec spec = Networks.spec(Activation.RELU, 8, 16, 4);
    TrainingLoop.Outcome result = Networks.train(trainer(2, Map.of("clip-norm", "1e-3")), train, null, spec,
        new SgdProvider(), Parameters.empty(), Networks.options(2, 40, 10, 1, 1), TrainingListener.NONE);
    assertThat(result.summary().trainingLoss()).isFinite();
  }

  @Test
  void clipNormWithAFullBatchOptimizerIsRejected() {
    Dataset train = NONLINEAR.sample(50, 3);
    assertThatThrownBy(() -> Networks.train(trainer(1, Map.of("clip-norm", "1")), train, null,
        Networks.spec(Activation.RELU, 8, 4), new org.fracnet.core.optim.LbfgsProvider(), Parameters.empty(),
        Networks.options(5, 10, 0.1, 1, 1), TrainingListener.NONE))
        .isInstanceOf(SettingsException.class)
        .hasMessage("trainer parameter clip-norm=1.0 has no effect with a full-batch optimizer, whose line"
            + " search chooses the steps; remove it");
  }

  @Test
  void aBatchLargerThanTheDataAndOneRowWork() {
    Dataset one = LINEAR.sample(1, 10);
    NetworkSpec spec = Networks.spec(Activation.RELU, 8, 5, 4);
    TrainingLoop.Outcome result = Networks.train(trainer(2), one, one, spec,
        Networks.options(2, 256, 0.01, 1, 5), TrainingListener.NONE);
    assertThat(result.summary().epochs()).isEqualTo(2);
    assertThat(result.summary().validationLoss()).isFinite();
  }

  /** Keeps every checkpoint. */
  private static final class Checkpoints implements TrainingListener {
    final List<TrainingCheckpoint> saved = new ArrayList<>();

    @Override
    public boolean wantsCheckpoints() {
      return true;
    }

    @Override
    public void checkpoint(TrainingCheckpoint checkpoint) {
      saved.add(checkpoint);
    }
  }

  @ParameterizedTest(name = "{0}, {1} threads, validation {2}")
  @CsvSource({"adam, 1, false", "adam, 2, true", "sgd, 2, true"})
  void resumingAfterAnyEpochGivesTheUnbrokenRunsWeightsBitForBit(String optimizerId, int threads,
      boolean withValidation) {
    TeacherData teacher = new TeacherData(8, 4, 16, 21);
    Dataset train = teacher.sample(700, 3);
    Dataset validation = withValidation ? teacher.sample(200, 4) : null;
    NetworkSpec spec = Networks.spec(Activation.RELU, 8, 16, 4);
    OptimizerProvider optimizer = optimizerId.equals("adam") ? new AdamProvider() : new SgdProvider();
    Parameters optimizerParameters = optimizerId.equals("adam") ? Parameters.empty()
        : Parameters.of("sgd", Map.of("momentum", "0.9"));
    TrainingConfig options = Networks.options(6, 64, 0.01, 17, 50);
    Checkpoints checkpoints = new Checkpoints();
    TrainingLoop.Outcome unbroken = TrainingLoop.run(trainer(threads), train, validation, spec,
        Networks.crossEntropy(4), optimizer, optimizerParameters, options, checkpoints, null);
    assertThat(checkpoints.saved).hasSize(6);
    for (int stoppedAfter : new int[] {1, 4}) {
      TrainingLoop.Outcome resumed = TrainingLoop.run(trainer(threads), train, validation, spec,
          Networks.crossEntropy(4), optimizer, optimizerParameters, options, TrainingListener.NONE,
          checkpoints.saved.get(stoppedAfter - 1));
      for (int i = 0; i < unbroken.weights().size(); i++) {
        assertThat(resumed.weights().get(i)).as("after epoch %d, array %d", stoppedAfter, i)
            .containsExactly(unbroken.weights().get(i));
      }
      assertThat(resumed.summary().epochs()).isEqualTo(6);
      assertThat(resumed.summary().bestEpoch()).isEqualTo(unbroken.summary().bestEpoch());
    }
  }

  @ParameterizedTest(name = "{0} threads")
  @ValueSource(ints = {1, 2})
  void withDropoutAResumedRunEndsBitForBitAsTheUnbrokenOne(int threads) {
    TeacherData teacher = new TeacherData(8, 4, 16, 21);
    Dataset train = teacher.sample(700, 3);
    Dataset validation = teacher.sample(200, 4);
    NetworkSpec plain = Networks.spec(Activation.RELU, 8, 16, 16, 4);
    NetworkSpec spec = new NetworkSpec(plain.architecture(), plain.layers(), 0.3);
    TrainingConfig options = Networks.options(5, 64, 0.01, 17, 50);
    Checkpoints checkpoints = new Checkpoints();
    TrainingLoop.Outcome unbroken = TrainingLoop.run(trainer(threads), train, validation, spec,
        Networks.crossEntropy(4), new AdamProvider(), Parameters.empty(), options, checkpoints, null);
    TrainingLoop.Outcome resumed = TrainingLoop.run(trainer(threads), train, validation, spec,
        Networks.crossEntropy(4), new AdamProvider(), Parameters.empty(), options, TrainingListener.NONE,
        checkpoints.saved.get(2));
    TrainingLoop.Outcome without = TrainingLoop.run(trainer(threads), train, validation, plain,
        Networks.crossEntropy(4), new AdamProvider(), Parameters.empty(), options, TrainingListener.NONE, null);
    for (int i = 0; i < unbroken.weights().size(); i++) {
      assertThat(resumed.weights().get(i)).as("array %d", i).containsExactly(unbroken.weights().get(i));
    }
    assertThat(without.weights().get(0)).isNotEqualTo(unbroken.weights().get(0));
    // it still learns: the validation loss falls below the first epoch's
    assertThat(unbroken.summary().validationLoss()).isLessThan(checkpoints.saved.get(0).bestLoss());
  }

  @Test
  void rowsReadInChunksTrainAsWellAsRowsInMemoryAndTheValidationLossIsTheSame() {
    TeacherData teacher = new TeacherData(8, 4, 16, 31);
    Dataset train = teacher.sample(2000, 5);
    Dataset validation = teacher.sample(500, 6);
    NetworkSpec spec = Networks.spec(Activation.RELU, 8, 16, 4);
    TrainingConfig options = Networks.options(8, 64, 0.01, 5, 100);
    TrainingLoop.Outcome inMemory = Networks.train(trainer(2), train, validation, spec, options, TrainingListener.NONE);
    InMemoryChunks chunks = new InMemoryChunks(train, 150, 3); // 14 chunks, the last of 50 rows: 5 groups
    InMemoryChunks validationChunks = new InMemoryChunks(validation, 150, 2);
    Networks.Recorder recorder = new Networks.Recorder();
    TrainingLoop.Outcome chunked = TrainingLoop.run(trainer(2), chunks, validationChunks,
        org.fracnet.core.spi.TargetStatistics.uniform(4), spec, Networks.crossEntropy(4), new AdamProvider(),
        Parameters.empty(), options, recorder, null);

    // each epoch reads 5 groups (3 + 3 + 3 + 3 + 2 chunks), each run in batches of at most 64 of its own rows
    assertThat(chunks.reads).isEqualTo(8 * 5);
    assertThat(recorder.batches).isBetween(8 * 34, 8 * 36);
    // another shuffle, so not the same weights, but as good: validation loss within 3 %
    assertThat(chunked.summary().validationLoss())
        .isCloseTo(inMemory.summary().validationLoss(), within(0.03 * inMemory.summary().validationLoss()));
    // the validation loss summed chunk by chunk is the mean over all validation rows at the kept weights
    double[] q = Networks.predict(spec, chunked, validation);
    double sum = 0;
    double weight = 0;
    for (int i = 0; i < validation.rows(); i++) {
      double w = validation.weights()[i];
      for (int j = 0; j < 4; j++) {
        sum -= w * validation.targets()[i * 4 + j] * Math.log(q[i * 4 + j]);
      }
      weight += w;
    }
    double crossEntropy = sum / weight; // the weighted mean over rows, as the loss defines it
    assertThat(chunked.summary().validationLoss()).isCloseTo(crossEntropy, within(1e-4 * crossEntropy));
  }

  @ParameterizedTest(name = "{0} threads")
  @CsvSource({"1", "2"})
  void rowsReadInChunksResumeBitForBit(int threads) {
    TeacherData teacher = new TeacherData(8, 4, 16, 41);
    InMemoryChunks train = new InMemoryChunks(teacher.sample(900, 7), 100, 2);
    InMemoryChunks validation = new InMemoryChunks(teacher.sample(250, 8), 100, 2);
    NetworkSpec spec = Networks.spec(Activation.RELU, 8, 16, 4);
    TrainingConfig options = Networks.options(5, 64, 0.01, 19, 50);
    Checkpoints checkpoints = new Checkpoints();
    org.fracnet.core.spi.TargetStatistics stats = org.fracnet.core.spi.TargetStatistics.uniform(4);
    TrainingLoop.Outcome unbroken = TrainingLoop.run(trainer(threads), train, validation, stats, spec,
        Networks.crossEntropy(4), new AdamProvider(), Parameters.empty(), options, checkpoints, null);
    assertThat(checkpoints.saved).hasSize(5);
    TrainingLoop.Outcome resumed = TrainingLoop.run(trainer(threads), train, validation, stats, spec,
        Networks.crossEntropy(4), new AdamProvider(), Parameters.empty(), options, TrainingListener.NONE,
        checkpoints.saved.get(1));
    for (int i = 0; i < unbroken.weights().size(); i++) {
      assertThat(resumed.weights().get(i)).as("array %d", i).containsExactly(unbroken.weights().get(i));
    }
    assertThat(resumed.summary().validationLoss()).isEqualTo(unbroken.summary().validationLoss());
  }

  private static double[] logOf(double[] q) {
    double[] z = new double[q.length];
    for (int i = 0; i < q.length; i++) {
      z[i] = Math.log(q[i]);
    }
    return z;
  }
}
