package org.fracnet.core.training;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.fracnet.core.spi.Parameters;

/**
 * Which optimizer to train with: the id of an optimizer provider and its parameters. Core's are
 * typed ({@link #adam()}, {@link #adamw(double)}, {@link #sgd(double, boolean)},
 * {@link #lbfgs()}); a plugin's is {@link #of(String, Map)}. The learning rate is not a parameter
 * here but {@link TrainingConfig#learningRate()}, as the schedule applies to it.
 *
 * @param id the optimizer provider's id
 * @param parameters its parameters (defaults are the provider's; see {@code fracnet optimizers})
 */
public record OptimizerSettings(String id, Parameters parameters) {
  public OptimizerSettings {
    Objects.requireNonNull(id, "id");
    parameters = parameters.withOwner("optimizer " + id);
  }

  /** Adam with the provider's defaults (beta1 0.9, beta2 0.999, no weight decay). */
  public static OptimizerSettings adam() {
    return new OptimizerSettings("adam", Parameters.empty());
  }

  /** AdamW (decoupled weight decay) with {@code weightDecay}. */
  public static OptimizerSettings adamw(double weightDecay) {
    return adamw().withParameter("weight-decay", String.valueOf(weightDecay));
  }

  /** AdamW with the provider's default weight decay. */
  public static OptimizerSettings adamw() {
    return new OptimizerSettings("adamw", Parameters.empty());
  }

  /** Stochastic gradient descent with momentum, optionally Nesterov's. */
  public static OptimizerSettings sgd(double momentum, boolean nesterov) {
    return new OptimizerSettings("sgd", Parameters.of("", Map.of("momentum", String.valueOf(momentum),
        "nesterov", String.valueOf(nesterov))));
  }

  /** Full-batch L-BFGS in double precision: the maximum-likelihood fit of a linear model. */
  public static OptimizerSettings lbfgs() {
    return new OptimizerSettings("lbfgs", Parameters.empty());
  }

  /** A plugin's optimizer, or core's by id, with textual parameters. */
  public static OptimizerSettings of(String id, Map<String, String> parameters) {
    return new OptimizerSettings(id, Parameters.of("", parameters));
  }

  /** These settings with one more parameter, e.g. {@code weight-decay=1e-4}. */
  public OptimizerSettings withParameter(String key, String value) {
    Map<String, String> all = new LinkedHashMap<>(parameters.asMap());
    all.put(key, value);
    return new OptimizerSettings(id, Parameters.of("", all));
  }

  /** Shorthand for {@code withParameter("weight-decay", ...)}: L2 for sgd and adam, decoupled for adamw. */
  public OptimizerSettings weightDecay(double weightDecay) {
    return withParameter("weight-decay", String.valueOf(weightDecay));
  }

  @Override
  public String toString() {
    return parameters.asMap().isEmpty() ? id : id + parameters.asMap();
  }
}
