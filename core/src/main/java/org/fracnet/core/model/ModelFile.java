package org.fracnet.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.fracnet.core.FracnetException;
import org.fracnet.core.ModelFileException;
import org.fracnet.core.OutputFileException;
import org.fracnet.core.SettingsException;
import org.fracnet.core.discovery.ProviderRegistry;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.DenseLayerSpec;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.LossProvider;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;
import org.fracnet.core.training.RunRecord;
import org.fracnet.core.training.TrainingConfig;
import org.fracnet.core.training.TrainingSummary;

/**
 * Reads and writes model files: a zip with {@code model.json} (metadata) and
 * {@code weights.safetensors}. A plain model is {@code format_version} 1, its tensors
 * {@code layers.L.weight}, outputs x inputs, and {@code layers.L.bias}, as in PyTorch's
 * {@code nn.Linear}. An ensemble is {@code format_version} 2: {@code model.json} adds an
 * {@code ensemble} object (the number of {@code members}, their {@code seeds} and
 * {@code summaries}) and the tensors are {@code members.M.layers.L.weight} and
 * {@code members.M.layers.L.bias}. Writes are atomic.
 */
final class ModelFile {
  static final String MODEL_JSON = "model.json";
  static final String WEIGHTS = "weights.safetensors";
  /** The largest {@code model.json} read: 64 MiB, names and standardisation of a million features. */
  static final long MAX_JSON = 64L << 20;
  /** A loss id as plugins have them (lower-kebab-case): an id that is not cannot be installed. */
  private static final Pattern PLUGIN_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ZipEntries.Kind KIND = new ZipEntries.Kind(
      "fracnet model file (a zip with " + MODEL_JSON + " and " + WEIGHTS + ")",
      file -> file + " does not exist; train a model and save it there first",
      "; replace it with an intact copy, or train the model again", "");

  private ModelFile() {}

  /**
   * Writes {@code model} to {@code file} atomically.
   *
   * @throws OutputFileException when the model is larger than a reader accepts (weights or
   *     {@code model.json}); nothing is written, as the file could not be loaded again
   */
  static void write(Path file, Model model) {
    if (!Model.fitsOneFile(model.network(), model.members().size())) {
      throw new OutputFileException("cannot save " + file + ": the model has " + (long) model.members().size()
          * model.network().parameterCount() + " weights, more than the " + Model.MAX_WEIGHTS + " a model file holds"
          + " and fracnet reads; train narrower layers (Architecture.mlp(...)) or fewer members (ensemble(n))");
    }
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(toJson(model));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    if (json.length > MAX_JSON) {
      throw new OutputFileException("cannot save " + file + ": its " + MODEL_JSON + " would take " + json.length
          + " bytes, more than the " + MAX_JSON + " fracnet reads (long feature or class names, or a long tuning"
          + " record); shorten the column names");
    }
    Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
    List<Model.Member> members = model.members();
    for (int m = 0; m < members.size(); m++) {
      String prefix = tensorPrefix(members.size(), m);
      List<float[]> w = members.get(m).weights();
      for (int l = 0; l < model.network().layers().size(); l++) {
        DenseLayerSpec layer = model.network().layers().get(l);
        tensors.put(prefix + "layers." + l + ".weight", new Safetensors.Tensor(
            new long[] {layer.outputs(), layer.inputs()}, w.get(2 * l)));
        tensors.put(prefix + "layers." + l + ".bias", new Safetensors.Tensor(
            new long[] {layer.outputs()}, w.get(2 * l + 1)));
      }
    }
    byte[] weights = Safetensors.encode(tensors);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(MODEL_JSON, json);
    entries.put(WEIGHTS, weights);
    ZipEntries.write(file, entries);
  }

  /**
   * Reads a model file and recreates its loss with a provider from {@code losses}. Everything read
   * is checked before it is used, and before anything large is allocated: the zip (see
   * {@link ZipEntries}), {@code model.json} (at most {@value #MAX_JSON} bytes; every field's type;
   * layers that chain, from the features to the loss's outputs, at most
   * {@value Safetensors#MAX_VALUES} weights in all), then {@code weights.safetensors}, whose size
   * must fit those layers and whose tensors must have their shapes and finite values. Reading
   * builds a tree of plain JSON values and float arrays: nothing in the file names a class to
   * load or code to run; only the installed loss plugin its id names runs, to recreate the loss.
   *
   * @throws ModelFileException when the file is missing, not a model file, damaged, or of a newer
   *     format, naming the file and what is wrong
   * @throws org.fracnet.core.SettingsException when its loss plugin is not installed
   */
  static Model read(Path file, ProviderRegistry<LossProvider> losses) {
    return ZipEntries.read(file, KIND, zip -> read(zip, file, losses));
  }

  private static Model read(ZipEntries.Reader zip, Path file, ProviderRegistry<LossProvider> losses)
      throws IOException {
    if (!zip.has(MODEL_JSON)) {
      throw Refusal.foreign("it lacks " + MODEL_JSON);
    }
    JsonFields f = new JsonFields(MODEL_JSON);
    JsonNode root = f.parseObject(zip.readAll(MODEL_JSON, MAX_JSON));
    if (!root.path("format").isTextual() || !root.path("format").asText().equals("fracnet-model")) {
      throw Refusal.foreign(MODEL_JSON + " has no \"format\": \"fracnet-model\"");
    }
    JsonNode version = root.path("format_version");
    if (version.isIntegralNumber() && version.bigIntegerValue().compareTo(BigInteger.valueOf(Model.FORMAT_VERSION)) > 0) {
      throw new ModelFileException(file + " has model format version " + version.asText()
          + ", written by a newer fracnet; this fracnet reads versions up to " + Model.FORMAT_VERSION
          + ": upgrade fracnet to load it");
    }
    int formatVersion = f.integer(root, "format_version", 1, Model.FORMAT_VERSION);
    if (!zip.has(WEIGHTS)) {
      throw Refusal.foreign("it lacks " + WEIGHTS);
    }
    NetworkSpec network = network(root, f);
    Ensemble ensemble = ensemble(root, f, formatVersion, network);
    List<String> features = f.names(root, "features", 1);
    if (features.size() != network.inputs()) {
      throw Refusal.damaged(MODEL_JSON + " names " + features.size() + " features, but its first layer takes "
          + network.inputs() + " inputs");
    }
    List<String> classes = f.names(root, "classes", 1);
    String idColumn = f.optText(root, "id_column", null);
    JsonNode std = f.object(root, "standardization");
    JsonFields stdFields = f.in("standardization");
    Standardization standardization = new Standardization(stdFields.finiteNumbers(std, "mean", false),
        stdFields.finiteNumbers(std, "scale", true));
    if (standardization.mean().length != features.size() || standardization.scale().length != features.size()) {
      throw Refusal.damaged(MODEL_JSON + "'s standardization has " + standardization.mean().length + " means and "
          + standardization.scale().length + " scales for " + features.size() + " features");
    }
    RunRecord run = RunRecordJson.read(root, f, "training");
    if (run.trainingClassMeans().length != 0 && run.trainingClassMeans().length != classes.size()) {
      throw Refusal.damaged(MODEL_JSON + "'s training.training_class_means has " + run.trainingClassMeans().length
          + " values for " + classes.size() + " classes");
    }
    TrainingSummary summary = summary(f.optObject(root, "summary"), f.in("summary"));
    LossFunction loss = loss(root, f, file, losses, classes.size());
    if (loss.classes() != classes.size() || loss.outputs() != network.outputs()) {
      throw Refusal.damaged(MODEL_JSON + "'s last layer gives " + network.outputs() + " outputs, but its loss "
          + Refusal.quote(loss.id()) + " for " + classes.size() + " classes needs " + loss.outputs());
    }
    List<List<float[]>> weights = weights(zip, network, ensemble.seeds().length);
    Model model;
    if (formatVersion == 1) {
      model = new Model(network, weights.get(0), standardization, features, classes, idColumn, loss, run, summary);
    } else {
      List<Model.Member> members = new ArrayList<>();
      for (int m = 0; m < weights.size(); m++) {
        members.add(new Model.Member(ensemble.seeds()[m], weights.get(m), ensemble.summaries().get(m)));
      }
      model = Model.ensemble(network, members, standardization, features, classes, idColumn, loss, run, summary);
    }
    org.fracnet.core.tune.Tuning tuning = TuningJson.read(root, f, model.members().size()); // train --tune's record, if any
    return tuning == null ? model : model.withTuning(tuning);
  }

  /** The members' seeds and summaries of a format-2 file; one member, without them, of a format-1 file. */
  private record Ensemble(long[] seeds, List<TrainingSummary> summaries) {}

  /**
   * The {@code ensemble} object, checked: required in format 2 (2 to
   * {@value TrainingConfig#MAX_ENSEMBLE} members, a seed and a summary each, at most
   * {@value Safetensors#MAX_VALUES} weights in all), refused in format 1.
   */
  private static Ensemble ensemble(JsonNode root, JsonFields f, int formatVersion, NetworkSpec network)
      throws Refusal {
    if (formatVersion == 1) {
      if (!root.path("ensemble").isMissingNode()) {
        throw Refusal.damaged(MODEL_JSON + " has an ensemble, but format_version 1, which has none (an ensemble is"
            + " format_version 2)");
      }
      return new Ensemble(new long[1], List.of());
    }
    JsonNode node = f.object(root, "ensemble");
    JsonFields ef = f.in("ensemble");
    int members = ef.integer(node, "members", 2, TrainingConfig.MAX_ENSEMBLE);
    if ((long) members * network.parameterCount() > Safetensors.MAX_VALUES) {
      throw Refusal.damaged(MODEL_JSON + "'s " + members + " members of " + network.parameterCount()
          + " weights each have more than the " + Safetensors.MAX_VALUES + " weights fracnet reads");
    }
    JsonNode seedList = ef.list(node, "seeds");
    JsonNode summaryList = ef.list(node, "summaries");
    if (seedList.size() != members || summaryList.size() != members) {
      throw Refusal.damaged(MODEL_JSON + "'s ensemble has " + members + " members but " + seedList.size()
          + " seeds and " + summaryList.size() + " summaries");
    }
    long[] seeds = new long[members];
    List<TrainingSummary> summaries = new ArrayList<>();
    for (int m = 0; m < members; m++) {
      JsonNode seed = seedList.get(m);
      if (!seed.isIntegralNumber() || !seed.canConvertToLong()) {
        throw Refusal.damaged(MODEL_JSON + "'s ensemble.seeds[" + m + "] is " + JsonFields.describe(seed)
            + "; expected a whole number");
      }
      seeds[m] = seed.asLong();
      summaries.add(summary(ef.element(summaryList, "summaries", m), ef.in("summaries[" + m + "]")));
    }
    return new Ensemble(seeds, summaries);
  }

  private static String tensorPrefix(int members, int member) {
    return members == 1 ? "" : "members." + member + ".";
  }

  /** The layers, checked: known activations, each taking what the one before gives, few enough weights. */
  private static NetworkSpec network(JsonNode root, JsonFields f) throws Refusal {
    JsonNode layers = f.list(root, "layers");
    if (layers.isEmpty()) {
      throw Refusal.damaged(MODEL_JSON + "'s layers is an empty list; a model has at least one layer");
    }
    List<DenseLayerSpec> specs = new ArrayList<>();
    long weights = 0;
    for (int l = 0; l < layers.size(); l++) {
      JsonNode layer = f.element(layers, "layers", l);
      JsonFields lf = f.in("layers[" + l + "]");
      int inputs = lf.integer(layer, "inputs", 1, Safetensors.MAX_VALUES);
      int outputs = lf.integer(layer, "outputs", 1, Safetensors.MAX_VALUES);
      String id = lf.text(layer, "activation");
      Activation activation = Activation.byId(id);
      if (activation == null) {
        throw Refusal.damaged(MODEL_JSON + "'s layer " + l + " has the activation " + Refusal.quote(id)
            + ", which this fracnet does not know (it knows " + Arrays.stream(Activation.values())
            .map(Activation::id).collect(Collectors.joining(", ")) + "); a newer fracnet may have written it");
      }
      if (l > 0 && inputs != specs.get(l - 1).outputs()) {
        throw Refusal.damaged(MODEL_JSON + "'s layer " + l + " takes " + inputs + " inputs, but layer " + (l - 1)
            + " gives " + specs.get(l - 1).outputs());
      }
      weights += (long) inputs * outputs + outputs;
      if (weights > Safetensors.MAX_VALUES) {
        throw Refusal.damaged(MODEL_JSON + "'s layers have more than the " + Safetensors.MAX_VALUES
            + " weights fracnet reads");
      }
      specs.add(new DenseLayerSpec(inputs, outputs, activation));
    }
    return new NetworkSpec(f.optText(root, "architecture", ""), specs);
  }

  /** A summary object {@code s} (a missing node: every field absent), named by {@code f}. */
  private static TrainingSummary summary(JsonNode s, JsonFields f) throws Refusal {
    return new TrainingSummary(f.optInteger(s, "epochs", Integer.MIN_VALUE, 0),
        f.optInteger(s, "best_epoch", Integer.MIN_VALUE, 0), f.optNumber(s, "samples_per_second", 0),
        f.optNumber(s, "wall_seconds", 0), f.optNumber(s, "training_loss", Double.NaN),
        f.optNumber(s, "validation_loss", Double.NaN), f.optText(s, "stop_reason", ""));
  }

  /**
   * The loss, recreated by the installed plugin of its id.
   *
   * @throws org.fracnet.core.SettingsException when no installed plugin has the id
   * @throws ModelFileException when the plugin refuses the stored parameters
   */
  private static LossFunction loss(JsonNode root, JsonFields fields, Path file, ProviderRegistry<LossProvider> losses,
      int classes) throws Refusal {
    JsonNode node = fields.object(root, "loss");
    JsonFields f = fields.in("loss");
    String id = f.text(node, "id");
    if (!PLUGIN_ID.matcher(id).matches()) {
      throw Refusal.damaged(f.name("id") + " is " + Refusal.quote(id) + "; expected a loss id such as cross-entropy");
    }
    Map<String, String> parameters = f.optScalars(node, "parameters");
    LossProvider provider = losses.byId().get(id);
    if (provider == null) {
      throw new SettingsException(file + " was trained with loss '" + id + "', which is not installed ("
          + (losses.byId().isEmpty() ? "no loss is installed" : "installed: " + String.join(", ", losses.byId().keySet()))
          + "); put the jar of the plugin that provides it on the classpath or in Fracnet.discover(classLoader)");
    }
    try {
      return provider.create(Parameters.of("loss " + id, parameters), TargetStatistics.uniform(classes));
    } catch (FracnetException e) {
      throw new ModelFileException(file + ": the installed loss '" + id + "' refuses the parameters stored in the model: "
          + Refusal.oneLine(e.getMessage()), e);
    } catch (RuntimeException e) {
      throw new ModelFileException(file + ": the installed loss '" + id + "' fails on the parameters stored in the"
          + " model: " + Refusal.oneLine(String.valueOf(e.getMessage())), e);
    }
  }

  /**
   * The weights of each of the {@code members} copies of {@code network}, per layer W then b, from
   * {@code weights.safetensors}: its size is checked against the layers and members before it is
   * read, its header before any tensor is.
   */
  private static List<List<float[]>> weights(ZipEntries.Reader zip, NetworkSpec network, int members)
      throws IOException {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    for (int m = 0; m < members; m++) {
      String prefix = tensorPrefix(members, m);
      for (int l = 0; l < network.layers().size(); l++) {
        DenseLayerSpec layer = network.layers().get(l);
        shapes.put(prefix + "layers." + l + ".weight", new long[] {layer.outputs(), layer.inputs()});
        shapes.put(prefix + "layers." + l + ".bias", new long[] {layer.outputs()});
      }
    }
    long count = (long) members * network.parameterCount();
    long data = 4L * count;
    long maxHeader = Safetensors.maxHeader(shapes.size());
    long size = zip.size(WEIGHTS);
    if (size < 8 + 2 + data || size > 8 + maxHeader + data) {
      throw Refusal.damaged(WEIGHTS + " is " + size + " bytes, but the " + count + " weights of "
          + MODEL_JSON + "'s layers" + (members == 1 ? "" : " and " + members + " members") + " take " + data
          + " bytes and a header of 2 to " + maxHeader);
    }
    Map<String, float[]> values = zip.read(WEIGHTS, 8 + maxHeader + data, in -> {
      List<Safetensors.Entry> tensors = Safetensors.readHeader(in, size, maxHeader, WEIGHTS);
      for (Safetensors.Entry t : tensors) {
        long[] shape = shapes.get(t.name());
        if (shape == null) {
          throw Refusal.damaged(WEIGHTS + " has a tensor " + Refusal.quote(t.name()) + " that " + MODEL_JSON
              + "'s layers do not");
        }
        if (!Arrays.equals(shape, t.shape())) {
          throw Refusal.damaged("tensor '" + t.name() + "' in " + WEIGHTS + " has the shape " + Arrays.toString(t.shape())
              + "; " + MODEL_JSON + "'s layers need " + Arrays.toString(shape));
        }
      }
      if (tensors.size() < shapes.size()) {
        for (String name : shapes.keySet()) {
          if (tensors.stream().noneMatch(t -> t.name().equals(name))) {
            throw Refusal.damaged(WEIGHTS + " lacks the tensor " + name);
          }
        }
      }
      Map<String, float[]> read = new HashMap<>();
      for (Safetensors.Entry t : tensors) {
        read.put(t.name(), Safetensors.readValues(in, t, WEIGHTS));
      }
      return read;
    });
    List<List<float[]>> out = new ArrayList<>();
    int perMember = 2 * network.layers().size();
    List<String> names = new ArrayList<>(shapes.keySet());
    for (int m = 0; m < members; m++) {
      List<float[]> member = new ArrayList<>();
      for (String name : names.subList(m * perMember, (m + 1) * perMember)) {
        member.add(values.get(name));
      }
      out.add(member);
    }
    return out;
  }

  private static ObjectNode toJson(Model model) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", "fracnet-model");
    root.put("format_version", model.members().size() == 1 ? 1 : Model.FORMAT_VERSION);
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
    summary(root.putObject("summary"), model.summary());
    if (model.members().size() > 1) {
      ObjectNode ensemble = root.putObject("ensemble");
      ensemble.put("members", model.members().size());
      ArrayNode seeds = ensemble.putArray("seeds");
      ArrayNode summaries = ensemble.putArray("summaries");
      for (Model.Member m : model.members()) {
        seeds.add(m.seed());
        summary(summaries.addObject(), m.summary());
      }
    }
    model.tuning().ifPresent(t -> root.set("tuning", TuningJson.write(t))); // train --tune's record
    return root;
  }

  private static void summary(ObjectNode summary, TrainingSummary s) {
    summary.put("epochs", s.epochs());
    summary.put("best_epoch", s.bestEpoch());
    summary.put("samples_per_second", s.samplesPerSecond());
    summary.put("wall_seconds", s.wallSeconds());
    putFinite(summary, "training_loss", s.trainingLoss());
    putFinite(summary, "validation_loss", s.validationLoss());
    summary.put("stop_reason", s.stopReason());
  }

  static void putFinite(ObjectNode node, String key, double v) {
    if (Double.isFinite(v)) {
      node.put(key, v);
    } else {
      node.putNull(key);
    }
  }
}
