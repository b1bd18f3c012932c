package org.fracnet.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.fracnet.core.tune.Tuning;

/**
 * A {@link Tuning} as JSON: the top-level {@code tuning} object of {@code model.json}, written only
 * for tuned models. Format version 1 readers ignore keys they do not know, so earlier releases load
 * a tuned model (without its record), and this one loads files without it. Reading tolerates
 * missing keys but not values of another type.
 */
final class TuningJson {
  private TuningJson() {}

  static ObjectNode write(Tuning t) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("budget", t.budget());
    o.put("folds", t.folds());
    o.put("metric", t.metric());
    o.put("higher_is_better", t.higherIsBetter());
    o.put("seed", t.seed());
    o.put("rows", t.rows());
    o.put("seconds", t.seconds());
    o.put("chosen", t.choice().name());
    o.put("chosen_index", t.chosen());
    ArrayNode members = o.putArray("members");
    ArrayNode memberIndexes = o.putArray("member_indexes");
    for (int m : t.members()) {
      members.add(t.trials().get(m).name());
      memberIndexes.add(m);
    }
    ArrayNode trials = o.putArray("trials");
    for (Tuning.Trial trial : t.trials()) {
      ObjectNode x = trials.addObject();
      x.put("name", trial.name());
      x.put("loss", trial.loss());
      x.put("architecture", trial.architecture());
      x.put("optimizer", trial.optimizer());
      x.put("learning_rate", trial.learningRate());
      x.put("batch_size", trial.batchSize());
      ModelFile.putFinite(x, "score", trial.score());
      ModelFile.putFinite(x, "sd", trial.sd());
      x.put("seconds", trial.seconds());
      if (trial.failure() != null) {
        x.put("failure", trial.failure());
      }
    }
    o.put("method", Tuning.METHOD);
    return o;
  }

  /**
   * The {@code tuning} object of {@code root}, or {@code null} when the model was not tuned.
   *
   * @param memberCount the networks of the model it belongs to
   */
  static Tuning read(JsonNode root, JsonFields fields, int memberCount) throws Refusal {
    JsonNode o = fields.optObject(root, "tuning");
    if (o.isMissingNode()) {
      return null;
    }
    JsonFields f = fields.in("tuning");
    JsonNode list = f.list(o, "trials");
    if (list.isEmpty()) {
      throw Refusal.damaged(f.name("trials") + " is an empty list; a search tries at least one setting");
    }
    List<Tuning.Trial> trials = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode x = f.element(list, "trials", i);
      JsonFields xf = f.in("trials[" + i + "]");
      trials.add(new Tuning.Trial(xf.text(x, "name"), xf.optText(x, "loss", ""), xf.optText(x, "architecture", ""),
          xf.optText(x, "optimizer", ""), xf.optNumber(x, "learning_rate", Double.NaN),
          xf.optInteger(x, "batch_size", 0, 0), xf.optNumber(x, "score", Double.NaN), xf.optNumber(x, "sd", Double.NaN),
          xf.optNumber(x, "seconds", Double.NaN), xf.optText(x, "failure", null)));
    }
    int chosen = f.optInteger(o, "chosen_index", 0, 0);
    if (chosen >= trials.size()) {
      throw Refusal.damaged(f.name("chosen_index") + " is " + chosen + " but there are " + trials.size() + " trials");
    }
    if (!trials.get(chosen).ok()) {
      throw Refusal.damaged(f.name("chosen_index") + " is " + chosen + ", a trial that did not train");
    }
    List<Integer> members = new ArrayList<>();
    JsonNode indexes = o.path("member_indexes").isMissingNode() || o.path("member_indexes").isNull()
        ? JsonNodeFactory.instance.arrayNode() : f.list(o, "member_indexes");
    if (indexes.size() > org.fracnet.core.training.TrainingConfig.MAX_ENSEMBLE) {
      throw Refusal.damaged(f.name("member_indexes") + " lists " + indexes.size() + " members; a model has at most "
          + org.fracnet.core.training.TrainingConfig.MAX_ENSEMBLE);
    }
    for (int i = 0; i < indexes.size(); i++) {
      JsonNode x = indexes.get(i);
      boolean trained = x.isIntegralNumber() && x.canConvertToInt() && x.asInt() >= 0 && x.asInt() < trials.size()
          && trials.get(x.asInt()).ok();
      if (!trained || i == 0 && x.asInt() != chosen) {
        throw Refusal.damaged(f.name("member_indexes") + "[" + i + "] is " + x + "; it must be the index of a trial"
            + " that trained" + (i == 0 ? ", the chosen " + chosen : ""));
      }
      members.add(x.asInt());
    }
    if (members.isEmpty()) { // written before ensembles were selected: every member has the chosen setting
      members.addAll(java.util.Collections.nCopies(memberCount, chosen));
    } else if (members.size() != memberCount) {
      throw Refusal.damaged(f.name("member_indexes") + " lists " + members.size() + " members, but the model has "
          + memberCount);
    }
    return new Tuning(f.optText(o, "budget", ""), f.optInteger(o, "folds", 0, 0), f.optText(o, "metric", ""),
        f.optBool(o, "higher_is_better", false), f.optLong(o, "seed", Long.MIN_VALUE, 0), f.optInteger(o, "rows", 0, 0),
        f.optNumber(o, "seconds", Double.NaN), trials, chosen, members);
  }
}
