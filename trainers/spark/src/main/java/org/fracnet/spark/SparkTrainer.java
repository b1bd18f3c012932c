package org.fracnet.spark;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.fracnet.core.SettingsException;
import org.fracnet.core.data.TrainingRows;
import org.fracnet.core.spi.DataObjective;
import org.fracnet.core.spi.EngineSetup;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.MiniBatchEngine;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Optimizer;
import org.fracnet.core.spi.Trainer;
import org.fracnet.core.training.TrainingConfig;

/**
 * The {@code spark} trainer: computes on rows held on a Spark cluster ({@link SparkRows}) and
 * leaves everything else to core's one training loop, which runs on the driver.
 *
 * <ul>
 *   <li>Full batch ({@code lbfgs}): each evaluation of the objective broadcasts the parameters and
 *   sums, with {@code treeAggregate} over the cached partitions, the weight, the weighted loss and
 *   the weighted gradient that each partition computes with the pure-Java {@code DoubleNetwork};
 *   the driver's lbfgs takes the weighted means (the approach of Spark MLlib's own models).</li>
 *   <li>Mini-batch ({@code adam}, {@code sgd}, ...): synchronous data-parallel steps. The loop's
 *   batch (global row indices) goes to every partition with the broadcast weights; each computes
 *   the part of the batch it holds; {@code treeAggregate} sums; the driver takes the optimizer
 *   step. The same arithmetic as the local {@code java} engine, one Spark job per batch.</li>
 * </ul>
 *
 * <p>Sums from partitions are combined in the order Spark's tasks finish, so two runs can differ
 * in the last bits of a sum (the local trainer is bit-reproducible). Immutable.
 */
final class SparkTrainer implements Trainer {
  /** The trainer's id in run records. */
  static final String ID = "spark";

  private final int depth;
  private final TrainingConfig averaging;

  /**
   * A trainer whose sums go through {@code treeAggregate} of depth {@code depth}; mini-batch
   * training by synchronous steps, or, when {@code averaging} is given (the run's settings), by
   * {@link ParameterAveraging}.
   */
  SparkTrainer(int depth, TrainingConfig averaging) {
    this.depth = depth;
    this.averaging = averaging;
  }

  @Override
  public MiniBatchEngine miniBatch(EngineSetup setup) {
    refuseDropout(setup.network());
    if (averaging != null) {
      return new ParameterAveraging(setup, averaging.optimizer().id(), averaging.optimizer().parameters().asMap(),
          averaging.learningRate(), depth);
    }
    return new Engine(setup, depth);
  }

  @Override
  public DataObjective fullBatch(NetworkSpec network, TrainingRows data, LossFunction loss) {
    refuseDropout(network);
    return new Objective(rows(data), new NetworkRecipe(network, loss), network.parameterCount(), depth);
  }

  /** The spark trainer's steps do not drop outputs: a network with dropout is refused, not trained without it. */
  private static void refuseDropout(NetworkSpec network) {
    if (network.dropout() > 0) {
      throw new SettingsException("the spark trainer does not apply dropout; train without the mlp parameter dropout,"
          + " or with the java or nd4j trainer");
    }
  }

  static SparkRows rows(TrainingRows data) {
    if (data instanceof SparkRows rows) {
      return rows;
    }
    throw new IllegalArgumentException("the spark trainer trains on rows of a Spark job, not " + data);
  }

  /** Sums the loss (and gradient) of all rows of {@code blocks} at {@code params}. */
  static Sums sum(JavaRDD<RowBlock> blocks, NetworkRecipe recipe, double[] params, boolean withGradient, int depth) {
    Broadcast<double[]> at = JavaSparkContext.fromSparkContext(blocks.context()).broadcast(params);
    try {
      int count = params.length;
      return blocks.treeAggregate(new Sums(count, withGradient),
          (acc, b) -> acc.add(recipe, at.value(), b.x, b.p, b.w, b.rows), Sums::merge, depth);
    } finally {
      at.destroy();
    }
  }

  /** The full-batch objective over cached partitions. */
  private static final class Objective implements DataObjective {
    private final SparkRows rows;
    private final NetworkRecipe recipe;
    private final int parameters;
    private final int depth;
    private int evaluations;

    Objective(SparkRows rows, NetworkRecipe recipe, int parameters, int depth) {
      this.rows = rows;
      this.recipe = recipe;
      this.parameters = parameters;
      this.depth = depth;
    }

    @Override
    public double valueAndGradient(double[] x, double[] grad) {
      evaluations++;
      return sum(rows.blocks(), recipe, x.clone(), true, depth).mean(grad);
    }

    @Override
    public double value(double[] x) {
      return sum(rows.blocks(), recipe, x.clone(), false, depth).mean(null);
    }

    @Override
    public int evaluations() {
      return evaluations;
    }

    @Override
    public void close() {}
  }

  /** Synchronous data-parallel mini-batch steps: one Spark job per batch, the step on the driver. */
  private static final class Engine extends SparkEngine {
    private final double[] gradient;
    private final float[] gradientFloats;
    private double lastWeight;

    Engine(EngineSetup setup, int depth) {
      super(setup, depth);
      this.gradient = new double[weights.length];
      this.gradientFloats = new float[weights.length];
    }

    @Override
    public double gradient(int[] order, int from, int n) {
      int[] batch = Arrays.copyOfRange(order, from, from + n);
      double[] params = wide();
      Broadcast<double[]> at = JavaSparkContext.fromSparkContext(train.blocks().context()).broadcast(params);
      NetworkRecipe r = recipe;
      Sums sums;
      try {
        sums = train.blocks().treeAggregate(new Sums(params.length, true), (acc, b) -> {
          RowBlock part = b.gather(batch);
          return part == null ? acc : acc.add(r, at.value(), part.x, part.p, part.w, part.rows);
        }, Sums::merge, depth);
      } finally {
        at.destroy();
      }
      lastWeight = sums.weight;
      return sums.mean(gradient);
    }

    @Override
    public double batchWeight() {
      return lastWeight;
    }

    @Override
    public void step(Optimizer optimizer, double learningRate) {
      for (int i = 0; i < gradient.length; i++) {
        gradientFloats[i] = (float) gradient[i];
      }
      optimizer.step(FloatBuffer.wrap(weights), FloatBuffer.wrap(gradientFloats), learningRate);
    }
  }
}
