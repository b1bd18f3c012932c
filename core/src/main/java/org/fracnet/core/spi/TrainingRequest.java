package org.fracnet.core.spi;

import java.util.Objects;
import org.fracnet.core.data.Dataset;

/**
 * Everything a {@link Trainer} needs.
 *
 * @param train training rows, features standardised
 * @param validation validation rows (standardised the same way), or {@code null}
 * @param network the network to fit; its outputs equal {@code loss.outputs()}
 * @param loss the loss to minimise
 * @param optimizer the optimizer's provider
 * @param optimizerParameters parameters for {@code optimizer.create}
 * @param options epochs, batch size, learning rate, seed, patience
 * @param listener receives progress; never null
 * @param resumeFrom a checkpoint of an earlier run of the same request to continue from, or
 *     {@code null} to start afresh
 */
public record TrainingRequest(Dataset train, Dataset validation, NetworkSpec network,
    LossFunction loss, OptimizerProvider optimizer, Parameters optimizerParameters,
    TrainingOptions options, TrainingListener listener, TrainingCheckpoint resumeFrom) {
  /** A request that starts afresh. */
  public TrainingRequest(Dataset train, Dataset validation, NetworkSpec network, LossFunction loss,
      OptimizerProvider optimizer, Parameters optimizerParameters, TrainingOptions options,
      TrainingListener listener) {
    this(train, validation, network, loss, optimizer, optimizerParameters, options, listener, null);
  }

  public TrainingRequest {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(loss, "loss");
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(optimizerParameters, "optimizerParameters");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(listener, "listener");
    if (network.outputs() != loss.outputs()) {
      throw new IllegalArgumentException("the network gives " + network.outputs()
          + " outputs but loss " + loss.id() + " needs " + loss.outputs());
    }
    if (network.inputs() != train.featureCount()) {
      throw new IllegalArgumentException("the network takes " + network.inputs()
          + " inputs but the data have " + train.featureCount() + " features");
    }
  }
}
