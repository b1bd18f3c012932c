package org.fracnet.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.fracnet.core.training.LearningRateSchedule;
import org.fracnet.core.training.RunRecord;

/**
 * A {@link RunRecord} as JSON: the {@code training} object of {@code model.json} and the
 * {@code run} object of a checkpoint, with snake_case keys. Reading tolerates missing keys
 * (defaults: empty, 0), so files of every format-1 release load, but not values of another type.
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

  /**
   * Reads the object {@code key} ({@code training} or {@code run}) of {@code parent} in a file's
   * JSON; absent keys take defaults, a value of the wrong type is refused.
   */
  static RunRecord read(JsonNode parent, JsonFields fields, String key) throws Refusal {
    JsonNode o = fields.optObject(parent, key);
    JsonFields f = fields.in(key);
    int any = Integer.MIN_VALUE;
    return new RunRecord(f.optText(o, "data", ""), f.optInteger(o, "rows", any, 0),
        f.optInteger(o, "training_rows", any, 0), f.optInteger(o, "validation_rows", any, 0),
        f.optText(o, "targets_are", "fractions"), f.optText(o, "loss", ""), f.optScalars(o, "loss_parameters"),
        f.optText(o, "architecture", ""), f.optScalars(o, "architecture_parameters"), f.optText(o, "optimizer", ""),
        f.optScalars(o, "optimizer_parameters"), f.optText(o, "trainer", ""), f.optScalars(o, "trainer_parameters"),
        f.optInteger(o, "available_processors", any, 0), f.optInteger(o, "epochs", any, 0),
        f.optInteger(o, "batch_size", any, 0), f.optNumber(o, "learning_rate", 0),
        f.optText(o, "lr_schedule", "constant"),
        f.optInteger(o, "lr_step_epochs", any, LearningRateSchedule.DEFAULT_STEP_EPOCHS),
        f.optNumber(o, "lr_gamma", LearningRateSchedule.DEFAULT_GAMMA), f.optLong(o, "seed", Long.MIN_VALUE, 0),
        f.optInteger(o, "patience", any, 0), f.optNumber(o, "validation_fraction", 0),
        f.optNumbers(o, "training_class_means"));
  }

  private static ObjectNode map(Map<String, String> values) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    values.forEach(o::put);
    return o;
  }
}
