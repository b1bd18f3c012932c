package org.fracnet.core.spi;

import org.fracnet.core.SettingsException;
import org.fracnet.core.data.TrainingRows;

/**
 * The engine-specific part of training: how a mini-batch's gradient is computed and a step
 * taken, or how the full-batch loss is computed. Everything else (epochs, shuffling, weight
 * initialisation, validation and early stopping, checkpoints and resume, the divergence guard,
 * listeners, the run record) is core's one training loop, the same for every trainer.
 *
 * <p>Contract: features arrive standardised; the trainer never draws random numbers (the loop
 * passes initial weights and the row order), so a run's result depends only on the request, the
 * seed and the trainer's own parameters (e.g. its thread count). A trainer is immutable; each
 * engine or objective it opens serves one run on the caller's thread and must be closed.
 */
public interface Trainer {
  /**
   * Opens a mini-batch engine for one run, with the setup's initial weights loaded.
   *
   * @throws SettingsException when this trainer cannot train the setup (e.g. a parameter that
   *     has no meaning for it)
   */
  MiniBatchEngine miniBatch(EngineSetup setup);

  /**
   * The full-batch objective for a full-batch optimizer ({@code lbfgs}): the loss's weighted mean
   * over all rows of {@code data} as a function of the flat parameters, in double precision. The
   * default throws: a trainer without a full-batch path says so.
   *
   * @param network the network
   * @param data standardised rows: a {@link org.fracnet.core.data.Dataset}, or rows of a kind this
   *     trainer knows (a trainer that needs them in memory refuses others with
   *     {@link TrainingRows#inMemory})
   * @param loss the loss
   * @throws SettingsException when this trainer has no full-batch path
   */
  default DataObjective fullBatch(NetworkSpec network, TrainingRows data, LossFunction loss) {
    throw new SettingsException("trainer " + this + " has no full-batch path; use the trainer java"
        + " or nd4j for a full-batch optimizer such as lbfgs");
  }
}
