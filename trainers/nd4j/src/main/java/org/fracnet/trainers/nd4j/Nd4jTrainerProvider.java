package org.fracnet.trainers.nd4j;

import java.util.List;
import org.fracnet.core.spi.ParameterDescriptor;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.Trainer;
import org.fracnet.core.spi.TrainerProvider;

/**
 * The {@code nd4j} trainer: ND4J off-heap buffers, OpenBLAS matrix products and data-parallel
 * Java threads. Creating the provider or the trainer loads nothing native; the ND4J backend
 * starts on the first {@link Trainer#train} call.
 */
public final class Nd4jTrainerProvider implements TrainerProvider {
  /** The most worker threads accepted. */
  public static final int MAX_THREADS = 256;

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
    return List.of(
        new ParameterDescriptor("threads", "worker threads, each on a share of every mini-batch"
            + " with single-threaded BLAS, 1 to " + MAX_THREADS + " (default: available"
            + " processors, here " + defaultThreads() + ")", String.valueOf(defaultThreads())),
        new ParameterDescriptor("clip-norm", "rescale each batch gradient to at most this L2"
            + " norm, > 0; 0 turns clipping off", "0"));
  }

  @Override
  public Trainer create(Parameters parameters) {
    Parameters p = parameters.withOwner("trainer nd4j").requireKnown(parameters());
    int threads = p.getInt("threads", defaultThreads());
    if (!(threads >= 1 && threads <= MAX_THREADS)) {
      throw p.invalid("threads", p.getString("threads", ""), "an integer from 1 to " + MAX_THREADS);
    }
    double clipNorm = p.getDouble("clip-norm", 0);
    if (!(clipNorm >= 0)) {
      throw p.invalid("clip-norm", p.getString("clip-norm", ""), "a number >= 0 (0: no clipping)");
    }
    return new Nd4jTrainer(threads, clipNorm);
  }

  /** The number of available processors, at most {@link #MAX_THREADS}. */
  static int defaultThreads() {
    return Math.min(Runtime.getRuntime().availableProcessors(), MAX_THREADS);
  }

  @Override
  public String toString() {
    return "Nd4jTrainerProvider[nd4j]";
  }
}
