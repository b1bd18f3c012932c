package org.fracnet.core.training;

import java.util.List;
import org.fracnet.core.spi.OptimizerState;

/**
 * Everything a trainer needs to continue a run after epoch {@link #epoch()} exactly as if it had
 * not stopped (same weights, optimizer state, early-stopping state and shuffling), given the
 * same request.
 *
 * @param epoch epochs completed; 0 for the starting point, which a run stopped in its first
 *     epoch keeps so that it too can be resumed
 * @param weights the current weights, per layer W then b
 * @param bestWeights the weights of the best validation epoch so far, or {@code null}
 * @param bestEpoch the best validation epoch so far (0 if none)
 * @param bestLoss its validation loss (infinite if none)
 * @param sinceBest epochs since the best one
 * @param trainingLoss the last epoch's training loss
 * @param samples training rows processed so far
 * @param trainNanos time spent in the training loop so far
 * @param optimizer the optimizer's state
 */
public record TrainingCheckpoint(int epoch, List<float[]> weights, List<float[]> bestWeights,
    int bestEpoch, double bestLoss, int sinceBest, double trainingLoss, long samples, long trainNanos,
    OptimizerState optimizer) {
  public TrainingCheckpoint {
    weights = List.copyOf(weights);
    bestWeights = bestWeights == null ? null : List.copyOf(bestWeights);
    if (epoch < 0) {
      throw new IllegalArgumentException("a checkpoint follows zero or more epochs, got " + epoch);
    }
  }
}
