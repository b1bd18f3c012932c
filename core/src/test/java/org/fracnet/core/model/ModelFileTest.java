package org.fracnet.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.fracnet.core.FracnetException;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.DenseLayerSpec;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TrainingSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
  @TempDir
  Path dir;

  static FittedModel smallModel() {
    NetworkSpec net = new NetworkSpec("mlp", List.of(
        new DenseLayerSpec(2, 3, Activation.TANH), new DenseLayerSpec(3, 2, Activation.IDENTITY)));
    List<float[]> w = List.of(new float[] {1, -1, 0.5f, 0.25f, -2, 3}, new float[] {0.1f, 0.2f, 0.3f},
        new float[] {1, 2, 3, -1, -2, -3}, new float[] {0.5f, -0.5f});
    return new FittedModel(net, w, new Standardization(new double[] {1, 2}, new double[] {2, 4}),
        List.of("x1", "x2"), List.of("a", "b"), "id", "cross-entropy",
        Parameters.of("cross-entropy", Map.of("label-smoothing", "0")), Map.of("seed", 7),
        new TrainingSummary(3, 2, 1000, 0.5, 0.4, 0.45, "max epochs"));
  }

  @Test
  void roundTripKeepsEverythingAndTheForwardPass() {
    FittedModel m = smallModel();
    Path file = dir.resolve("m.zip");
    ModelFile.write(file, m);
    FittedModel back = ModelFile.read(file);
    assertThat(back.network()).isEqualTo(m.network());
    assertThat(back.featureNames()).isEqualTo(m.featureNames());
    assertThat(back.classNames()).isEqualTo(m.classNames());
    assertThat(back.idColumn()).isEqualTo("id");
    assertThat(back.lossParameters()).isEqualTo(m.lossParameters());
    assertThat(back.summary()).isEqualTo(m.summary());
    assertThat(back.training()).containsEntry("seed", 7);
    double[] x = {3, -2, 0, 0};
    assertThat(back.rawOutputs(2, x)).containsExactly(m.rawOutputs(2, x));
  }

  @Test
  void forwardPassMatchesAHandComputation() {
    FittedModel m = smallModel();
    double x1 = (3 - 1) / 2.0;
    double x2 = (-2 - 2) / 4.0;
    double h0 = Math.tanh(1 * x1 - 1 * x2 + 0.1f);
    double h1 = Math.tanh(0.5 * x1 + 0.25 * x2 + 0.2f);
    double h2 = Math.tanh(-2 * x1 + 3 * x2 + 0.3f);
    double z0 = h0 + 2 * h1 + 3 * h2 + 0.5;
    double z1 = -h0 - 2 * h1 - 3 * h2 - 0.5;
    assertThat(m.rawOutputs(1, new double[] {3, -2})).containsExactly(new double[] {z0, z1},
        org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void weightsAreStandardSafetensorsWithPytorchNames() throws IOException {
    Path file = dir.resolve("m.zip");
    ModelFile.write(file, smallModel());
    try (ZipFile zip = new ZipFile(file.toFile())) {
      byte[] st = zip.getInputStream(zip.getEntry("weights.safetensors")).readAllBytes();
      long headerLength = ByteBuffer.wrap(st).order(ByteOrder.LITTLE_ENDIAN).getLong();
      String header = new String(st, 8, (int) headerLength, StandardCharsets.UTF_8);
      assertThat(headerLength % 8).isZero();
      assertThat(header).contains("\"layers.0.weight\":{\"dtype\":\"F32\",\"shape\":[3,2],\"data_offsets\":[0,24]}");
      assertThat(header).contains("\"layers.1.bias\"");
      float first = ByteBuffer.wrap(st, 8 + (int) headerLength, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
      assertThat(first).isEqualTo(1f);
      String json = new String(zip.getInputStream(zip.getEntry("model.json")).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(json).contains("\"format_version\" : 1").contains("\"id\" : \"cross-entropy\"");
    }
  }

  @Test
  void overwritingLeavesNoTemporaryFiles() throws IOException {
    Path file = dir.resolve("m.zip");
    ModelFile.write(file, smallModel());
    ModelFile.write(file, smallModel());
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("m.zip");
    }
  }

  @Test
  void writtenFilesAreReadableLikeAnyNewFile() throws IOException {
    Path file = dir.resolve("m.zip");
    ModelFile.write(file, smallModel());
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void aFileThatIsNotAModelGetsAClearError() throws IOException {
    Path file = dir.resolve("data.csv");
    Files.writeString(file, "a,b\n1,2\n");
    assertThatThrownBy(() -> ModelFile.read(file)).isInstanceOf(FracnetException.class)
        .hasMessageStartingWith(file + " is not a fracnet model file");
    assertThatThrownBy(() -> ModelFile.read(dir.resolve("none.zip")))
        .hasMessageContaining("does not exist; train a model");
  }
}
