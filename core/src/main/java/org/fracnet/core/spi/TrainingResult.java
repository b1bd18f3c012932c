package org.fracnet.core.spi;

import java.util.List;

/**
 * The fitted weights and a summary.
 *
 * @param weights per layer of the network, W (outputs x inputs, row-major) then b, i.e. a list
 *     of 2 x layers arrays
 * @param summary what the run did
 */
public record TrainingResult(List<float[]> weights, TrainingSummary summary) {
  public TrainingResult {
    weights = List.copyOf(weights);
  }
}
