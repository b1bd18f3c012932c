package org.fracnet.trainers.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.Trainer;
import org.fracnet.core.training.TrainingConfig;
import org.fracnet.core.training.TrainingListener;
import org.fracnet.core.training.TrainingLoop;
import org.fracnet.trainers.java.JavaTrainerProvider;
import org.fracnet.trainers.java.Networks;
import org.fracnet.trainers.java.TeacherData;
import org.fracnet.trainers.java.TrainerContract;
import org.junit.jupiter.api.Test;

/** The nd4j trainer passes the trainer contract on the real native backend, and agrees with the java one. */
class Nd4jTrainerTest extends TrainerContract {
  private static final TeacherData NONLINEAR = new TeacherData(8, 4, 16, 12);

  @Override
  protected Trainer trainer(int threads, Map<String, String> more) {
    Map<String, String> all = new HashMap<>(more);
    all.put("threads", String.valueOf(threads));
    return new Nd4jTrainerProvider().create(Parameters.of("test", all));
  }

  @Test
  void oneAndTwoThreadsAndTheJavaReferenceAgreeClosely() {
    Dataset train = NONLINEAR.sample(1000, 5);
    Dataset test = NONLINEAR.sample(500, 6);
    NetworkSpec spec = Networks.spec(Activation.TANH, 8, 24, 4);
    TrainingConfig options = Networks.options(3, 100, 0.003, 8, 1);
    TrainingLoop.Outcome one = Networks.train(trainer(1, Map.of()), train, null, spec, options, TrainingListener.NONE);
    TrainingLoop.Outcome two = Networks.train(trainer(2, Map.of()), train, null, spec, options, TrainingListener.NONE);
    TrainingLoop.Outcome java = Networks.train(new JavaTrainerProvider().create(Parameters.empty()), train, null,
        spec, options, TrainingListener.NONE);
    double[] q1 = Networks.predict(spec, one, test);
    for (TrainingLoop.Outcome other : new TrainingLoop.Outcome[] {two, java}) {
      double[] q = Networks.predict(spec, other, test);
      double maxDiff = 0;
      for (int i = 0; i < q1.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(q1[i] - q[i]));
      }
      assertThat(maxDiff).as("largest difference of predicted fractions").isLessThan(1e-3);
      assertThat(other.summary().trainingLoss())
          .isCloseTo(one.summary().trainingLoss(), within(1e-4 * one.summary().trainingLoss()));
    }
  }
}
