package org.fracnet.core.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.fracnet.core.model.TestModels;
import org.junit.jupiter.api.Test;

class RunRecordTest {
  @Test
  void onlyEpochsAndTheDataPathMayChangeOnResume() {
    RunRecord saved = TestModels.run(42, 10, "constant");
    RunRecord moreEpochs = TestModels.run(42, 20, "constant");
    assertThat(saved.resumeConflicts(moreEpochs)).isEmpty();
    assertThat(saved.resumeConflicts(TestModels.run(7, 10, "constant"))).containsExactly("seed: 42 -> 7");
  }

  @Test
  void aSparkRunsPartitionsAreNamedAsSuch() {
    RunRecord local = TestModels.run(42, 10, "constant");
    assertThat(local.resumeConflicts(withProcessors(local, "java", 4))).containsExactly("availableProcessors: 2 -> 4");
    assertThat(withProcessors(local, "spark", 8).resumeConflicts(withProcessors(local, "spark", 6)))
        .containsExactly("partitions: 8 -> 6");
  }

  /** {@code r} trained by {@code trainer} with {@code processors} in its availableProcessors field. */
  private static RunRecord withProcessors(RunRecord r, String trainer, int processors) {
    return new RunRecord(r.data(), r.rows(), r.trainingRows(), r.validationRows(), r.targetsAre(), r.loss(),
        r.lossParameters(), r.architecture(), r.architectureParameters(), r.optimizer(), r.optimizerParameters(),
        trainer, r.trainerParameters(), processors, r.epochs(), r.batchSize(), r.learningRate(), r.schedule(),
        r.lrStepEpochs(), r.lrGamma(), r.seed(), r.patience(), r.validationFraction(), r.trainingClassMeans());
  }

  @Test
  void theCosineScheduleFixesTheEpochs() {
    assertThat(TestModels.run(42, 10, "cosine").resumeConflicts(TestModels.run(42, 20, "cosine")))
        .containsExactly("epochs: 10 -> 20");
  }
}
