package org.fracnet.core.spi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An optimizer's state, for checkpoints: the number of steps taken and its arrays (e.g. Adam's
 * {@code m} and {@code v}), each as long as the model's parameters.
 *
 * @param steps steps taken so far
 * @param arrays named state arrays, copies
 */
public record OptimizerState(long steps, Map<String, float[]> arrays) {
  public OptimizerState {
    Map<String, float[]> copy = new LinkedHashMap<>();
    arrays.forEach((k, v) -> copy.put(k, v.clone()));
    arrays = java.util.Collections.unmodifiableMap(copy);
  }
}
