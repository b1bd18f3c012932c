package org.fracnet.core.spi;

import org.fracnet.core.SettingsException;
import org.fracnet.core.data.Dataset;

/**
 * One training run's mini-batch machinery, opened by {@link Trainer#miniBatch}: it holds the
 * current weights and computes, for rows of the training set named by the loop, the weighted mean
 * loss and its gradient, and applies an optimizer step.
 *
 * <p>Per batch the loop calls {@link #gradient} and then, if the loss is finite,
 * {@link #step}. Weights are flat float32 in the layout of {@link NetworkSpec#split}. Not
 * thread-safe: one run on one thread; {@link #close} frees native memory and threads.
 */
public interface MiniBatchEngine extends AutoCloseable {
  /**
   * Computes the loss of training rows {@code order[from .. from + n)} (the loss's weighted mean)
   * and keeps what {@link #step} needs; the weights are not changed yet.
   *
   * @return the batch's weighted mean loss (non-finite when it diverged)
   */
  double gradient(int[] order, int from, int n);

  /** The sum of the row weights of the last {@link #gradient} batch. */
  double batchWeight();

  /**
   * Completes the last batch's gradient and applies one step of {@code optimizer} with
   * {@code learningRate} to the weights.
   */
  void step(Optimizer optimizer, double learningRate);

  /**
   * Makes {@code rows} the training rows that {@link #gradient}'s {@code order} indexes, keeping
   * the weights: the loop calls it with each group of chunks of rows read in chunks (a
   * {@link org.fracnet.core.data.ChunkedRows}). The engine may reuse its buffers, and it need not
   * keep the rows of an earlier call. The default refuses: an engine that cannot take rows in
   * chunks says so.
   *
   * @param rows standardised rows, at most those of one group of chunks
   * @throws SettingsException when the engine trains only on the rows it was opened with
   */
  default void useRows(Dataset rows) {
    throw new SettingsException("this trainer cannot train on rows read in chunks (" + getClass().getSimpleName()
        + "); use the trainer java or nd4j, or train in memory");
  }

  /**
   * The loss (weighted mean) of the setup's validation rows at the current weights; only called
   * when they are a {@link Dataset}.
   */
  double validationLoss();

  /**
   * The loss (weighted mean) of {@code rows} at the current weights, for validation rows read in
   * chunks. The default refuses, as {@link #useRows}.
   */
  default double loss(Dataset rows) {
    throw new SettingsException("this trainer cannot compute the loss of rows read in chunks ("
        + getClass().getSimpleName() + "); use the trainer java or nd4j, or train in memory");
  }

  /** A copy of the current weights, flat. */
  float[] weights();

  /** Replaces the current weights (flat; a resumed run's). */
  void setWeights(float[] flat);

  @Override
  void close();
}
