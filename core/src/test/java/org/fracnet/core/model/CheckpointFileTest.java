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

  private static final String RESUME_AFRESH = "; delete it and run without resume(true)";

  private byte[] saved() throws java.io.IOException {
    TrainingCheckpoint c = new TrainingCheckpoint(3, List.of(new float[] {1, 2, 3, 4, 5, 6}, new float[] {7, 8, 9}),
        List.of(new float[] {1, 2, 3, 4, 5, 6}, new float[] {7, 8, 9}), 2, 0.5, 1, 0.4, 30, 1000,
        new OptimizerState(12, Map.of("m", new float[9], "v", new float[9])));
    Path file = dir.resolve("good.ckpt");
    CheckpointFile.write(file, c, TestModels.run(42, 10, "constant"));
    return Files.readAllBytes(file);
  }

  private String damaged(byte[] bytes) {
    Path file = ModelZips.write(dir.resolve("bad.ckpt"), bytes);
    try {
      CheckpointFile.read(file);
    } catch (org.fracnet.core.ModelFileException e) {
      assertThat(e.getMessage()).startsWith(file + " is damaged: ").endsWith(RESUME_AFRESH);
      return e.getMessage().substring((file + " is damaged: ").length(), e.getMessage().length() - RESUME_AFRESH.length());
    }
    throw new AssertionError("loaded");
  }

  private static byte[] withState(byte[] zip, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> change) {
    return ModelZips.withEntry(zip, "state.safetensors", st -> {
      var header = (com.fasterxml.jackson.databind.node.ObjectNode) ModelZips.tree(
          java.util.Arrays.copyOfRange(st, 8, 8 + ModelZips.headerLength(st)));
      change.accept(header);
      return ModelZips.withHeaderBytes(st, header.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    });
  }

  private static byte[] withJson(byte[] zip, String from, String to) {
    return ModelZips.withEntry(zip, "checkpoint.json", b -> {
      String text = new String(b, java.nio.charset.StandardCharsets.UTF_8);
      assertThat(text).contains(from);
      return text.replace(from, to).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    });
  }

  @Test
  void damagedCheckpointsAreRefusedAsModelFilesAre() throws Exception {
    byte[] good = saved();
    assertThat(damaged(java.util.Arrays.copyOf(good, good.length - 10)))
        .isEqualTo("the zip archive is cut short (its list of entries, at the end, is missing)");
    assertThat(damaged(ModelZips.rezipped(good, e -> e.put("../x", new byte[0]))))
        .isEqualTo("it has an entry named '../x', a path that climbs out of the archive (fracnet never writes one)");
    assertThat(damaged(ModelZips.withCentralField(good, "state.safetensors", ModelZips.CRC, 1)))
        .isEqualTo("state.safetensors does not match its checksum: its bytes were altered");
    assertThat(damaged(withJson(good, "\"epoch\":3", "\"epoch\":\"3\"")))
        .isEqualTo("checkpoint.json's epoch is '3'; expected a whole number from 0");
    assertThat(damaged(withJson(good, "\"weight_arrays\":2", "\"weight_arrays\":3")))
        .isEqualTo("state.safetensors lacks current.2");
    assertThat(damaged(withJson(good, "\"optimizer_steps\":12", "\"optimizer_steps\":1e30")))
        .isEqualTo("checkpoint.json's optimizer_steps is 1.0E30; expected a whole number from 0");
    assertThat(damaged(withJson(good, "\"epoch\":3", "\"epoch\":3,")))
        .matches("checkpoint\\.json is not valid JSON at line 1, column \\d+ \\(unexpected character ','\\)");
    assertThat(damaged(withState(good, h -> h.putObject("extra.0").put("dtype", "F32")
        .<com.fasterxml.jackson.databind.node.ObjectNode>set("shape", h.arrayNode().add(0))
        .set("data_offsets", h.arrayNode().add(0).add(0)))))
        .isEqualTo("state.safetensors has a tensor 'extra.0' that checkpoint.json does not announce");
    assertThat(damaged(withState(good, h -> ((com.fasterxml.jackson.databind.node.ObjectNode) h.get("best.0"))
        .putArray("shape").add(2).add(3))))
        .isEqualTo("tensor 'best.0' in state.safetensors has the shape [2, 3]; a checkpoint's arrays have one dimension");
    Path odd = dir.resolve("odd.ckpt");
    CheckpointFile.write(odd, new TrainingCheckpoint(3, List.of(new float[] {1, 2}, new float[] {3}), null, 0,
        Double.POSITIVE_INFINITY, 0, 0.4, 30, 1000, new OptimizerState(1, Map.of("m", new float[2]))),
        TestModels.run(42, 10, "constant"));
    assertThat(damaged(Files.readAllBytes(odd)))
        .isEqualTo("tensor 'optimizer.m' in state.safetensors has 2 values; an optimizer's arrays have one per weight, 3");
    CheckpointFile.write(odd, new TrainingCheckpoint(3, List.of(new float[] {1, 2}, new float[] {3}),
        List.of(new float[] {1, 2}, new float[] {3, 4}), 0, 1, 0, 0.4, 30, 1000, null), TestModels.run(42, 10, "constant"));
    assertThat(damaged(Files.readAllBytes(odd)))
        .isEqualTo("tensor best.1 in state.safetensors has 2 values, but current.1 has 1");
    byte[] nan = ModelZips.withEntry(good, "state.safetensors", st -> {
      byte[] out = st.clone();
      java.nio.ByteBuffer.wrap(out).order(java.nio.ByteOrder.LITTLE_ENDIAN)
          .putFloat(8 + ModelZips.headerLength(st), Float.NaN);
      return out;
    });
    assertThat(damaged(nan)).matches("tensor '[a-z.0-9]+' in state\\.safetensors holds NaN at position 0; weights must be finite numbers");
  }

  @Test
  void aNewerCheckpointFormatOrAForeignFileSaysSo() throws Exception {
    byte[] good = saved();
    Path newer = ModelZips.write(dir.resolve("newer.ckpt"), withJson(good, "\"format_version\":1", "\"format_version\":2"));
    assertThatThrownBy(() -> CheckpointFile.read(newer)).hasMessage(newer + " has checkpoint format version 2, written by"
        + " a newer fracnet; this fracnet reads version 1: resume with that fracnet, or delete it and run without resume(true)");
    Path model = ModelZips.write(dir.resolve("model.ckpt"), ModelZips.saved(TestModels.small()));
    assertThatThrownBy(() -> CheckpointFile.read(model))
        .hasMessage(model + " is not a fracnet checkpoint: it lacks checkpoint.json" + RESUME_AFRESH);
  }

  @Test
  void aCheckpointOfOtherLayersIsRefusedBeforeTrainingResumes() throws Exception {
    Path file = ModelZips.write(dir.resolve("c.ckpt"), saved());
    var fits = new org.fracnet.core.spi.NetworkSpec("mlp", List.of(
        new org.fracnet.core.spi.DenseLayerSpec(2, 3, org.fracnet.core.spi.Activation.IDENTITY)));
    CheckpointFile.Saved saved = CheckpointFile.read(file);
    CheckpointFile.requireFits(file, saved, fits);
    var other = new org.fracnet.core.spi.NetworkSpec("mlp", List.of(
        new org.fracnet.core.spi.DenseLayerSpec(3, 2, org.fracnet.core.spi.Activation.IDENTITY)));
    assertThatThrownBy(() -> CheckpointFile.requireFits(file, saved, other)).hasMessage("checkpoint " + file + " holds weights for"
        + " other layers than this run's (arrays of [6, 3] values, where this run's network needs [6, 2]); resume with"
        + " the settings of the run that wrote it, or run without resume(true)");
  }
}
