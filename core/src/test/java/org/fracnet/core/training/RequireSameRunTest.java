package org.fracnet.core.training;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequireSameRunTest {
  private static final Path FILE = Path.of("m.zip.checkpoint");

  @Test
  void onlyEpochsAndTheDataPathMayChange() {
    Map<String, Object> saved = Map.of("seed", 42, "epochs", 10, "data", "/a.csv", "lr_schedule", "constant");
    assertThatCode(() -> ModelFitter.requireSameRun(saved,
        Map.of("seed", 42L, "epochs", 20, "data", "/b.csv", "lr_schedule", "constant"), FILE)).doesNotThrowAnyException();
    assertThatThrownBy(() -> ModelFitter.requireSameRun(saved,
        Map.of("seed", 7L, "epochs", 10, "data", "/a.csv", "lr_schedule", "constant"), FILE))
        .hasMessageStartingWith("checkpoint m.zip.checkpoint was written by a run with seed=42, but this run has seed=7");
  }

  @Test
  void theCosineScheduleFixesTheEpochs() {
    Map<String, Object> saved = Map.of("epochs", 10, "lr_schedule", "cosine");
    assertThatThrownBy(() -> ModelFitter.requireSameRun(saved, Map.of("epochs", 20, "lr_schedule", "cosine"), FILE))
        .hasMessageContaining("epochs=10, but this run has epochs=20").hasMessageContaining("cosine");
  }
}
