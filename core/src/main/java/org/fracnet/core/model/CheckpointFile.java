package org.fracnet.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.fracnet.core.ModelFileException;
import org.fracnet.core.spi.DenseLayerSpec;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.OptimizerState;
import org.fracnet.core.training.RunRecord;
import org.fracnet.core.training.TrainingCheckpoint;

/**
 * Reads and writes training checkpoints: a zip with {@code checkpoint.json} (progress, and the
 * settings of the run that wrote it, to refuse resuming a different run) and
 * {@code state.safetensors} (current weights {@code current.i}, best weights {@code best.i},
 * optimizer arrays {@code optimizer.NAME}, all 1-D float32). Writes are atomic, so a run killed
 * while writing leaves the previous checkpoint intact.
 */
public final class CheckpointFile {
  private static final String JSON_ENTRY = "checkpoint.json";
  private static final String STATE_ENTRY = "state.safetensors";
  private static final String OPTIMIZER = "optimizer.";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RESUME_AFRESH = "; delete it and run without resume(true)";
  private static final ZipEntries.Kind KIND = new ZipEntries.Kind("fracnet checkpoint",
      file -> "there is no checkpoint " + file + " to resume from; run without resume(true) to start afresh",
      RESUME_AFRESH, RESUME_AFRESH);

  /**
   * A checkpoint with the settings of the run that wrote it.
   *
   * @param checkpoint the training loop's state
   * @param run the run's settings (as stored under {@code training} in model files)
   */
  public record Saved(TrainingCheckpoint checkpoint, RunRecord run) {}

  private CheckpointFile() {}

  /** Writes {@code checkpoint} of the run described by {@code run} to {@code file} atomically. */
  public static void write(Path file, TrainingCheckpoint checkpoint, RunRecord run) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", "fracnet-checkpoint");
    root.put("format_version", 1);
    root.put("epoch", checkpoint.epoch());
    root.put("best_epoch", checkpoint.bestEpoch());
    if (Double.isFinite(checkpoint.bestLoss())) {
      root.put("best_loss", checkpoint.bestLoss());
    }
    root.put("since_best", checkpoint.sinceBest());
    root.put("training_loss", checkpoint.trainingLoss());
    root.put("samples", checkpoint.samples());
    root.put("train_nanos", checkpoint.trainNanos());
    root.put("weight_arrays", checkpoint.weights().size());
    root.put("has_best", checkpoint.bestWeights() != null);
    if (checkpoint.optimizer() != null) {
      root.put("optimizer_steps", checkpoint.optimizer().steps());
    }
    root.set("run", RunRecordJson.write(run));
    Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
    addAll(tensors, "current.", checkpoint.weights());
    if (checkpoint.bestWeights() != null) {
      addAll(tensors, "best.", checkpoint.bestWeights());
    }
    if (checkpoint.optimizer() != null) {
      checkpoint.optimizer().arrays().forEach((name, values) ->
          tensors.put(OPTIMIZER + name, new Safetensors.Tensor(new long[] {values.length}, values)));
    }
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    byte[] state = Safetensors.encode(tensors);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(JSON_ENTRY, json);
    entries.put(STATE_ENTRY, state);
    ZipEntries.write(file, entries);
  }

  /**
   * Reads a checkpoint, as carefully as {@link ModelFile#read} reads a model: the zip, every field of
   * {@code checkpoint.json}, then {@code state.safetensors}, whose header must announce exactly the
   * arrays {@code checkpoint.json} does ({@code best.i} as long as {@code current.i}, each
   * optimizer array as long as all the weights) before any array is read; every value must be finite.
   *
   * @throws ModelFileException when the file is missing, not a checkpoint, damaged or of a newer format
   */
  public static Saved read(Path file) {
    return ZipEntries.read(file, KIND, zip -> read(zip, file));
  }

  /**
   * The checkpoint {@code saved}, read from {@code file}, for the run {@code run} with the network
   * {@code network} to resume from, once compared with the run that wrote it
   * ({@link RunRecord#resumeConflicts}) and with the network's layers ({@link #requireFits}).
   *
   * @throws ModelFileException when another run (other data or settings, other layers) wrote it;
   *     the message names what differs
   */
  public static TrainingCheckpoint resumable(Path file, Saved saved, RunRecord run, NetworkSpec network) {
    List<String> conflicts = saved.run().resumeConflicts(run);
    if (!conflicts.isEmpty()) {
      throw new ModelFileException("checkpoint " + file + " was written by another run ("
          + String.join(", ", conflicts) + "); resume with the same data and settings (only the epochs may"
          + " change, and not with the cosine schedule, whose rate depends on them), or run without resume(true)");
    }
    requireFits(file, saved, network); // e.g. other features, same settings
    return saved.checkpoint();
  }

  /**
   * Checks that the weights of {@code saved}, read from {@code file}, fit {@code network} (layer by
   * layer, W then b), so that a checkpoint of other layers is refused with a message rather than
   * failing when training restores it. Call it after comparing the runs' settings, whose message
   * says more when they differ.
   *
   * @throws ModelFileException naming the file and both layouts when they differ
   */
  public static void requireFits(Path file, Saved saved, NetworkSpec network) {
    List<Integer> expected = new ArrayList<>();
    for (DenseLayerSpec l : network.layers()) {
      expected.add(l.outputs() * l.inputs());
      expected.add(l.outputs());
    }
    List<Integer> found = saved.checkpoint().weights().stream().map(a -> a.length).toList();
    if (!found.equals(expected)) {
      throw new ModelFileException("checkpoint " + file + " holds weights for other layers than this run's (arrays of "
          + found + " values, where this run's network needs " + expected + "); resume with the settings of the run"
          + " that wrote it, or run without resume(true)");
    }
  }

  private static Saved read(ZipEntries.Reader zip, Path file) throws IOException {
    if (!zip.has(JSON_ENTRY)) {
      throw Refusal.foreign("it lacks " + JSON_ENTRY);
    }
    JsonFields f = new JsonFields(JSON_ENTRY);
    JsonNode root = f.parseObject(zip.readAll(JSON_ENTRY, ModelFile.MAX_JSON));
    if (!root.path("format").isTextual() || !root.path("format").asText().equals("fracnet-checkpoint")) {
      throw Refusal.foreign(JSON_ENTRY + " has no \"format\": \"fracnet-checkpoint\"");
    }
    JsonNode version = root.path("format_version");
    if (version.isIntegralNumber() && version.bigIntegerValue().compareTo(BigInteger.ONE) > 0) {
      throw new ModelFileException(file + " has checkpoint format version " + version.asText()
          + ", written by a newer fracnet; this fracnet reads version 1: resume with that fracnet, or delete it"
          + " and run without resume(true)");
    }
    f.integer(root, "format_version", 1, 1);
    if (!zip.has(STATE_ENTRY)) {
      throw Refusal.foreign("it lacks " + STATE_ENTRY);
    }
    int epoch = f.integer(root, "epoch", 0, Integer.MAX_VALUE); // 0: stopped before the first epoch ended
    int arrays = f.integer(root, "weight_arrays", 1, Safetensors.MAX_VALUES);
    boolean hasBest = f.optBool(root, "has_best", false);
    long steps = f.optLong(root, "optimizer_steps", 0, -1);
    if (steps > Integer.MAX_VALUE) {
      throw Refusal.damaged(JSON_ENTRY + "'s optimizer_steps is " + steps + "; expected at most " + Integer.MAX_VALUE);
    }
    int bestEpoch = f.optInteger(root, "best_epoch", 0, 0);
    double bestLoss = f.optNumber(root, "best_loss", Double.POSITIVE_INFINITY);
    int sinceBest = f.optInteger(root, "since_best", 0, 0);
    double trainingLoss = f.optNumber(root, "training_loss", 0);
    long samples = f.optLong(root, "samples", 0, 0);
    long trainNanos = f.optLong(root, "train_nanos", 0, 0);
    RunRecord run = RunRecordJson.read(root, f, "run");
    Map<String, float[]> values = state(zip, arrays, hasBest, steps >= 0);
    List<float[]> current = arrays(values, "current.", arrays);
    OptimizerState optimizer = null;
    if (steps >= 0) {
      Map<String, float[]> optimizerArrays = new LinkedHashMap<>();
      values.forEach((name, v) -> {
        if (name.startsWith(OPTIMIZER)) {
          optimizerArrays.put(name.substring(OPTIMIZER.length()), v);
        }
      });
      optimizer = new OptimizerState(steps, optimizerArrays);
    }
    TrainingCheckpoint checkpoint = new TrainingCheckpoint(epoch, current,
        hasBest ? arrays(values, "best.", arrays) : null, bestEpoch, bestLoss, sinceBest, trainingLoss, samples,
        trainNanos, optimizer);
    return new Saved(checkpoint, run);
  }

  /**
   * The arrays of {@code state.safetensors}: its header is checked against what
   * {@code checkpoint.json} announces before any array is read.
   */
  private static Map<String, float[]> state(ZipEntries.Reader zip, int arrays, boolean hasBest, boolean hasOptimizer)
      throws IOException {
    long maxHeader = Safetensors.maxHeader(2L * arrays + 64);
    return zip.read(STATE_ENTRY, 8 + maxHeader + 4L * 64 * Safetensors.MAX_VALUES, in -> {
      List<Safetensors.Entry> tensors = Safetensors.readHeader(in, zip.size(STATE_ENTRY), maxHeader, STATE_ENTRY);
      Map<String, Safetensors.Entry> byName = new HashMap<>();
      for (Safetensors.Entry t : tensors) {
        String name = Refusal.quote(t.name());
        if (!announced(t.name(), arrays, hasBest, hasOptimizer)) {
          throw Refusal.damaged(STATE_ENTRY + " has a tensor " + name + " that " + JSON_ENTRY + " does not announce");
        }
        if (t.shape().length != 1) {
          throw Refusal.damaged("tensor " + name + " in " + STATE_ENTRY + " has the shape " + Arrays.toString(t.shape())
              + "; a checkpoint's arrays have one dimension");
        }
        byName.put(t.name(), t);
      }
      long weights = 0;
      for (int i = 0; i < arrays; i++) {
        Safetensors.Entry w = byName.get("current." + i);
        if (w == null) {
          throw Refusal.damaged(STATE_ENTRY + " lacks current." + i);
        }
        Safetensors.Entry b = byName.get("best." + i);
        if (hasBest && (b == null || b.count() != w.count())) {
          throw Refusal.damaged(b == null ? STATE_ENTRY + " lacks best." + i : "tensor best." + i + " in "
              + STATE_ENTRY + " has " + b.count() + " values, but current." + i + " has " + w.count());
        }
        weights += w.count();
      }
      if (weights > Safetensors.MAX_VALUES) {
        throw Refusal.damaged(STATE_ENTRY + " holds more than the " + Safetensors.MAX_VALUES + " weights fracnet reads");
      }
      for (Safetensors.Entry t : tensors) {
        if (t.name().startsWith(OPTIMIZER) && t.count() != weights) {
          throw Refusal.damaged("tensor " + Refusal.quote(t.name()) + " in " + STATE_ENTRY + " has " + t.count()
              + " values; an optimizer's arrays have one per weight, " + weights);
        }
      }
      Map<String, float[]> values = new LinkedHashMap<>();
      for (Safetensors.Entry t : tensors) {
        values.put(t.name(), Safetensors.readValues(in, t, STATE_ENTRY));
      }
      return values;
    });
  }

  /** Whether {@code name} is {@code current.i}, {@code best.i} or {@code optimizer.NAME} as announced. */
  private static boolean announced(String name, int arrays, boolean hasBest, boolean hasOptimizer) {
    if (name.startsWith(OPTIMIZER)) {
      return hasOptimizer && name.length() > OPTIMIZER.length();
    }
    String index = name.startsWith("current.") ? name.substring("current.".length())
        : hasBest && name.startsWith("best.") ? name.substring("best.".length()) : "";
    return index.matches("0|[1-9][0-9]{0,8}") && Integer.parseInt(index) < arrays;
  }

  private static void addAll(Map<String, Safetensors.Tensor> tensors, String prefix, List<float[]> arrays) {
    for (int i = 0; i < arrays.size(); i++) {
      float[] a = arrays.get(i);
      tensors.put(prefix + i, new Safetensors.Tensor(new long[] {a.length}, a));
    }
  }

  private static List<float[]> arrays(Map<String, float[]> values, String prefix, int count) {
    List<float[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(values.get(prefix + i));
    }
    return out;
  }
}
