package org.fracnet.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fracnet.core.training.LearningRateSchedule;
import org.fracnet.core.training.RunRecord;

/**
 * A {@link RunRecord} as JSON: the {@code training} object of {@code model.json} and the
 * {@code run} object of a checkpoint, with snake_case keys. Reading tolerates missing keys
 * (defaults: empty, 0), so files of every format-1 release load.
 */
final class RunRecordJson {
  private RunRecordJson() {}

  static ObjectNode write(RunRecord r) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("data", r.data());
    o.put("rows", r.rows());
    o.put("training_rows", r.trainingRows());
    o.put("validation_rows", r.validationRows());
    o.put("targets_are", r.targetsAre());
    o.put("loss", r.loss());
    o.set("loss_parameters", map(r.lossParameters()));
    o.put("architecture", r.architecture());
    o.set("architecture_parameters", map(r.architectureParameters()));
    o.put("optimizer", r.optimizer());
    o.set("optimizer_parameters", map(r.optimizerParameters()));
    o.put("trainer", r.trainer());
    o.set("trainer_parameters", map(r.trainerParameters()));
    o.put("available_processors", r.availableProcessors());
    o.put("epochs", r.epochs());
    o.put("batch_size", r.batchSize());
    o.put("learning_rate", r.learningRate());
    o.put("lr_schedule", r.schedule());
    if (r.schedule().equals("step")) {
      o.put("lr_step_epochs", r.lrStepEpochs());
      o.put("lr_gamma", r.lrGamma());
    }
    o.put("seed", r.seed());
    o.put("patience", r.patience());
    o.put("validation_fraction", r.validationFraction());
    var means = o.putArray("training_class_means");
    for (double m : r.trainingClassMeans()) {
      means.add(m);
    }
    return o;
  }

  static RunRecord read(JsonNode o) {
    JsonNode means = o.path("training_class_means");
    double[] m = new double[means.size()];
    for (int i = 0; i < m.length; i++) {
      m[i] = means.get(i).asDouble();
    }
    return new RunRecord(o.path("data").asText(""), o.path("rows").asInt(), o.path("training_rows").asInt(),
        o.path("validation_rows").asInt(), o.path("targets_are").asText("fractions"), o.path("loss").asText(""),
        map(o.path("loss_parameters")), o.path("architecture").asText(""), map(o.path("architecture_parameters")),
        o.path("optimizer").asText(""), map(o.path("optimizer_parameters")), o.path("trainer").asText(""),
        map(o.path("trainer_parameters")), o.path("available_processors").asInt(), o.path("epochs").asInt(),
        o.path("batch_size").asInt(), o.path("learning_rate").asDouble(), o.path("lr_schedule").asText("constant"),
        o.path("lr_step_epochs").asInt(LearningRateSchedule.DEFAULT_STEP_EPOCHS),
        o.path("lr_gamma").asDouble(LearningRateSchedule.DEFAULT_GAMMA), o.path("seed").asLong(),
        o.path("patience").asInt(), o.path("validation_fraction").asDouble(), m);
  }

  private static ObjectNode map(Map<String, String> values) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    values.forEach(o::put);
    return o;
  }

  private static Map<String, String> map(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}
