package org.fracnet.spark;

import org.fracnet.core.spi.EngineSetup;
import org.fracnet.core.spi.MiniBatchEngine;

/**
 * What both of the spark trainer's mini-batch engines share: the weights, kept on the driver, and
 * the validation loss, summed over the validation rows' partitions at those weights.
 */
abstract class SparkEngine implements MiniBatchEngine {
  final SparkRows train;
  final SparkRows validation;
  final NetworkRecipe recipe;
  final int depth;
  final float[] weights;

  SparkEngine(EngineSetup setup, int depth) {
    this.train = SparkTrainer.rows(setup.train());
    this.validation = setup.validation() == null ? null : SparkTrainer.rows(setup.validation());
    this.recipe = new NetworkRecipe(setup.network(), setup.loss());
    this.depth = depth;
    this.weights = setup.initialWeights().clone();
  }

  @Override
  public double validationLoss() {
    return SparkTrainer.sum(validation.blocks(), recipe, wide(), false, depth).mean(null);
  }

  @Override
  public float[] weights() {
    return weights.clone();
  }

  @Override
  public void setWeights(float[] flat) {
    System.arraycopy(flat, 0, weights, 0, weights.length);
  }

  /** The weights in double, as the pure-Java network computes with them. */
  double[] wide() {
    double[] out = new double[weights.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = weights[i];
    }
    return out;
  }

  @Override
  public void close() {}
}
