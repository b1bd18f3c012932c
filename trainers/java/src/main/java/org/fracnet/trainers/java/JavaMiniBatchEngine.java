package org.fracnet.trainers.java;

import java.nio.FloatBuffer;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.spi.Dropout;
import org.fracnet.core.spi.EngineSetup;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.MiniBatchEngine;
import org.fracnet.core.spi.Optimizer;

/**
 * Mini-batch steps in plain Java on one thread: each batch's rows are gathered, the loss and its
 * gradient computed in double precision by {@link DoubleNetwork} from the float32 weights, the
 * gradient rounded to float32 (optionally clipped to a Euclidean norm) and handed to the
 * optimizer, which updates the float32 weights as on the native path.
 */
final class JavaMiniBatchEngine implements MiniBatchEngine {
  private Dataset train;
  private final Dataset validation;
  private final LossFunction loss;
  private final double clipNorm;
  private final DoubleNetwork network;
  private final float[] weights;
  private final double[] wide;
  private final double[] gradient;
  private final float[] gradientFloats;
  private final double[] x;
  private final double[] p;
  private final double[] w;
  private double lastWeight;
  private final double dropout;
  private final long seed;
  private final float[][] masks;
  /** The width of each hidden layer: the units a row's mask covers. */
  private final int[] maskWidths;

  JavaMiniBatchEngine(EngineSetup setup, double clipNorm) {
    this.train = setup.train() instanceof Dataset rows ? rows : null; // else rows come by useRows
    this.validation = setup.validation() instanceof Dataset rows ? rows : null;
    this.loss = setup.loss();
    this.clipNorm = clipNorm;
    this.network = new DoubleNetwork(setup.network());
    this.weights = setup.initialWeights().clone();
    int count = weights.length;
    this.wide = new double[count];
    this.gradient = new double[count];
    this.gradientFloats = new float[count];
    int batch = setup.batchSize();
    this.x = new double[batch * setup.train().featureCount()];
    this.p = new double[batch * setup.train().classCount()];
    this.w = new double[batch];
    this.dropout = setup.network().dropout();
    this.seed = setup.seed();
    int hidden = setup.network().layers().size() - 1;
    this.masks = dropout == 0 ? null : new float[hidden][];
    this.maskWidths = new int[hidden];
    for (int l = 0; l < hidden; l++) {
      maskWidths[l] = setup.network().layers().get(l).outputs();
      if (masks != null) {
        masks[l] = new float[batch * maskWidths[l]];
      }
    }
  }

  @Override
  public double gradient(int[] order, int from, int n) {
    int d = train.featureCount();
    int k = train.classCount();
    double total = 0;
    for (int r = 0; r < n; r++) {
      int i = order[from + r];
      System.arraycopy(train.features(), i * d, x, r * d, d);
      System.arraycopy(train.targets(), i * k, p, r * k, k);
      w[r] = train.weights()[i];
      total += w[r];
    }
    lastWeight = total;
    widen();
    if (masks != null) {
      for (int l = 0; l < masks.length; l++) {
        Dropout.masks(seed, l, order, from, n, dropout, maskWidths[l], masks[l]);
      }
    }
    return network.lossAndGradient(wide, x, p, w, n, loss, gradient, masks);
  }

  @Override
  public double batchWeight() {
    return lastWeight;
  }

  @Override
  public void step(Optimizer optimizer, double learningRate) {
    double scale = 1;
    if (clipNorm > 0) {
      double sq = 0;
      for (double g : gradient) {
        sq += g * g;
      }
      double norm = Math.sqrt(sq);
      scale = norm > clipNorm ? clipNorm / norm : 1;
    }
    for (int i = 0; i < gradient.length; i++) {
      gradientFloats[i] = (float) (gradient[i] * scale);
    }
    optimizer.step(FloatBuffer.wrap(weights), FloatBuffer.wrap(gradientFloats), learningRate);
  }

  @Override
  public void useRows(Dataset rows) {
    train = rows;
  }

  @Override
  public double validationLoss() {
    return loss(validation);
  }

  @Override
  public double loss(Dataset rows) {
    widen();
    return network.lossAndGradient(wide, rows.features(), rows.targets(), rows.weights(), rows.rows(), loss, null);
  }

  @Override
  public float[] weights() {
    return weights.clone();
  }

  @Override
  public void setWeights(float[] flat) {
    System.arraycopy(flat, 0, weights, 0, weights.length);
  }

  private void widen() {
    for (int i = 0; i < weights.length; i++) {
      wide[i] = weights[i];
    }
  }

  @Override
  public void close() {}
}
