package org.fracnet.trainers.nd4j;

import java.util.List;
import org.fracnet.core.spi.ParameterDescriptor;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.Trainer;
import org.fracnet.core.spi.TrainerProvider;
import org.fracnet.trainers.java.TrainerParameters;

/**
 * The {@code nd4j} trainer: ND4J off-heap buffers, OpenBLAS matrix products and data-parallel
 * Java threads. Creating the provider or the trainer loads nothing native; the ND4J backend
 * starts when the first mini-batch engine opens.
 */
public final class Nd4jTrainerProvider implements TrainerProvider {
  /** Does nothing; {@link java.util.ServiceLoader} needs it. */
  public Nd4jTrainerProvider() {}

  @Override
  public String id() {
    return "nd4j";
  }

  @Override
  public String description() {
    return "native-accelerated mini-batch trainer (ND4J CPU backend, OpenBLAS, data-parallel threads)";
  }

  @Override
  public List<ParameterDescriptor> parameters() {
    return List.of(TrainerParameters.threadsDescriptor("worker threads, each on a share of every mini-batch"
        + " with single-threaded BLAS"), TrainerParameters.clipNormDescriptor());
  }

  @Override
  public Trainer create(Parameters parameters) {
    Parameters p = parameters.withOwner("trainer nd4j").requireKnown(parameters());
    return new Nd4jTrainer(TrainerParameters.threads(p), TrainerParameters.clipNorm(p));
  }

  /** The number of available processors, at most {@link TrainerParameters#MAX_THREADS}. */
  static int defaultThreads() {
    return TrainerParameters.defaultThreads();
  }

  @Override
  public String toString() {
    return "Nd4jTrainerProvider[nd4j]";
  }
}
