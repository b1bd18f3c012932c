package org.fracnet.trainers.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.optim.AdamProvider;
import org.fracnet.core.optim.SgdProvider;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.OptimizerProvider;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TrainingCheckpoint;
import org.fracnet.core.spi.TrainingListener;
import org.fracnet.core.spi.TrainingOptions;
import org.fracnet.core.spi.TrainingRequest;
import org.fracnet.core.spi.TrainingResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A run resumed from a checkpoint ends with exactly the weights of the run that never stopped. */
class ResumeTest {
  private static final TeacherData TEACHER = new TeacherData(8, 4, 16, 21);

  /** Keeps every checkpoint. */
  private static final class Recorder implements TrainingListener {
    final List<TrainingCheckpoint> checkpoints = new ArrayList<>();

    @Override
    public boolean wantsCheckpoints() {
      return true;
    }

    @Override
    public void checkpoint(TrainingCheckpoint checkpoint) {
      checkpoints.add(checkpoint);
    }
  }

  @ParameterizedTest(name = "{0}, {1} threads, validation {2}")
  @CsvSource({"adam, 1, false", "adam, 2, true", "sgd, 2, true"})
  void resumingAfterAnyEpochGivesTheUnbrokenRunsWeightsBitForBit(String optimizerId, int threads, boolean withValidation) {
    Dataset train = TEACHER.sample(700, 3);
    Dataset validation = withValidation ? TEACHER.sample(200, 4) : null;
    NetworkSpec spec = Networks.spec(Activation.RELU, 8, 16, 4);
    OptimizerProvider optimizer = optimizerId.equals("adam") ? new AdamProvider() : new SgdProvider();
    Parameters optimizerParameters = optimizerId.equals("adam") ? Parameters.empty()
        : Parameters.of("sgd", java.util.Map.of("momentum", "0.9"));
    TrainingOptions options = new TrainingOptions(6, 64, 0.01, 17, 50);
    Recorder recorder = new Recorder();
    TrainingResult unbroken = Networks.trainer(threads).train(new TrainingRequest(train, validation, spec,
        Networks.crossEntropy(4), optimizer, optimizerParameters, options, recorder));
    assertThat(recorder.checkpoints).hasSize(6);
    for (int stoppedAfter : new int[] {1, 4}) {
      TrainingResult resumed = Networks.trainer(threads).train(new TrainingRequest(train, validation, spec,
          Networks.crossEntropy(4), optimizer, optimizerParameters, options, TrainingListener.NONE,
          recorder.checkpoints.get(stoppedAfter - 1)));
      for (int i = 0; i < unbroken.weights().size(); i++) {
        assertThat(resumed.weights().get(i)).as("after epoch %d, array %d", stoppedAfter, i)
            .containsExactly(unbroken.weights().get(i));
      }
      assertThat(resumed.summary().epochs()).isEqualTo(6);
      assertThat(resumed.summary().bestEpoch()).isEqualTo(unbroken.summary().bestEpoch());
    }
  }
}
