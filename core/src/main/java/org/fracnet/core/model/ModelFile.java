package org.fracnet.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipException;
import org.fracnet.core.FracnetException;
import org.fracnet.core.ModelFileException;
import org.fracnet.core.discovery.ProviderRegistry;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.LossProvider;
import org.fracnet.core.spi.TargetStatistics;
import org.fracnet.core.spi.DenseLayerSpec;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.training.RunRecord;
import org.fracnet.core.training.TrainingSummary;

/**
 * Reads and writes model files: a zip with {@code model.json} (metadata, {@code format_version}
 * {@value Model#FORMAT_VERSION}) and {@code weights.safetensors} (tensors
 * {@code layers.L.weight}, outputs x inputs, and {@code layers.L.bias}, as in PyTorch's
 * {@code nn.Linear}). Writes are atomic.
 */
final class ModelFile {
  static final String MODEL_JSON = "model.json";
  static final String WEIGHTS = "weights.safetensors";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelFile() {}

  /** Writes {@code model} to {@code file} atomically. */
  static void write(Path file, Model model) {
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(toJson(model));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
    for (int l = 0; l < model.network().layers().size(); l++) {
      DenseLayerSpec layer = model.network().layers().get(l);
      tensors.put("layers." + l + ".weight", new Safetensors.Tensor(
          new long[] {layer.outputs(), layer.inputs()}, model.weights().get(2 * l)));
      tensors.put("layers." + l + ".bias", new Safetensors.Tensor(
          new long[] {layer.outputs()}, model.weights().get(2 * l + 1)));
    }
    byte[] weights = Safetensors.encode(tensors);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(MODEL_JSON, json);
    entries.put(WEIGHTS, weights);
    ZipEntries.write(file, entries);
  }

  /**
   * Reads a model file and recreates its loss with a provider from {@code losses}.
   *
   * @throws ModelFileException when the file is missing, not a model file, or of a newer format
   * @throws org.fracnet.core.SettingsException when its loss plugin is not installed
   */
  static Model read(Path file, ProviderRegistry<LossProvider> losses) {
    Map<String, byte[]> entries;
    try {
      entries = ZipEntries.read(file, Set.of(MODEL_JSON, WEIGHTS));
    } catch (NoSuchFileException e) {
      throw new ModelFileException(file + " does not exist; train a model and save it there first");
    } catch (ZipException e) {
      throw notAModel(file, e.getMessage());
    } catch (IOException e) {
      throw new ModelFileException(file + " cannot be read: " + e.getMessage(), e);
    }
    byte[] json = entries.get(MODEL_JSON);
    byte[] weights = entries.get(WEIGHTS);
    if (json == null || weights == null) {
      throw notAModel(file, "it lacks " + (json == null ? MODEL_JSON : WEIGHTS));
    }
    try {
      return fromJson(JSON.readTree(json), Safetensors.decode(weights), file, losses);
    } catch (IOException | RuntimeException e) {
      if (e instanceof FracnetException fe) {
        throw fe;
      }
      throw notAModel(file, e.getMessage());
    }
  }

  private static ModelFileException notAModel(Path file, String why) {
    return new ModelFileException(file + " is not a fracnet model file (a zip with " + MODEL_JSON
        + " and " + WEIGHTS + "): " + why);
  }

  private static ObjectNode toJson(Model model) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", "fracnet-model");
    root.put("format_version", Model.FORMAT_VERSION);
    root.put("architecture", model.network().architecture());
    ArrayNode layers = root.putArray("layers");
    for (DenseLayerSpec l : model.network().layers()) {
      layers.addObject().put("inputs", l.inputs()).put("outputs", l.outputs())
          .put("activation", l.activation().id());
    }
    root.set("features", JSON.valueToTree(model.featureNames()));
    root.set("classes", JSON.valueToTree(model.classNames()));
    root.put("id_column", model.idColumn());
    ObjectNode std = root.putObject("standardization");
    std.set("mean", JSON.valueToTree(model.standardization().mean()));
    std.set("scale", JSON.valueToTree(model.standardization().scale()));
    ObjectNode loss = root.putObject("loss");
    loss.put("id", model.loss().id());
    loss.set("parameters", JSON.valueToTree(model.loss().resolvedParameters().asMap()));
    root.set("training", RunRecordJson.write(model.run()));
    TrainingSummary s = model.summary();
    ObjectNode summary = root.putObject("summary");
    summary.put("epochs", s.epochs());
    summary.put("best_epoch", s.bestEpoch());
    summary.put("samples_per_second", s.samplesPerSecond());
    summary.put("wall_seconds", s.wallSeconds());
    putFinite(summary, "training_loss", s.trainingLoss());
    putFinite(summary, "validation_loss", s.validationLoss());
    summary.put("stop_reason", s.stopReason());
    return root;
  }

  private static void putFinite(ObjectNode node, String key, double v) {
    if (Double.isFinite(v)) {
      node.put(key, v);
    } else {
      node.putNull(key);
    }
  }

  private static Model fromJson(JsonNode root, Map<String, Safetensors.Tensor> tensors, Path file,
      ProviderRegistry<LossProvider> losses) {
    if (!"fracnet-model".equals(root.path("format").asText())) {
      throw notAModel(file, MODEL_JSON + " has no \"format\": \"fracnet-model\"");
    }
    int version = root.path("format_version").asInt(-1);
    if (version > Model.FORMAT_VERSION) {
      throw new ModelFileException(file + " has model format version " + version
          + ", written by a newer fracnet; this fracnet reads versions up to " + Model.FORMAT_VERSION
          + ": upgrade fracnet to load it");
    }
    if (version < 1) {
      throw notAModel(file, MODEL_JSON + " has no valid \"format_version\"");
    }
    List<DenseLayerSpec> layers = new ArrayList<>();
    List<float[]> weights = new ArrayList<>();
    for (JsonNode l : root.path("layers")) {
      Activation act = Activation.byId(l.path("activation").asText());
      if (act == null) {
        throw notAModel(file, "unknown activation " + l.path("activation"));
      }
      layers.add(new DenseLayerSpec(l.path("inputs").asInt(), l.path("outputs").asInt(), act));
    }
    for (int l = 0; l < layers.size(); l++) {
      for (String part : new String[] {"weight", "bias"}) {
        Safetensors.Tensor t = tensors.get("layers." + l + "." + part);
        if (t == null) {
          throw notAModel(file, WEIGHTS + " lacks layers." + l + "." + part);
        }
        weights.add(t.values());
      }
    }
    List<String> features = strings(root.path("features"));
    List<String> classes = strings(root.path("classes"));
    JsonNode std = root.path("standardization");
    Standardization standardization = new Standardization(doubles(std.path("mean")), doubles(std.path("scale")));
    if (standardization.mean().length != features.size() || standardization.scale().length != features.size()) {
      throw notAModel(file, "its standardization does not have one mean and scale per feature");
    }
    String lossId = root.path("loss").path("id").asText();
    Map<String, String> lossParams = new LinkedHashMap<>();
    root.path("loss").path("parameters").fields().forEachRemaining(e -> lossParams.put(e.getKey(), e.getValue().asText()));
    RunRecord run = RunRecordJson.read(root.path("training"));
    JsonNode s = root.path("summary");
    TrainingSummary summary = new TrainingSummary(s.path("epochs").asInt(), s.path("best_epoch").asInt(),
        s.path("samples_per_second").asDouble(), s.path("wall_seconds").asDouble(),
        s.path("training_loss").asDouble(Double.NaN), s.path("validation_loss").asDouble(Double.NaN),
        s.path("stop_reason").asText());
    String idColumn = root.path("id_column").isTextual() ? root.path("id_column").asText() : null;
    LossProvider provider;
    try {
      provider = losses.require(lossId);
    } catch (FracnetException e) {
      throw new org.fracnet.core.SettingsException(file + " was trained with loss '" + lossId
          + "', which is not installed: " + e.getMessage(), e);
    }
    LossFunction loss = provider.create(Parameters.of("loss " + lossId, lossParams),
        TargetStatistics.uniform(classes.size()));
    return new Model(new NetworkSpec(root.path("architecture").asText(), layers), weights,
        standardization, features, classes, idColumn, loss, run, summary);
  }

  // Reading the tree by hand, rather than with ObjectMapper.convertValue, keeps the start-up of
  // 'fracnet predict' free of Jackson's data-binding machinery (hundreds of classes).

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }
}
