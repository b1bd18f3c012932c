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
import java.util.zip.ZipFile;
import org.fracnet.core.ModelFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
  @TempDir
  Path dir;

  private static Model smallModel() {
    return TestModels.small();
  }

  @Test
  void roundTripKeepsEverythingAndTheForwardPass() {
    Model m = smallModel();
    Path file = dir.resolve("m.zip");
    ModelFile.write(file, m);
    Model back = ModelFile.read(file, TestModels.losses());
    assertThat(back.network()).isEqualTo(m.network());
    assertThat(back.featureNames()).isEqualTo(m.featureNames());
    assertThat(back.classNames()).isEqualTo(m.classNames());
    assertThat(back.idColumn()).isEqualTo("id");
    assertThat(back.loss().resolvedParameters()).isEqualTo(m.loss().resolvedParameters());
    assertThat(back.summary()).isEqualTo(m.summary());
    assertThat(back.run()).isEqualTo(m.run());
    assertThat(back.run().trainingClassMeans()).containsExactly(0.25, 0.75);
    double[] x = {3, -2, 0, 0};
    assertThat(back.rawOutputs(2, x)).containsExactly(m.rawOutputs(2, x));
  }

  @Test
  void forwardPassMatchesAHandComputation() {
    Model m = smallModel();
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
      assertThat(json).contains("\"format_version\" : 1").contains("\"id\" : \"softmax-test\"");
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
    assertThatThrownBy(() -> ModelFile.read(file, TestModels.losses())).isInstanceOf(ModelFileException.class)
        .hasMessageStartingWith(file + " is not a fracnet model file");
    assertThatThrownBy(() -> ModelFile.read(dir.resolve("none.zip"), TestModels.losses()))
        .isInstanceOf(ModelFileException.class).hasMessageContaining("does not exist; train a model");
  }

  @Test
  void aModelFileWrittenByTheFirstReleaseStillLoads() throws IOException {
    Path file = dir.resolve("old.zip");
    try (var in = getClass().getResourceAsStream("format-1-linear.zip")) {
      Files.copy(in, file);
    }
    var lossProvider = new org.fracnet.core.spi.LossProvider() {
      @Override
      public String id() {
        return "cross-entropy";
      }

      @Override
      public String description() {
        return "stands in for the cross-entropy plugin";
      }

      @Override
      public org.fracnet.core.spi.LossFunction create(org.fracnet.core.spi.Parameters parameters,
          org.fracnet.core.spi.TargetStatistics statistics) {
        var inner = new TestModels.SoftmaxLossProvider().create(parameters, statistics);
        return new org.fracnet.core.spi.LossFunction() {
          public String id() {
            return "cross-entropy";
          }

          public int classes() {
            return inner.classes();
          }

          public org.fracnet.core.spi.Parameters resolvedParameters() {
            return parameters;
          }

          public double valueAndGradient(int n, double[] z, double[] p, double[] w, double[] grad) {
            return inner.valueAndGradient(n, z, p, w, grad);
          }

          public void predict(int n, double[] z, double[] fractions) {
            inner.predict(n, z, fractions);
          }
        };
      }
    };
    Model old = ModelFile.read(file, org.fracnet.core.discovery.ProviderRegistry.of(
        org.fracnet.core.spi.LossProvider.class, "loss", lossProvider));
    assertThat(old.classNames()).containsExactly("car", "bus", "bike", "walk", "train", "ferry");
    assertThat(old.run().optimizer()).isEqualTo("lbfgs");
    assertThat(old.run().trainingRows()).isEqualTo(2000);
    assertThat(old.run().trainingClassMeans()).hasSize(6);
    double[] q = old.predict(1, new double[] {40, 50, 10, 1, 2, 0});
    assertThat(q[0] + q[1] + q[2] + q[3] + q[4] + q[5]).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void aNewerFormatVersionIsRefusedSayingSo() throws IOException {
    Path file = dir.resolve("new.zip");
    ModelFile.write(file, smallModel());
    Path newer = dir.resolve("newer.zip");
    try (ZipFile zip = new ZipFile(file.toFile());
        var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(newer))) {
      for (String name : List.of("model.json", "weights.safetensors")) {
        byte[] bytes = zip.getInputStream(zip.getEntry(name)).readAllBytes();
        if (name.equals("model.json")) {
          bytes = new String(bytes, StandardCharsets.UTF_8).replace("\"format_version\" : 1", "\"format_version\" : 3")
              .getBytes(StandardCharsets.UTF_8);
        }
        out.putNextEntry(new java.util.zip.ZipEntry(name));
        out.write(bytes);
        out.closeEntry();
      }
    }
    assertThatThrownBy(() -> ModelFile.read(newer, TestModels.losses())).isInstanceOf(ModelFileException.class)
        .hasMessage(newer + " has model format version 3, written by a newer fracnet; this fracnet reads"
            + " versions up to 2: upgrade fracnet to load it");
  }
}
