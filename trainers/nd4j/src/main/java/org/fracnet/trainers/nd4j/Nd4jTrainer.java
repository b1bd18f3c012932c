package org.fracnet.trainers.nd4j;

import org.fracnet.core.data.Dataset;
import org.fracnet.core.data.TrainingRows;
import org.fracnet.core.spi.DataObjective;
import org.fracnet.core.spi.EngineSetup;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.MiniBatchEngine;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Optimizer;
import org.fracnet.core.spi.Trainer;
import org.fracnet.trainers.java.JavaTrainerProvider;
import org.fracnet.trainers.java.TrainerParameters;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The native trainer's engine-specific part (see {@link Engine} for one step, and the module's
 * README for the design); core's training loop does the rest.
 *
 * <p>A mini-batch engine: sets OpenBLAS to one thread for the run (parallelism comes from the
 * Java workers; the previous setting is restored on close), converts the features to float32
 * off-heap once, and per batch runs the forward and backward passes and the optimizer step,
 * optionally clipping the gradient norm. A full-batch optimizer ({@code lbfgs}) gets the
 * {@code java} trainer's double-precision objective: plain Java, so nothing native starts.
 *
 * <p>The same setup and thread count give bit-identical weights. Instances are immutable;
 * concurrent runs are possible but share OpenBLAS's process-wide thread setting.
 */
final class Nd4jTrainer implements Trainer {
  private final int threads;
  private final double clipNorm;

  /**
   * @param threads threads (at least 1)
   * @param clipNorm the largest gradient L2 norm before rescaling, or 0 for no clipping
   */
  Nd4jTrainer(int threads, double clipNorm) {
    this.threads = threads;
    this.clipNorm = clipNorm;
  }

  @Override
  public MiniBatchEngine miniBatch(EngineSetup setup) {
    return new NativeRun(setup);
  }

  @Override
  public DataObjective fullBatch(NetworkSpec network, TrainingRows data, LossFunction loss) {
    TrainerParameters.requireNoClippingForFullBatch(clipNorm);
    return JavaTrainerProvider.fullBatchObjective(network, TrainingRows.inMemory(data, "nd4j"), loss, threads);
  }

  @Override
  public String toString() {
    return "nd4j[threads=" + threads + ", clip-norm=" + clipNorm + "]";
  }

  /** One run's native state: the engine, the data on the device, and OpenBLAS's thread setting. */
  private final class NativeRun implements MiniBatchEngine {
    private final Blas blas;
    private final int previousBlasThreads;
    private final Engine engine;
    private DeviceData train;
    private final DeviceData validation;
    private DeviceData chunk; // validation rows read in chunks, in reused memory

    NativeRun(EngineSetup setup) {
      blas = Nd4j.factory().blas();
      previousBlasThreads = blas.getMaxThreads();
      blas.setMaxThreads(1);
      engine = new Engine(setup.network(), setup.loss(), setup.batchSize(), threads, setup.seed());
      engine.parameters.floats.put(0, setup.initialWeights());
      train = setup.train() instanceof Dataset rows ? new DeviceData(rows) : null; // else rows come by useRows
      validation = setup.validation() instanceof Dataset rows ? new DeviceData(rows) : null;
    }

    @Override
    public double gradient(int[] order, int from, int n) {
      return engine.partialGradients(train, order, from, n);
    }

    @Override
    public double batchWeight() {
      return engine.lastWeight();
    }

    @Override
    public void step(Optimizer optimizer, double learningRate) {
      engine.update(optimizer, learningRate, clipNorm);
    }

    @Override
    public void useRows(Dataset rows) {
      if (train == null) {
        train = new DeviceData(rows);
      } else {
        train.load(rows);
      }
    }

    @Override
    public double validationLoss() {
      return engine.loss(validation);
    }

    @Override
    public double loss(Dataset rows) {
      if (chunk == null) {
        chunk = new DeviceData(rows);
      } else {
        chunk.load(rows);
      }
      return engine.loss(chunk);
    }

    @Override
    public float[] weights() {
      return engine.parameters.toArray();
    }

    @Override
    public void setWeights(float[] flat) {
      engine.parameters.floats.put(0, flat);
    }

    @Override
    public void close() {
      try {
        engine.close();
      } finally {
        blas.setMaxThreads(previousBlasThreads);
      }
    }
  }
}
