package org.fracnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import org.fracnet.core.Fracnet;
import org.fracnet.core.TrainingInterruptedException;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.data.DemoData;
import org.fracnet.core.model.CheckpointFile;
import org.fracnet.core.training.FitResult;
import org.fracnet.core.training.OptimizerSettings;
import org.fracnet.core.training.StopSignal;
import org.fracnet.core.training.TrainingConfig;
import org.fracnet.core.training.TrainingListener;
import org.fracnet.core.training.TrainingSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The library's {@link StopSignal} with the real trainers: a stopped run keeps a checkpoint that
 * resumes to the uninterrupted run's weights bit for bit. Here rather than in core, whose tests
 * have no trainer.
 */
class TrainingStopTest {
  private static final Fracnet FRACNET = Fracnet.discover();
  /** 2000 rows: 1600 for training, 25 batches of 64. */
  private static final Dataset DATA = DemoData.dataset();

  @TempDir
  Path dir;

  /** Requests a stop once batch {@code batch} of epoch {@code epoch} is done; keeps the summary. */
  private static final class StopAt implements TrainingListener {
    final StopSignal stop = new StopSignal();
    final int epoch;
    final int batch;
    TrainingSummary summary;

    StopAt(int epoch, int batch) {
      this.epoch = epoch;
      this.batch = batch;
    }

    @Override
    public void batchDone(int e, int b) {
      if (e == epoch && b == batch) {
        stop.request();
      }
    }

    @Override
    public void epochDone(int e, double trainingLoss, double validationLoss) {
      batchDone(e, batch); // a full-batch optimizer's iterations are epochs of one batch
    }

    @Override
    public void finished(TrainingSummary s) {
      summary = s;
    }
  }

  @ParameterizedTest(name = "{0}, stopped after batch {2} of epoch {1}")
  @CsvSource({"nd4j, 2, 3", "java, 2, 3", "nd4j, 1, 5", "java, 3, 25"})
  void aStoppedRunResumesToTheUninterruptedRunsWeights(String trainer, int epoch, int batch) {
    Path checkpoint = dir.resolve("model.zip.checkpoint");
    TrainingConfig.Builder settings = TrainingConfig.builder().trainer(trainer).epochs(4).patience(100);
    TrainingConfig config = settings.checkpoint(checkpoint).build();
    StopAt listener = new StopAt(epoch, batch);

    TrainingInterruptedException stopped = catchThrowableOfType(
        () -> FRACNET.train(DATA, config, listener, listener.stop), TrainingInterruptedException.class);

    int kept = batch == 25 ? epoch : epoch - 1;
    assertThat(stopped.exitCode()).isEqualTo(130);
    assertThat(stopped.checkpoint()).isEqualTo(checkpoint);
    assertThat(stopped.epochsKept()).isEqualTo(kept);
    assertThat(stopped.getMessage()).isEqualTo("training stopped on request "
        + (batch == 25 ? "after epoch " + epoch : "in epoch " + epoch + " after batch " + batch + " of 25")
        + "; the checkpoint " + checkpoint + " holds " + (kept == 0 ? "the starting point"
            : kept == 1 ? "the first epoch" : "the " + kept + " epochs done")
        + "; train again with the same data and settings and resume(true) to continue");
    assertThat(listener.summary.stopped()).isTrue();
    assertThat(CheckpointFile.read(checkpoint).checkpoint().epoch()).isEqualTo(kept);

    FitResult resumed = FRACNET.train(DATA, config.toBuilder().resume(true).build());
    FitResult unbroken = FRACNET.train(DATA, settings.checkpoint(null).build());
    assertThat(resumed.resumedAfterEpoch()).isEqualTo(kept);
    List<float[]> expected = unbroken.model().weights();
    for (int i = 0; i < expected.size(); i++) {
      assertThat(resumed.model().weights().get(i)).as("array %d", i).isEqualTo(expected.get(i));
    }
  }

  @Test
  void aRunWithoutCheckpointStopsSayingItCannotBeResumed() {
    StopAt listener = new StopAt(1, 2);
    TrainingInterruptedException stopped = catchThrowableOfType(() -> FRACNET.train(DATA,
        TrainingConfig.builder().trainer("java").epochs(3).build(), listener, listener.stop),
        TrainingInterruptedException.class);
    assertThat(stopped.checkpoint()).isNull();
    assertThat(stopped.situation()).isEqualTo("training stopped on request in epoch 1 after batch 2 of 25");
    assertThat(stopped.continuation()).isEqualTo("without checkpoint(file) the run cannot be resumed");
  }

  @Test
  void aFullBatchRunStopsAfterTheIteration() {
    StopAt listener = new StopAt(2, 1);
    TrainingInterruptedException stopped = catchThrowableOfType(() -> FRACNET.train(DATA,
        TrainingConfig.builder().trainer("java").optimizer(OptimizerSettings.lbfgs()).epochs(50)
            .checkpoint(dir.resolve("ignored")).build(), listener, listener.stop),
        TrainingInterruptedException.class);
    assertThat(stopped.getMessage()).isEqualTo("training stopped on request after iteration 3 of the full-batch"
        + " optimizer lbfgs; it keeps no checkpoints, so train again to start over");
    assertThat(stopped.checkpoint()).isNull();
    assertThat(listener.summary.stopped()).isTrue();
  }

  @Test
  void aSignalNobodyRequestsChangesNothing() {
    TrainingConfig config = TrainingConfig.builder().trainer("java").epochs(2).build();
    FitResult plain = FRACNET.train(DATA, config);
    FitResult watched = FRACNET.train(DATA, config, TrainingListener.NONE, new StopSignal());
    assertThat(watched.model().weights().get(0)).isEqualTo(plain.model().weights().get(0));
    assertThat(watched.model().summary().stopped()).isFalse();
  }
}
