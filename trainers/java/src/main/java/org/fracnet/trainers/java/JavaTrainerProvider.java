package org.fracnet.trainers.java;

import java.util.List;
import org.fracnet.core.spi.DataObjective;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.ParameterDescriptor;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.Trainer;
import org.fracnet.core.spi.TrainerProvider;

/**
 * The {@code java} trainer: pure Java, double precision, no native code. Mini-batch training runs
 * on one thread; the full-batch objective ({@code lbfgs}) splits its rows over {@code threads}.
 * It is the reference the native trainer is tested against, and the trainer of applications that
 * cannot ship native libraries.
 */
public final class JavaTrainerProvider implements TrainerProvider {
  /** The trainer's id. */
  public static final String ID = "java";

  /** Does nothing; {@link java.util.ServiceLoader} needs it. */
  public JavaTrainerProvider() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "pure-Java trainer in double precision (no native code); the reference for the native trainer";
  }

  @Override
  public List<ParameterDescriptor> parameters() {
    return List.of(TrainerParameters.threadsDescriptor("threads sharing the rows of a full-batch objective"
        + " (from " + RowSplitObjective.MIN_ROWS_PER_PART + " rows a thread); mini-batch steps run on one thread"),
        TrainerParameters.clipNormDescriptor());
  }

  @Override
  public Trainer create(Parameters parameters) {
    Parameters p = parameters.withOwner("trainer " + ID).requireKnown(parameters());
    return new JavaTrainer(TrainerParameters.threads(p), TrainerParameters.clipNorm(p));
  }

  /**
   * The full-batch objective with {@code threads} threads, for trainers that share this one's
   * double-precision full-batch path (the native trainer does).
   */
  public static DataObjective fullBatchObjective(NetworkSpec network, org.fracnet.core.data.Dataset data,
      LossFunction loss, int threads) {
    return new RowSplitObjective(network, data, loss, threads);
  }

  @Override
  public String toString() {
    return "JavaTrainerProvider[" + ID + "]";
  }
}
