package org.fracnet.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.fracnet.core.training.RunRecord;
import org.fracnet.core.training.TrainingCheckpoint;
import org.fracnet.core.spi.OptimizerState;

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
  private static final ObjectMapper JSON = new ObjectMapper();

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
          tensors.put("optimizer." + name, new Safetensors.Tensor(new long[] {values.length}, values)));
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
   * Reads a checkpoint.
   *
   * @throws ModelFileException when the file is missing or not a checkpoint
   */
  public static Saved read(Path file) {
    Map<String, byte[]> entries;
    try {
      entries = ZipEntries.read(file, Set.of(JSON_ENTRY, STATE_ENTRY));
    } catch (NoSuchFileException e) {
      throw new ModelFileException("there is no checkpoint " + file + " to resume from; run without resume(true)"
          + " to start afresh");
    } catch (ZipException e) {
      throw notACheckpoint(file, e.getMessage());
    } catch (IOException e) {
      throw new ModelFileException(file + " cannot be read: " + e.getMessage(), e);
    }
    byte[] json = entries.get(JSON_ENTRY);
    byte[] state = entries.get(STATE_ENTRY);
    if (json == null || state == null) {
      throw notACheckpoint(file, "it lacks " + (json == null ? JSON_ENTRY : STATE_ENTRY));
    }
    try {
      JsonNode root = JSON.readTree(json);
      if (!"fracnet-checkpoint".equals(root.path("format").asText()) || root.path("format_version").asInt() != 1) {
        throw notACheckpoint(file, JSON_ENTRY + " is not a version 1 fracnet checkpoint");
      }
      Map<String, Safetensors.Tensor> tensors = Safetensors.decode(state);
      int arrays = root.path("weight_arrays").asInt();
      List<float[]> current = arrays(tensors, "current.", arrays, file);
      List<float[]> best = root.path("has_best").asBoolean() ? arrays(tensors, "best.", arrays, file) : null;
      OptimizerState optimizer = null;
      if (root.has("optimizer_steps")) {
        Map<String, float[]> optimizerArrays = new LinkedHashMap<>();
        tensors.forEach((name, t) -> {
          if (name.startsWith("optimizer.")) {
            optimizerArrays.put(name.substring("optimizer.".length()), t.values());
          }
        });
        optimizer = new OptimizerState(root.path("optimizer_steps").asLong(), optimizerArrays);
      }
      TrainingCheckpoint checkpoint = new TrainingCheckpoint(root.path("epoch").asInt(), current, best,
          root.path("best_epoch").asInt(), root.path("best_loss").asDouble(Double.POSITIVE_INFINITY),
          root.path("since_best").asInt(), root.path("training_loss").asDouble(), root.path("samples").asLong(),
          root.path("train_nanos").asLong(), optimizer);
      return new Saved(checkpoint, RunRecordJson.read(root.path("run")));
    } catch (IOException | RuntimeException e) {
      if (e instanceof FracnetException fe) {
        throw fe;
      }
      throw notACheckpoint(file, e.getMessage());
    }
  }

  private static void addAll(Map<String, Safetensors.Tensor> tensors, String prefix, List<float[]> arrays) {
    for (int i = 0; i < arrays.size(); i++) {
      float[] a = arrays.get(i);
      tensors.put(prefix + i, new Safetensors.Tensor(new long[] {a.length}, a));
    }
  }

  private static List<float[]> arrays(Map<String, Safetensors.Tensor> tensors, String prefix, int count, Path file) {
    List<float[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Safetensors.Tensor t = tensors.get(prefix + i);
      if (t == null) {
        throw notACheckpoint(file, STATE_ENTRY + " lacks " + prefix + i);
      }
      out.add(t.values());
    }
    return out;
  }

  private static ModelFileException notACheckpoint(Path file, String why) {
    return new ModelFileException(file + " is not a fracnet checkpoint: " + why + "; delete it and run without resume(true)");
  }
}
