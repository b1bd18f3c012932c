package org.fracnet.core.spi;

import java.util.Objects;
import org.fracnet.core.data.TrainingRows;

/**
 * What a {@link MiniBatchEngine} is opened with.
 *
 * @param network the network; its outputs equal {@code loss.outputs()}
 * @param loss the loss to minimise
 * @param train training rows, features standardised: a {@link org.fracnet.core.data.Dataset} the engine
 *     trains on, or rows read in chunks, which the loop hands over with {@link MiniBatchEngine#useRows}
 *     before the first {@link MiniBatchEngine#gradient}
 * @param validation validation rows standardised the same way, or {@code null}; when they are
 *     not a {@code Dataset} the loop computes their loss with {@link MiniBatchEngine#loss} chunk by chunk
 * @param batchSize the most rows of one {@link MiniBatchEngine#gradient} call
 * @param initialWeights the starting weights, flat (the engine copies them)
 * @param seed the run's seed, for the dropout masks ({@link Dropout}) when the network has dropout
 */
public record EngineSetup(NetworkSpec network, LossFunction loss, TrainingRows train, TrainingRows validation,
    int batchSize, float[] initialWeights, long seed) {
  /** A setup with seed 0, for networks without dropout. */
  public EngineSetup(NetworkSpec network, LossFunction loss, TrainingRows train, TrainingRows validation,
      int batchSize, float[] initialWeights) {
    this(network, loss, train, validation, batchSize, initialWeights, 0);
  }

  /** The canonical constructor; see the record's parameters. */
  public EngineSetup {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(loss, "loss");
    Objects.requireNonNull(train, "train");
    if (network.outputs() != loss.outputs() || network.inputs() != train.featureCount()
        || initialWeights.length != network.parameterCount() || batchSize < 1) {
      throw new IllegalArgumentException("inconsistent setup: network " + network.inputs() + " -> "
          + network.outputs() + " with " + network.parameterCount() + " weights, loss outputs "
          + loss.outputs() + ", " + train.featureCount() + " features, " + initialWeights.length
          + " initial weights, batch size " + batchSize);
    }
  }
}
