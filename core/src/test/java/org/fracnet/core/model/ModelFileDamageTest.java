package org.fracnet.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fracnet.core.model.ModelZips.MODEL_JSON;
import static org.fracnet.core.model.ModelZips.WEIGHTS;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fracnet.core.FracnetException;
import org.fracnet.core.ModelFileException;
import org.fracnet.core.SettingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged and hostile model files, one of each kind: each is refused with a message naming the
 * file and what is wrong. The recipes are those of the CLI's corpus of damaged model files.
 */
class ModelFileDamageTest {
  private static final String FIX = "; replace it with an intact copy, or train the model again";
  private static final byte[] VALID = ModelZips.saved(TestModels.small());
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @TempDir
  Path dir;

  private Path file;

  private String refused(byte[] bytes) {
    file = ModelZips.write(dir.resolve("bad.zip"), bytes);
    try {
      ModelFile.read(file, TestModels.losses());
    } catch (ModelFileException e) {
      assertThat(e.getMessage()).startsWith(file.toString()).doesNotContain("\n");
      return e.getMessage().substring(file.toString().length());
    }
    throw new AssertionError("loaded");
  }

  private String damaged(byte[] bytes) {
    String message = refused(bytes);
    assertThat(message).startsWith(" is damaged: ").endsWith(FIX);
    return message.substring(" is damaged: ".length(), message.length() - FIX.length());
  }

  @Test
  void theValidFileLoads() {
    Path good = ModelZips.write(dir.resolve("good.zip"), VALID);
    assertThat(ModelFile.read(good, TestModels.losses()).network()).isEqualTo(TestModels.small().network());
  }

  @Test
  void filesThatAreNoModelFilesAtAll() throws IOException {
    String notAModel = " is not a fracnet model file (a zip with model.json and weights.safetensors): ";
    assertThat(refused(new byte[0])).isEqualTo(notAModel + "it is empty");
    assertThat(refused("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))).isEqualTo(notAModel + "it is not a zip archive");
    assertThat(refused(ModelZips.rezipped(VALID, e -> e.remove(MODEL_JSON)))).isEqualTo(notAModel + "it lacks model.json");
    assertThat(refused(ModelZips.rezipped(VALID, e -> e.remove(WEIGHTS)))).isEqualTo(notAModel + "it lacks weights.safetensors");
    assertThat(refused(ModelZips.withModelJsonText(VALID, "fracnet-model", "fracnet-modem")))
        .isEqualTo(notAModel + "model.json has no \"format\": \"fracnet-model\"");
    Path folder = Files.createDirectory(dir.resolve("folder.zip"));
    assertThatThrownBy(() -> ModelFile.read(folder, TestModels.losses()))
        .hasMessage(folder + notAModel + "it is a folder");
  }

  @Test
  void anUnreadableFileSaysSo() throws IOException {
    Path locked = ModelZips.write(dir.resolve("locked.zip"), VALID);
    Files.setPosixFilePermissions(locked, java.util.Set.of());
    org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(locked), "running as root: every file is readable");
    assertThatThrownBy(() -> ModelFile.read(locked, TestModels.losses()))
        .hasMessage(locked + " cannot be read: permission is denied");
  }

  @Test
  void aTruncatedFile() {
    assertThat(damaged(Arrays.copyOf(VALID, VALID.length / 2)))
        .isEqualTo("the zip archive is cut short (its list of entries, at the end, is missing)");
    assertThat(damaged(Arrays.copyOf(VALID, VALID.length - 1)))
        .isEqualTo("the zip archive is cut short (its list of entries, at the end, is missing)");
  }

  @Test
  void flippedBitsFailTheChecksumOrTheUnpacking() {
    assertThat(damaged(ModelZips.withCentralField(VALID, WEIGHTS, ModelZips.CRC, 12345)))
        .isEqualTo("weights.safetensors does not match its checksum: its bytes were altered");
    byte[] nan = ModelZips.withEntry(VALID, WEIGHTS, st -> {
      byte[] out = st.clone();
      ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putFloat(8 + ModelZips.headerLength(st), Float.NaN);
      return out;
    });
    long validCrc = ByteBuffer.wrap(VALID).order(ByteOrder.LITTLE_ENDIAN)
        .getInt(ModelZips.centralRecord(VALID, WEIGHTS) + ModelZips.CRC) & 0xffffffffL;
    assertThat(damaged(ModelZips.withCentralField(nan, WEIGHTS, ModelZips.CRC, validCrc)))
        .as("the checksum, not the NaN the altered bits made")
        .isEqualTo("weights.safetensors does not match its checksum: its bytes were altered");
    byte[] flipped = VALID.clone();
    flipped[60] ^= 0x10; // inside model.json's deflated data
    assertThat(damaged(flipped)).matches("model\\.json (cannot be unpacked: its compressed data are corrupt"
        + "|does not match its checksum: its bytes were altered|unpacks to \\d+ bytes, fewer than the \\d+ it declares"
        + "|unpacks to more than the \\d+ bytes it declares: it is damaged, or a zip bomb)");
  }

  @Test
  void entriesWhosePathsLeaveTheArchiveOrRepeat() {
    assertThat(damaged(ModelZips.rezipped(VALID, e -> e.put("../evil.sh", new byte[] {1}))))
        .isEqualTo("it has an entry named '../evil.sh', a path that climbs out of the archive (fracnet never writes one)");
    assertThat(damaged(ModelZips.rezipped(VALID, e -> e.put("a/../../evil.sh", new byte[] {1}))))
        .isEqualTo("it has an entry named 'a/../../evil.sh', a path that climbs out of the archive (fracnet never writes one)");
    assertThat(damaged(ModelZips.rezipped(VALID, e -> e.put("/tmp/evil.sh", new byte[] {1}))))
        .isEqualTo("it has an entry named '/tmp/evil.sh', an absolute path (fracnet never writes one)");
    assertThat(damaged(ModelZips.rezipped(VALID, e -> e.put("C:\\evil.bat", new byte[] {1}))))
        .isEqualTo("it has an entry named 'C:\\evil.bat', an absolute path (fracnet never writes one)");
    byte[] twice = ModelZips.renamed(ModelZips.rezipped(VALID, e -> e.put("model.jsoN", e.get(MODEL_JSON))),
        "model.jsoN", "model.json");
    assertThat(damaged(twice)).isEqualTo("it has two entries named 'model.json'");
  }

  @Test
  void aZipBombIsRefusedBeforeItIsUnpacked() {
    byte[] spaces = new byte[70 << 20]; // 70 MiB of JSON whitespace, 70 KB deflated
    Arrays.fill(spaces, (byte) ' ');
    byte[] bomb = ModelZips.withEntry(VALID, MODEL_JSON, json -> {
      byte[] padded = Arrays.copyOf(json, json.length + spaces.length);
      System.arraycopy(spaces, 0, padded, json.length, spaces.length);
      return padded;
    });
    assertThat(damaged(bomb)).matches("model\\.json unpacks to \\d+ bytes, more than the 67108864 fracnet reads for it");
    assertThat(damaged(ModelZips.withCentralField(bomb, MODEL_JSON, ModelZips.SIZE, 1000)))
        .isEqualTo("model.json unpacks to more than the 1000 bytes it declares: it is damaged, or a zip bomb");
    assertThat(damaged(ModelZips.withCentralField(VALID, MODEL_JSON, ModelZips.SIZE, 60_000_000)))
        .matches("model\\.json claims to unpack \\d+ bytes into 60000000, more than compression allows \\(a zip bomb\\?\\)");
    assertThat(damaged(ModelZips.withCentralField(VALID, WEIGHTS, ModelZips.SIZE, 0x7fff_ffff)))
        .isEqualTo("weights.safetensors is 2147483647 bytes, but the 17 weights of model.json's layers take 68 bytes"
            + " and a header of 2 to 69632");
    assertThat(damaged(ModelZips.withCentralField(VALID, WEIGHTS, ModelZips.COMPRESSED_SIZE, 0x7fff_ffff)))
        .matches("weights\\.safetensors claims 2147483647 compressed bytes, more than the whole file's \\d+");
  }

  @Test
  void aSafetensorsHeaderClaimingGigabytes() {
    byte[] huge = ModelZips.withEntry(VALID, WEIGHTS, st -> {
      byte[] out = st.clone();
      ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 4L << 30);
      return out;
    });
    assertThat(damaged(huge)).matches("weights\\.safetensors claims a header of 4294967296 bytes, but holds \\d+ bytes"
        + " after the header's length");
    byte[] negative = ModelZips.withEntry(VALID, WEIGHTS, st -> {
      byte[] out = st.clone();
      ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -8);
      return out;
    });
    assertThat(damaged(negative)).startsWith("weights.safetensors claims a header of -8 bytes");
    byte[] notJson = ModelZips.withEntry(VALID, WEIGHTS, st -> ModelZips.withHeaderBytes(st,
        ("{\"layers.0.weight\": [" + " ".repeat(ModelZips.headerLength(st) - 21)).getBytes(StandardCharsets.UTF_8)));
    assertThat(damaged(notJson)).matches("the header of weights\\.safetensors is not valid JSON at line 1, column \\d+ \\(it ends early\\)");
  }

  @Test
  void badShapesOffsetsAndTypesInTheSafetensorsHeader() {
    assertThat(damaged(ModelZips.withHeader(VALID, h -> ((ObjectNode) h.get("layers.0.weight")).put("dtype", "F16"))))
        .isEqualTo("tensor 'layers.0.weight' in weights.safetensors has the dtype 'F16'; fracnet reads only F32");
    assertThat(damaged(ModelZips.withHeader(VALID, h -> ((ArrayNode) h.get("layers.0.weight").get("shape")).set(0, NODES.textNode("3")))))
        .isEqualTo("tensor 'layers.0.weight' in weights.safetensors has '3' in its shape; expected whole numbers from 0");
    assertThat(damaged(ModelZips.withHeader(VALID, h -> ((ArrayNode) h.get("layers.0.weight").get("shape")).set(0, NODES.numberNode(-3)))))
        .isEqualTo("tensor 'layers.0.weight' in weights.safetensors has -3 in its shape; expected whole numbers from 0");
    assertThat(damaged(ModelZips.withHeader(VALID, h -> ((ArrayNode) h.get("layers.0.weight").get("shape"))
        .removeAll().add(1L << 32).add(1L << 32))))
        .isEqualTo("tensor 'layers.0.weight' in weights.safetensors has the shape [4294967296, 4294967296], more values"
            + " than the 268435456 fracnet reads");
    assertThat(damaged(ModelZips.withHeader(VALID, h -> ((ArrayNode) h.get("layers.0.weight").get("shape"))
        .removeAll().add(1L << 62).add(1L << 62))))
        .isEqualTo("tensor 'layers.0.weight' in weights.safetensors has the shape [4611686018427387904, 4611686018427387904],"
            + " more values than the 268435456 fracnet reads");
    assertThat(damaged(ModelZips.withHeader(VALID, h -> ((ArrayNode) h.get("layers.0.bias").get("data_offsets"))
        .removeAll().add(20).add(32))))
        .isEqualTo("tensor 'layers.0.bias' in weights.safetensors overlaps the tensor before it");
    assertThat(damaged(ModelZips.withHeader(VALID, h -> ((ArrayNode) h.get("layers.1.bias").get("data_offsets"))
        .removeAll().add(60).add(68 + 4096))))
        .startsWith("tensor 'layers.1.bias' in weights.safetensors has the data offsets [60, 4164], 4104 bytes, for the 2 values");
    assertThat(damaged(ModelZips.withHeader(VALID, h -> ((ObjectNode) h.get("layers.1.bias"))
        .putArray("data_offsets").add(4096).add(4104))))
        .isEqualTo("tensor 'layers.1.bias' in weights.safetensors ends at byte 4104 of the data, beyond the 68 bytes there are");
    assertThat(damaged(ModelZips.withHeader(VALID, h -> ((ObjectNode) h.get("layers.1.bias"))
        .putArray("data_offsets").add(8).add(0))))
        .isEqualTo("tensor 'layers.1.bias' in weights.safetensors has the data offsets [8, 0]; expected two whole numbers"
            + " from 0, the first not above the second");
    assertThat(damaged(ModelZips.withHeader(VALID, h -> h.remove("layers.1.bias"))))
        .isEqualTo("weights.safetensors has 8 bytes of no tensor after its last tensor");
  }

  @Test
  void aTensorWhoseShapeDisagreesWithModelJson() {
    assertThat(damaged(ModelZips.withHeader(VALID, h -> ((ArrayNode) h.get("layers.0.weight").get("shape"))
        .removeAll().add(2).add(3))))
        .isEqualTo("tensor 'layers.0.weight' in weights.safetensors has the shape [2, 3]; model.json's layers need [3, 2]");
    assertThat(damaged(ModelZips.withHeader(VALID, h -> h.set("layers.7.bias", h.remove("layers.1.bias")))))
        .isEqualTo("weights.safetensors has a tensor 'layers.7.bias' that model.json's layers do not");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> ((ObjectNode) j.get("layers").get(1)).put("outputs", 3))))
        .isEqualTo("model.json's last layer gives 3 outputs, but its loss 'softmax-test' for 2 classes needs 2");
  }

  @Test
  void nonFiniteWeightsAreRefusedNamingTheTensor() {
    byte[] nan = ModelZips.withEntry(VALID, WEIGHTS, st -> {
      byte[] out = st.clone();
      ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putFloat(8 + ModelZips.headerLength(st) + 4 * 7, Float.NaN);
      return out;
    });
    assertThat(damaged(nan)).isEqualTo("tensor 'layers.0.bias' in weights.safetensors holds NaN at position 1;"
        + " weights must be finite numbers");
    byte[] inf = ModelZips.withEntry(VALID, WEIGHTS, st -> {
      byte[] out = st.clone();
      ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putFloat(8 + ModelZips.headerLength(st), Float.NEGATIVE_INFINITY);
      return out;
    });
    assertThat(damaged(inf)).isEqualTo("tensor 'layers.0.weight' in weights.safetensors holds an infinite value at"
        + " position 0; weights must be finite numbers");
  }

  @Test
  void layersThatDoNotChainOrFit() {
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> ((ObjectNode) j.get("layers").get(1)).put("inputs", 4))))
        .isEqualTo("model.json's layer 1 takes 4 inputs, but layer 0 gives 3");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> ((ObjectNode) j.get("layers").get(0)).put("inputs", 3))))
        .isEqualTo("model.json names 2 features, but its first layer takes 3 inputs");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> ((ObjectNode) j.get("layers").get(0)).put("outputs", 0))))
        .isEqualTo("model.json's layers[0].outputs is 0; expected a whole number from 1 to 268435456");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> ((ObjectNode) j.get("layers").get(0)).put("outputs", 3_000_000_000L))))
        .isEqualTo("model.json's layers[0].outputs is 3000000000; expected a whole number from 1 to 268435456");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> {
      ((ObjectNode) j.get("layers").get(0)).put("outputs", 100_000);
      ((ObjectNode) j.get("layers").get(1)).put("inputs", 100_000);
    }))).matches("weights\\.safetensors is \\d+ bytes, but the 500002 weights of model\\.json's layers take 2000008 bytes"
        + " and a header of 2 to 69632");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> {
      ((ObjectNode) j.get("layers").get(0)).put("outputs", 200_000_000);
      ((ObjectNode) j.get("layers").get(1)).put("inputs", 200_000_000);
    }))).isEqualTo("model.json's layers have more than the 268435456 weights fracnet reads");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> ((ObjectNode) j.get("layers").get(0)).put("activation", "swish"))))
        .isEqualTo("model.json's layer 0 has the activation 'swish', which this fracnet does not know (it knows identity,"
            + " relu, tanh); a newer fracnet may have written it");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> j.putArray("layers"))))
        .isEqualTo("model.json's layers is an empty list; a model has at least one layer");
  }

  @Test
  void formatVersions() {
    assertThat(refused(ModelZips.withModelJsonText(VALID, "\"format_version\" : 1", "\"format_version\" : 3")))
        .isEqualTo(" has model format version 3, written by a newer fracnet; this fracnet reads versions up to 2:"
            + " upgrade fracnet to load it");
    assertThat(refused(ModelZips.withModelJsonText(VALID, "\"format_version\" : 1", "\"format_version\" : 123456789012345678901234567890")))
        .startsWith(" has model format version 123456789012345678901234567890, written by a newer fracnet");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> j.remove("format_version"))))
        .isEqualTo("model.json lacks format_version");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> j.put("format_version", "one"))))
        .isEqualTo("model.json's format_version is 'one'; expected a whole number from 1 to 2");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> j.put("format_version", 0))))
        .isEqualTo("model.json's format_version is 0; expected a whole number from 1 to 2");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> j.put("format_version", 1.5))))
        .isEqualTo("model.json's format_version is 1.5; expected a whole number from 1 to 2");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> j.put("format_version", 2))))
        .isEqualTo("model.json lacks ensemble");
  }

  @Test
  void malformedJsonIsPlacedByLineAndColumn() {
    assertThat(damaged(ModelZips.withEntry(VALID, MODEL_JSON, j -> Arrays.copyOf(j, j.length / 2))))
        .matches("model\\.json is not valid JSON at line \\d+, column \\d+ \\(it ends early\\)");
    assertThat(damaged(ModelZips.withModelJsonText(VALID, "\"features\" : [", "\"features\" : [}")))
        .matches("model\\.json is not valid JSON at line \\d+, column \\d+ \\(a bracket closes what it did not open\\)");
    assertThat(damaged(ModelZips.withModelJsonText(VALID, "\"format\" : \"fracnet-model\",",
        "\"format\" : \"fracnet-model\",\n  \"format\" : \"fracnet-model\",")))
        .matches("model\\.json is not valid JSON at line 3, column \\d+ \\(the key 'format' appears twice\\)");
    assertThat(damaged(ModelZips.withModelJsonText(VALID, "\"format\" :", "\"format\" : tru")))
        .matches("model\\.json is not valid JSON at line 2, column \\d+ \\(unknown word 'tru.*'\\)");
    assertThat(damaged(ModelZips.withModelJsonText(VALID, "\"format\" :", "\"format\" : #")))
        .matches("model\\.json is not valid JSON at line 2, column \\d+ \\(unexpected character '#'\\)");
    assertThat(damaged(ModelZips.withEntry(VALID, MODEL_JSON, j -> ("{\"a\": " + "[".repeat(100) + "]".repeat(100) + "}").getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("model.json nests deeper than 64 levels, or holds a text or number too long");
    assertThat(damaged(ModelZips.withEntry(VALID, MODEL_JSON, j -> new byte[] {'{', '"', 'a', (byte) 0xff, '"', ':', '1', '}'})))
        .matches("model\\.json is not valid JSON at line 1, column \\d+ \\(it is not UTF-8 text\\)");
    assertThat(damaged(ModelZips.withEntry(VALID, MODEL_JSON, j -> "[1, 2]".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("model.json is a list; expected a JSON object");
    assertThat(damaged(ModelZips.withEntry(VALID, MODEL_JSON, j -> "  ".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("model.json is empty");
    assertThat(damaged(ModelZips.withEntry(VALID, MODEL_JSON, j -> "{} {}".getBytes(StandardCharsets.UTF_8))))
        .matches("model\\.json is not valid JSON at line 1, column \\d+ \\(more follows the end of the JSON value\\)");
  }

  @Test
  void fieldsOfTheWrongTypeOrSize() {
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> j.put("features", 5))))
        .isEqualTo("model.json's features is 5; expected a list");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> j.remove("classes"))))
        .isEqualTo("model.json lacks classes");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> ((ArrayNode) j.get("features")).set(1, NODES.numberNode(7)))))
        .isEqualTo("model.json's features[1] is 7; expected a name in double quotes");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> ((ArrayNode) j.get("classes")).set(1, NODES.textNode("a")))))
        .isEqualTo("model.json's classes has 'a' twice");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> ((ArrayNode) j.get("standardization").get("scale")).set(1, NODES.numberNode(0)))))
        .isEqualTo("model.json's standardization.scale[1] is 0; expected a finite number above 0");
    assertThat(damaged(ModelZips.withModelJsonText(VALID, "\"mean\" : [ 1.0", "\"mean\" : [ 1e400")))
        .isEqualTo("model.json's standardization.mean[0] is Infinity; expected a finite number");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> ((ArrayNode) j.get("standardization").get("mean")).add(1))))
        .isEqualTo("model.json's standardization has 3 means and 2 scales for 2 features");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> ((ObjectNode) j.get("training")).put("rows", "ten"))))
        .isEqualTo("model.json's training.rows is 'ten'; expected a whole number");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> ((ObjectNode) j.get("training")).putArray("training_class_means").add(1))))
        .isEqualTo("model.json's training.training_class_means has 1 values for 2 classes");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> ((ObjectNode) j.get("summary")).putObject("epochs"))))
        .isEqualTo("model.json's summary.epochs is an object; expected a whole number");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> ((ObjectNode) j.get("loss")).putObject("parameters").putArray("x"))))
        .isEqualTo("model.json's loss.parameters.'x' is a list; expected a text, number or true/false");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> j.put("id_column", 3))))
        .isEqualTo("model.json's id_column is 3; expected a text in double quotes");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> ((ArrayNode) j.get("features")).removeAll()
        .add("line\nbreak").add("line\nbreak"))))
        .isEqualTo("model.json's features has 'line\\u000abreak' twice");
  }

  @Test
  void aTuningRecordThatDoesNotFitTheModel() {
    org.fracnet.core.tune.Tuning.Trial ok = new org.fracnet.core.tune.Tuning.Trial("base", "softmax-test", "mlp",
        "adam", 0.001, 64, 0.1, 0.01, 1, null);
    org.fracnet.core.tune.Tuning.Trial failed = new org.fracnet.core.tune.Tuning.Trial("linear", "softmax-test",
        "linear", "adam", 0.001, 64, Double.NaN, Double.NaN, 1, "diverged");
    byte[] tuned = ModelZips.saved(TestModels.small().withTuning(new org.fracnet.core.tune.Tuning("quick", 3, "kl",
        false, 42, 10, 1, java.util.List.of(ok, failed, ok), 0)));
    assertThat(damaged(ModelZips.withModelJson(tuned, j -> ((ObjectNode) j.get("tuning")).put("chosen_index", 1))))
        .isEqualTo("model.json's tuning.chosen_index is 1, a trial that did not train");
    assertThat(damaged(ModelZips.withModelJson(tuned, j -> ((ObjectNode) j.get("tuning")).putArray("member_indexes")
        .add(2)))).isEqualTo("model.json's tuning.member_indexes[0] is 2; it must be the index of a trial that trained,"
            + " the chosen 0");
    assertThat(damaged(ModelZips.withModelJson(tuned, j -> ((ObjectNode) j.get("tuning")).putArray("member_indexes")
        .add(0).add(1)))).isEqualTo("model.json's tuning.member_indexes[1] is 1; it must be the index of a trial that"
            + " trained");
    assertThat(damaged(ModelZips.withModelJson(tuned, j -> ((ObjectNode) j.get("tuning")).putArray("member_indexes")
        .add(0).add(2)))).isEqualTo("model.json's tuning.member_indexes lists 2 members, but the model has 1");
    // written before tuned ensembles: no member_indexes, every member has the chosen setting
    assertThat(ModelFile.read(ModelZips.write(dir.resolve("old.zip"), ModelZips.withModelJson(tuned,
        j -> ((ObjectNode) j.get("tuning")).remove("member_indexes"))), TestModels.losses()).tuning().orElseThrow()
        .members()).containsExactly(0);
  }

  @Test
  void aLossNoPluginProvidesNamesTheIdAndHowToInstallIt() {
    Path f = ModelZips.write(dir.resolve("m.zip"),
        ModelZips.withModelJson(VALID, j -> ((ObjectNode) j.get("loss")).put("id", "hellinger")));
    assertThatThrownBy(() -> ModelFile.read(f, TestModels.losses())).isInstanceOf(SettingsException.class)
        .hasMessage(f + " was trained with loss 'hellinger', which is not installed (installed: softmax-test); put the"
            + " jar of the plugin that provides it on the classpath or in Fracnet.discover(classLoader)");
    assertThatThrownBy(() -> ModelFile.read(f, org.fracnet.core.discovery.ProviderRegistry.of(
        org.fracnet.core.spi.LossProvider.class, "loss")))
        .hasMessageContaining("which is not installed (no loss is installed)");
    assertThat(damaged(ModelZips.withModelJson(VALID, j -> ((ObjectNode) j.get("loss")).put("id", "Not An Id\n"))))
        .isEqualTo("model.json's loss.id is 'Not An Id\\u000a'; expected a loss id such as cross-entropy");
  }

  @Test
  void aTrainerOrArchitectureNoPluginProvidesDoesNotMatterForPrediction() {
    Path f = ModelZips.write(dir.resolve("m.zip"), ModelZips.withModelJson(VALID, j -> {
      ((ObjectNode) j.get("training")).put("trainer", "no-such-trainer").put("optimizer", "no-such-optimizer");
      j.put("architecture", "no-such-architecture");
    }));
    Model m = ModelFile.read(f, TestModels.losses());
    assertThat(m.run().trainer()).isEqualTo("no-such-trainer");
    assertThat(m.predict(1, new double[] {3, -2})).containsExactly(TestModels.small().predict(1, new double[] {3, -2}));
  }

  @Test
  void theEntriesMayComeInAnyOrderAndOtherEntriesAreIgnored() {
    Map<String, byte[]> entries = ModelZips.entries(VALID);
    Map<String, byte[]> reordered = new LinkedHashMap<>();
    reordered.put("README.txt", "notes".getBytes(StandardCharsets.UTF_8));
    reordered.put(WEIGHTS, entries.get(WEIGHTS));
    reordered.put(MODEL_JSON, entries.get(MODEL_JSON));
    Path f = ModelZips.write(dir.resolve("m.zip"), ModelZips.zip(reordered));
    assertThat(ModelFile.read(f, TestModels.losses()).weights().get(2))
        .containsExactly(TestModels.small().weights().get(2));
  }

  @Test
  void noMessageNamesAJavaClass() {
    byte[][] damages = {Arrays.copyOf(VALID, 100), ModelZips.withModelJsonText(VALID, "\"format\" :", "\"format\" : @"),
        ModelZips.withHeader(VALID, h -> h.put("layers.0.weight", 3))};
    for (byte[] bytes : damages) {
      Path f = ModelZips.write(dir.resolve("x.zip"), bytes);
      assertThatThrownBy(() -> ModelFile.read(f, TestModels.losses())).isInstanceOf(FracnetException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern(ModelFileProperties.JAVA_NAME));
    }
  }
}
