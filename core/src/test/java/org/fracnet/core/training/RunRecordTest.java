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
  void theCosineScheduleFixesTheEpochs() {
    assertThat(TestModels.run(42, 10, "cosine").resumeConflicts(TestModels.run(42, 20, "cosine")))
        .containsExactly("epochs: 10 -> 20");
  }
}
