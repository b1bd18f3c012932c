package org.fracnet.spark;

import java.io.Serializable;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.fracnet.core.spi.EngineSetup;
import org.fracnet.core.spi.Optimizer;
import org.fracnet.core.spi.Parameters;
import org.fracnet.trainers.java.DoubleNetwork;

/**
 * Mini-batch training by periodic parameter averaging ({@code sync=average}), the alternative to
 * synchronous steps that docs/spark.md measures: at the first batch of an epoch one Spark job
 * starts every partition from the broadcast weights; each runs the epoch's batches over its own
 * rows (the loop's row order restricted to them, cut into batches of the batch size) with a fresh
 * optimizer of its own, and returns its weights; the driver averages them, weighted by each
 * partition's row weight. The loop's further batches of the epoch only report the epoch's mean
 * loss; its validation, early stopping and listeners work as always. One job per epoch instead of
 * one per batch, but P partitions take n / (P x batch) steps each, and each epoch restarts the
 * optimizer's moments, so it is not the local trainer's arithmetic. A constant learning rate only.
 */
final class ParameterAveraging extends SparkEngine {
  private final String optimizer;
  private final LinkedHashMap<String, String> optimizerParameters;
  private final double learningRate;
  private final int batchSize;
  private double epochLoss;

  ParameterAveraging(EngineSetup setup, String optimizer, Map<String, String> optimizerParameters,
      double learningRate, int depth) {
    super(setup, depth);
    this.optimizer = optimizer;
    this.optimizerParameters = new LinkedHashMap<>(optimizerParameters);
    this.learningRate = learningRate;
    this.batchSize = setup.batchSize();
  }

  /** One partition's weights after its local epoch, its row weight and its weighted loss sum. */
  record Local(float[] weights, double weight, double loss) implements Serializable {}

  @Override
  public double gradient(int[] order, int from, int n) {
    if (from == 0) {
      epoch(order);
    }
    return epochLoss;
  }

  private void epoch(int[] order) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(train.blocks().context());
    Broadcast<int[]> rows = sc.broadcast(order.clone());
    Broadcast<float[]> start = sc.broadcast(weights.clone());
    NetworkRecipe r = recipe;
    String id = optimizer;
    LinkedHashMap<String, String> parameters = optimizerParameters;
    double lr = learningRate;
    int batch = batchSize;
    List<Local> locals;
    try {
      locals = train.blocks().map(b -> local(b, rows.value(), start.value(), r, id, parameters, lr, batch)).collect();
    } finally {
      rows.destroy();
      start.destroy();
    }
    double total = 0;
    double loss = 0;
    double[] sum = new double[weights.length];
    for (Local l : locals) { // in partition order: the same average on every run
      if (l.weight() == 0) {
        continue;
      }
      total += l.weight();
      loss += l.loss();
      for (int i = 0; i < sum.length; i++) {
        sum[i] += l.weight() * l.weights()[i];
      }
    }
    for (int i = 0; i < sum.length; i++) {
      weights[i] = (float) (sum[i] / total);
    }
    epochLoss = loss / total;
  }

  /** Runs an epoch of local steps on one partition. */
  private static Local local(RowBlock block, int[] order, float[] start, NetworkRecipe recipe, String optimizer,
      Map<String, String> parameters, double lr, int batch) {
    RowBlock mine = block.gather(order);
    if (mine == null) {
      return new Local(start, 0, 0);
    }
    float[] w = start.clone();
    Optimizer step = NetworkRecipe.Plugins.fracnet().plugins().optimizers().require(optimizer)
        .create(Parameters.of("optimizer " + optimizer, parameters), w.length);
    DoubleNetwork network = new DoubleNetwork(recipe.network());
    double[] wide = new double[w.length];
    double[] g = new double[w.length];
    float[] gf = new float[w.length];
    double weight = 0;
    double loss = 0;
    int d = mine.features;
    int k = mine.classes;
    for (int from = 0; from < mine.rows; from += batch) {
      int n = Math.min(batch, mine.rows - from);
      double[] x = java.util.Arrays.copyOfRange(mine.x, from * d, (from + n) * d);
      double[] p = java.util.Arrays.copyOfRange(mine.p, from * k, (from + n) * k);
      double[] bw = java.util.Arrays.copyOfRange(mine.w, from, from + n);
      for (int i = 0; i < w.length; i++) {
        wide[i] = w[i];
      }
      double value = network.lossAndGradient(wide, x, p, bw, n, recipe.loss(), g);
      double total = 0;
      for (double v : bw) {
        total += v;
      }
      weight += total;
      loss += total * value;
      for (int i = 0; i < g.length; i++) {
        gf[i] = (float) g[i];
      }
      step.step(FloatBuffer.wrap(w), FloatBuffer.wrap(gf), lr);
    }
    return new Local(w, weight, loss);
  }

  @Override
  public double batchWeight() {
    return 1;
  }

  @Override
  public void step(Optimizer ignored, double rate) {
    // the epoch's steps were taken on the partitions
  }
}
