package org.fracnet.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fracnet.core.model.ModelZips.MODEL_JSON;
import static org.fracnet.core.model.ModelZips.WEIGHTS;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fracnet.core.ModelFileException;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.DenseLayerSpec;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.training.TrainingSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ensembles in a model: averaged predictions, format 2 files and their damage; and that a model of
 * one network is still written as format 1, byte for byte.
 */
class EnsembleModelFileTest {
  private static final String FIX = "; replace it with an intact copy, or train the model again";

  @TempDir
  Path dir;

  /** {@link TestModels#small()} as three members: its weights scaled by 1, -0.5 and 2. */
  static Model ensemble() {
    Model one = TestModels.small();
    List<Model.Member> members = new ArrayList<>();
    float[] scales = {1, -0.5f, 2};
    for (int m = 0; m < scales.length; m++) {
      List<float[]> w = new ArrayList<>();
      for (float[] a : one.weights()) {
        float[] b = a.clone();
        for (int i = 0; i < b.length; i++) {
          b[i] *= scales[m];
        }
        w.add(b);
      }
      members.add(new Model.Member(7 + m, w, new TrainingSummary(3 + m, 2 + m, 1000, 0.5, 0.4, 0.45 + m, "max epochs")));
    }
    return Model.ensemble(one.network(), members, one.standardization(), one.featureNames(), one.classNames(),
        one.idColumn(), one.loss(), one.run(), new TrainingSummary(12, 9, 1000, 1.5, 0.4, 1.45, "ensemble of 3 members"));
  }

  private static Model member(Model ensemble, int m) {
    return new Model(ensemble.network(), ensemble.members().get(m).weights(), ensemble.standardization(),
        ensemble.featureNames(), ensemble.classNames(), ensemble.idColumn(), ensemble.loss(), ensemble.run(),
        ensemble.members().get(m).summary());
  }

  @Test
  void anEnsemblePredictsTheMeanOfItsMembersFractions() {
    Model e = ensemble();
    double[] x = {3, -2, 0, 0, 1, 5};
    double[] sum = new double[6];
    for (int m = 0; m < 3; m++) {
      double[] q = member(e, m).predict(3, x);
      for (int i = 0; i < q.length; i++) {
        sum[i] += q[i];
      }
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] /= 3;
    }
    assertThat(e.predict(3, x)).containsExactly(sum);
    assertThat(e.predict(3, x)).isNotEqualTo(member(e, 0).predict(3, x));
    assertThat(e.rawOutputs(3, x)).containsExactly(member(e, 0).rawOutputs(3, x));
    assertThat(e.weights()).isSameAs(e.members().get(0).weights());
    assertThat(e.toString()).endsWith("17 weights x 3 members]");
  }

  @Test
  void aSingleNetworkIsWrittenAsFormat1ByteForByteAsBeforeEnsembles() throws IOException {
    Path file = dir.resolve("m.zip");
    TestModels.small().save(file);
    try (InputStream fixture = getClass().getResourceAsStream("small-v1.zip")) { // written before ensembles
      assertThat(Files.readAllBytes(file)).isEqualTo(fixture.readAllBytes());
    }
    assertThat(ModelFile.read(file, TestModels.losses()).members()).hasSize(1);
  }

  @Test
  void anEnsembleRoundTripsAsFormat2() {
    Model e = ensemble();
    Path file = dir.resolve("e.zip");
    e.save(file);
    byte[] bytes = ModelZips.saved(e);
    String json = new String(ModelZips.entries(bytes).get(MODEL_JSON), StandardCharsets.UTF_8);
    assertThat(json).contains("\"format_version\" : 2").contains("\"members\" : 3").contains("\"seeds\" : [ 7, 8, 9 ]");
    String header = new String(ModelZips.entries(bytes).get(WEIGHTS), StandardCharsets.UTF_8);
    assertThat(header).contains("\"members.0.layers.0.weight\"").contains("\"members.2.layers.1.bias\"")
        .doesNotContain("\"layers.0.weight\"");

    Model back = ModelFile.read(file, TestModels.losses());
    assertThat(back.members()).hasSize(3);
    for (int m = 0; m < 3; m++) {
      assertThat(back.members().get(m).seed()).isEqualTo(7 + m);
      assertThat(back.members().get(m).summary()).isEqualTo(e.members().get(m).summary());
      for (int a = 0; a < 4; a++) {
        assertThat(back.members().get(m).weights().get(a)).containsExactly(e.members().get(m).weights().get(a));
      }
    }
    assertThat(back.summary()).isEqualTo(e.summary());
    assertThat(back.run()).isEqualTo(e.run());
    double[] x = {3, -2, 0, 0};
    assertThat(back.predict(2, x)).containsExactly(e.predict(2, x));
  }

  private String damaged(byte[] bytes) {
    Path file = ModelZips.write(dir.resolve("bad.zip"), bytes);
    try {
      ModelFile.read(file, TestModels.losses());
    } catch (ModelFileException e) {
      String message = e.getMessage();
      assertThat(message).startsWith(file + " is damaged: ").endsWith(FIX).doesNotContain("\n");
      return message.substring((file + " is damaged: ").length(), message.length() - FIX.length());
    }
    throw new AssertionError("loaded");
  }

  @Test
  void damagedEnsemblesAreRefused() {
    byte[] valid = ModelZips.saved(ensemble());
    assertThat(damaged(ModelZips.withModelJson(valid, j -> ((ObjectNode) j.get("ensemble")).put("members", 4))))
        .isEqualTo("model.json's ensemble has 4 members but 3 seeds and 3 summaries");
    assertThat(damaged(ModelZips.withModelJson(valid, j -> ((ObjectNode) j.get("ensemble")).put("members", 1))))
        .isEqualTo("model.json's ensemble.members is 1; expected a whole number from 2 to 1000");
    assertThat(damaged(ModelZips.withModelJson(valid, j -> ((ObjectNode) j.get("ensemble")).put("members", 1001))))
        .isEqualTo("model.json's ensemble.members is 1001; expected a whole number from 2 to 1000");
    assertThat(damaged(ModelZips.withModelJson(valid, j -> ((ArrayNode) j.get("ensemble").get("seeds")).set(1, "x"))))
        .isEqualTo("model.json's ensemble.seeds[1] is 'x'; expected a whole number");
    assertThat(damaged(ModelZips.withModelJson(valid, j -> ((ArrayNode) j.get("ensemble").get("summaries")).set(2, 5))))
        .isEqualTo("model.json's ensemble.summaries[2] is 5; expected an object");
    assertThat(damaged(ModelZips.withModelJson(valid, j -> j.remove("ensemble"))))
        .isEqualTo("model.json lacks ensemble");
    assertThat(damaged(ModelZips.withModelJson(valid, j -> j.put("format_version", 1))))
        .isEqualTo("model.json has an ensemble, but format_version 1, which has none (an ensemble is format_version 2)");
    // a member's tensor renamed: the set of tensors must be exactly the members' layers
    assertThat(damaged(ModelZips.withHeader(valid, h -> h.set("members.3.layers.1.bias", h.remove("members.2.layers.1.bias")))))
        .isEqualTo("weights.safetensors has a tensor 'members.3.layers.1.bias' that model.json's layers do not");
    assertThat(damaged(ModelZips.withHeader(valid, h -> h.set("layers.1.bias", h.remove("members.0.layers.1.bias")))))
        .isEqualTo("weights.safetensors has a tensor 'layers.1.bias' that model.json's layers do not");
  }

  @Test
  void aMissingMemberIsRefused() {
    byte[] valid = ModelZips.saved(ensemble());
    // two members' weights, but model.json says three: the entry is too small for them
    byte[] two = ModelZips.withEntry(valid, WEIGHTS, st -> {
      Model e = ensemble();
      java.util.Map<String, Safetensors.Tensor> tensors = new java.util.LinkedHashMap<>();
      for (int m = 0; m < 2; m++) {
        for (int l = 0; l < 2; l++) {
          DenseLayerSpec layer = e.network().layers().get(l);
          tensors.put("members." + m + ".layers." + l + ".weight", new Safetensors.Tensor(
              new long[] {layer.outputs(), layer.inputs()}, e.members().get(m).weights().get(2 * l)));
          tensors.put("members." + m + ".layers." + l + ".bias", new Safetensors.Tensor(
              new long[] {layer.outputs()}, e.members().get(m).weights().get(2 * l + 1)));
        }
      }
      return Safetensors.encode(tensors);
    });
    assertThat(damaged(two)).isEqualTo("weights.safetensors lacks the tensor members.2.layers.0.weight");
    // ... and with a header too short to hold them, by its size alone
    assertThat(damaged(ModelZips.withEntry(two, WEIGHTS, st -> java.util.Arrays.copyOf(st, 180))))
        .isEqualTo("weights.safetensors is 180 bytes, but the 51 weights of model.json's layers and 3 members take"
            + " 204 bytes and a header of 2 to 77824");
    // one tensor dropped from the header, its bytes taken into the tensor before it: refused by its shape
    assertThat(damaged(ModelZips.withHeader(valid, h -> {
      h.remove("members.1.layers.0.bias");
      ((ArrayNode) h.get("members.1.layers.0.weight").get("data_offsets")).set(1, 
          h.get("members.1.layers.0.weight").get("data_offsets").get(1).asLong() + 12);
      ((ArrayNode) h.get("members.1.layers.0.weight").get("shape")).set(1, 3);
    }))).isEqualTo("tensor 'members.1.layers.0.weight' in weights.safetensors has the shape [3, 3]; model.json's"
        + " layers need [3, 2]");
  }

  @Test
  void tooManyWeightsInAllAreRefusedFromModelJsonAlone() {
    byte[] valid = ModelZips.saved(ensemble());
    // 2 x 10000 x 10000 inputs: 100 million weights a member, each member within the cap, 300 million in all not
    assertThat(damaged(ModelZips.withModelJson(valid, j -> {
      ArrayNode layers = j.putArray("layers");
      layers.addObject().put("inputs", 2).put("outputs", 10000).put("activation", Activation.TANH.id());
      layers.addObject().put("inputs", 10000).put("outputs", 10000).put("activation", Activation.TANH.id());
      layers.addObject().put("inputs", 10000).put("outputs", 2).put("activation", Activation.IDENTITY.id());
    }))).isEqualTo("model.json's 3 members of 100060002 weights each have more than the 268435456 weights fracnet reads");
    assertThat(new NetworkSpec("mlp", List.of(new DenseLayerSpec(2, 10000, Activation.TANH),
        new DenseLayerSpec(10000, 10000, Activation.TANH), new DenseLayerSpec(10000, 2, Activation.IDENTITY)))
        .parameterCount()).isEqualTo(100060002);
  }

  @Test
  void aNewerVersionIsStillRefusedSayingSo() {
    byte[] valid = ModelZips.saved(ensemble());
    Path file = ModelZips.write(dir.resolve("v3.zip"), ModelZips.withModelJson(valid, j -> j.put("format_version", 3)));
    assertThatThrownBy(() -> ModelFile.read(file, TestModels.losses())).isInstanceOf(ModelFileException.class)
        .hasMessage(file + " has model format version 3, written by a newer fracnet; this fracnet reads versions up"
            + " to 2: upgrade fracnet to load it");
  }
}
