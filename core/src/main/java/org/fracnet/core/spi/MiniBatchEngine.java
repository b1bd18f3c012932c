package org.fracnet.core.spi;

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

  /** The loss (weighted mean) of the setup's validation rows at the current weights. */
  double validationLoss();

  /** A copy of the current weights, flat. */
  float[] weights();

  /** Replaces the current weights (flat; a resumed run's). */
  void setWeights(float[] flat);

  @Override
  void close();
}
