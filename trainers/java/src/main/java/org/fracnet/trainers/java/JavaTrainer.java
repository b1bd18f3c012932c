package org.fracnet.trainers.java;

import org.fracnet.core.data.TrainingRows;
import org.fracnet.core.spi.DataObjective;
import org.fracnet.core.spi.EngineSetup;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.MiniBatchEngine;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Trainer;

/**
 * The {@code java} trainer: mini-batch steps on one thread ({@link JavaMiniBatchEngine}) and the
 * full-batch objective split over {@code threads} ({@link RowSplitObjective}), all in double
 * precision and plain Java. Immutable.
 */
final class JavaTrainer implements Trainer {
  private final int threads;
  private final double clipNorm;

  JavaTrainer(int threads, double clipNorm) {
    this.threads = threads;
    this.clipNorm = clipNorm;
  }

  @Override
  public MiniBatchEngine miniBatch(EngineSetup setup) {
    return new JavaMiniBatchEngine(setup, clipNorm);
  }

  @Override
  public DataObjective fullBatch(NetworkSpec network, TrainingRows data, LossFunction loss) {
    TrainerParameters.requireNoClippingForFullBatch(clipNorm);
    return new RowSplitObjective(network, TrainingRows.inMemory(data, "java"), loss, threads);
  }

  @Override
  public String toString() {
    return "java[threads=" + threads + ", clip-norm=" + clipNorm + "]";
  }
}
