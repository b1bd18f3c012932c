package org.fracnet.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fracnet.core.spi.OptimizerState;
import org.fracnet.core.training.TrainingCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {
  @TempDir
  Path dir;

  @Test
  void roundTripKeepsEveryValue() {
    TrainingCheckpoint c = new TrainingCheckpoint(7, List.of(new float[] {1, 2}, new float[] {3}),
        List.of(new float[] {4, 5}, new float[] {6}), 5, 0.25, 2, 0.3, 7000, 123456789L,
        new OptimizerState(99, Map.of("m", new float[] {0.1f, 0.2f, 0.3f}, "v", new float[] {1, 2, 3})));
    Path file = dir.resolve("c.ckpt");
    CheckpointFile.write(file, c, TestModels.run(42, 10, "constant"));
    CheckpointFile.Saved back = CheckpointFile.read(file);
    TrainingCheckpoint r = back.checkpoint();
    assertThat(r.epoch()).isEqualTo(7);
    assertThat(r.weights().get(0)).containsExactly(1, 2);
    assertThat(r.bestWeights().get(1)).containsExactly(6);
    assertThat(r.bestEpoch()).isEqualTo(5);
    assertThat(r.bestLoss()).isEqualTo(0.25);
    assertThat(r.sinceBest()).isEqualTo(2);
    assertThat(r.samples()).isEqualTo(7000);
    assertThat(r.trainNanos()).isEqualTo(123456789L);
    assertThat(r.optimizer().steps()).isEqualTo(99);
    assertThat(r.optimizer().arrays().get("v")).containsExactly(1, 2, 3);
    assertThat(back.run()).isEqualTo(TestModels.run(42, 10, "constant"));
  }

  @Test
  void withoutValidationOrOptimizerStateTheBestLossStaysInfinite() {
    TrainingCheckpoint c = new TrainingCheckpoint(1, List.of(new float[] {1}), null, 0,
        Double.POSITIVE_INFINITY, 0, 0.5, 10, 1, null);
    Path file = dir.resolve("c.ckpt");
    CheckpointFile.write(file, c, TestModels.run(1, 1, "constant"));
    TrainingCheckpoint r = CheckpointFile.read(file).checkpoint();
    assertThat(r.bestWeights()).isNull();
    assertThat(r.bestLoss()).isInfinite();
    assertThat(r.optimizer()).isNull();
  }

  @Test
  void missingOrForeignFilesGetClearErrors() throws Exception {
    assertThatThrownBy(() -> CheckpointFile.read(dir.resolve("none")))
        .hasMessageContaining("there is no checkpoint").hasMessageContaining("run without resume(true)");
    Path text = dir.resolve("x.csv");
    Files.writeString(text, "a,b\n");
    assertThatThrownBy(() -> CheckpointFile.read(text)).hasMessageContaining("is not a fracnet checkpoint");
  }
}
