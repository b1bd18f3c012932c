package org.fracnet.core.training;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.fracnet.core.SettingsException;
import org.fracnet.core.spi.Parameters;

/**
 * How to train: every setting with its default, defined here once (the command line maps its
 * flags onto this builder and holds no defaults of its own). Immutable; build one with
 * {@link #builder()}.
 *
 * <p>What core knows is typed (architecture, optimizer, epochs, batch size, learning rate and its
 * schedule, validation, seed, patience). What only a plugin knows stays an id with textual
 * parameters: the loss ({@link Builder#loss(String, Map)}) and the trainer.
 *
 * <p>Two defaults depend on the optimizer's kind: a full-batch optimizer ({@code lbfgs}) runs up
 * to {@value #DEFAULT_FULL_BATCH_EPOCHS} iterations on all rows (no validation split: the
 * maximum-likelihood fit); a mini-batch one {@value #DEFAULT_EPOCHS} epochs with
 * {@value #DEFAULT_VALIDATION_FRACTION} of the rows held out. {@link #epochs()} and
 * {@link #validationFraction()} are {@code null} until set; {@link #epochs(boolean)} and
 * {@link #validationFraction(boolean)} resolve them.
 */
public final class TrainingConfig {
  /** The loss when none is set. */
  public static final String DEFAULT_LOSS = "cross-entropy";
  /** Maximum epochs of a mini-batch optimizer when not set. */
  public static final int DEFAULT_EPOCHS = 100;
  /** Maximum iterations of a full-batch optimizer when not set. */
  public static final int DEFAULT_FULL_BATCH_EPOCHS = 1000;
  /** Rows per mini-batch when not set. */
  public static final int DEFAULT_BATCH_SIZE = 64;
  /** The base learning rate when not set. */
  public static final double DEFAULT_LEARNING_RATE = 0.001;
  /** The seed of the split, initialisation and shuffling when not set. */
  public static final long DEFAULT_SEED = 42;
  /** Networks trained and averaged when not set: one, a plain model. */
  public static final int DEFAULT_ENSEMBLE = 1;
  /** The most networks an ensemble may have (a model file holds at most as many). */
  public static final int MAX_ENSEMBLE = 1000;
  /** Epochs without validation improvement before stopping, when not set. */
  public static final int DEFAULT_PATIENCE = 10;
  /** Share of rows held out for validation with a mini-batch optimizer, when not set. */
  public static final double DEFAULT_VALIDATION_FRACTION = 0.2;
  /**
   * The trainer when none is set: {@code nd4j} (native) when it is installed, else {@code java}
   * (pure Java, double precision).
   */
  public static final String[] DEFAULT_TRAINERS = {"nd4j", "java"};

  /**
   * Where a run that writes {@code modelFile} keeps its checkpoint unless told otherwise:
   * {@code modelFile} with {@code .checkpoint} appended.
   */
  public static Path defaultCheckpoint(Path modelFile) {
    return Path.of(modelFile.toString() + ".checkpoint");
  }

  /**
   * Where member {@code member} (from 0) of an ensemble keeps its checkpoint, given the run's
   * {@code checkpoint}: the first member in {@code checkpoint} itself, member m in
   * {@code checkpoint} with {@code .member-N} appended, N = m + 1 (the second member's is
   * {@code .member-2}, as messages count them). A finished member's file is kept until the model
   * is saved, so a resumed ensemble skips the members done.
   */
  public static Path memberCheckpoint(Path checkpoint, int member) {
    return member == 0 ? checkpoint : Path.of(checkpoint.toString() + ".member-" + (member + 1));
  }

  private final String loss;
  private final Parameters lossParameters;
  private final Architecture architecture;
  private final OptimizerSettings optimizer;
  private final String trainer;
  private final Parameters trainerParameters;
  private final Integer epochs;
  private final int batchSize;
  private final double learningRate;
  private final LearningRateSchedule schedule;
  private final long seed;
  private final int ensemble;
  private final int patience;
  private final Double validationFraction;
  private final Path checkpoint;
  private final boolean resume;

  private TrainingConfig(Builder b) {
    loss = b.loss;
    lossParameters = Parameters.of("loss " + b.loss, b.lossParameters);
    architecture = b.architecture;
    optimizer = b.optimizer;
    trainer = b.trainer;
    trainerParameters = Parameters.of("trainer " + (b.trainer == null ? "" : b.trainer), b.trainerParameters);
    epochs = b.epochs;
    batchSize = b.batchSize;
    learningRate = b.learningRate;
    schedule = b.schedule;
    seed = b.seed;
    ensemble = b.ensemble;
    patience = b.patience;
    validationFraction = b.validationFraction;
    checkpoint = b.checkpoint;
    resume = b.resume;
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Every default: cross-entropy, {@code mlp} 64-64 ReLU, Adam at 0.001, batches of 64. */
  public static TrainingConfig defaults() {
    return builder().build();
  }

  /** A builder holding this configuration's settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.loss = loss;
    b.lossParameters.putAll(lossParameters.asMap());
    b.architecture = architecture;
    b.optimizer = optimizer;
    b.trainer = trainer;
    b.trainerParameters.putAll(trainerParameters.asMap());
    b.epochs = epochs;
    b.batchSize = batchSize;
    b.learningRate = learningRate;
    b.schedule = schedule;
    b.seed = seed;
    b.ensemble = ensemble;
    b.patience = patience;
    b.validationFraction = validationFraction;
    b.checkpoint = checkpoint;
    b.resume = resume;
    return b;
  }

  /** The loss provider's id. */
  public String loss() {
    return loss;
  }

  /** The loss's parameters (its provider validates them). */
  public Parameters lossParameters() {
    return lossParameters;
  }

  /** The network. */
  public Architecture architecture() {
    return architecture;
  }

  /** The optimizer. */
  public OptimizerSettings optimizer() {
    return optimizer;
  }

  /** The trainer's id, or {@code null} for the default ({@link #DEFAULT_TRAINERS}). */
  public String trainer() {
    return trainer;
  }

  /** The trainer's parameters (e.g. {@code threads}, {@code clip-norm}). */
  public Parameters trainerParameters() {
    return trainerParameters;
  }

  /** The maximum epochs as set, or {@code null} for the default. */
  public Integer epochs() {
    return epochs;
  }

  /** The maximum epochs (iterations for a full-batch optimizer), defaults resolved. */
  public int epochs(boolean fullBatch) {
    return epochs != null ? epochs : fullBatch ? DEFAULT_FULL_BATCH_EPOCHS : DEFAULT_EPOCHS;
  }

  /** Rows per mini-batch. */
  public int batchSize() {
    return batchSize;
  }

  /** The base learning rate. */
  public double learningRate() {
    return learningRate;
  }

  /** How the learning rate changes over the run. */
  public LearningRateSchedule schedule() {
    return schedule;
  }

  /**
   * The seed of the validation split, the initial weights and the shuffling; member m of an
   * ensemble uses {@code seed() + m}.
   */
  public long seed() {
    return seed;
  }

  /** The networks trained, each with its own seed, whose predicted fractions are averaged. */
  public int ensemble() {
    return ensemble;
  }

  /** Epochs without validation improvement before stopping. */
  public int patience() {
    return patience;
  }

  /** The share of rows held out for validation as set, or {@code null} for the default. */
  public Double validationFraction() {
    return validationFraction;
  }

  /** The share of rows held out for validation, defaults resolved. */
  public double validationFraction(boolean fullBatch) {
    return validationFraction != null ? validationFraction : fullBatch ? 0 : DEFAULT_VALIDATION_FRACTION;
  }

  /** Where a checkpoint is kept after every epoch, or {@code null} for none. */
  public Path checkpoint() {
    return checkpoint;
  }

  /** Whether the run continues from {@link #checkpoint()}. */
  public boolean resume() {
    return resume;
  }

  @Override
  public String toString() {
    return "TrainingConfig[loss=" + loss + lossParameters.asMap() + ", architecture=" + architecture
        + ", optimizer=" + optimizer + ", trainer=" + (trainer == null ? "default" : trainer)
        + trainerParameters.asMap() + ", epochs=" + (epochs == null ? "default" : epochs)
        + ", batchSize=" + batchSize + ", learningRate=" + learningRate + ", schedule=" + schedule.id()
        + ", seed=" + seed + (ensemble == 1 ? "" : ", ensemble=" + ensemble) + ", patience=" + patience + ", validationFraction="
        + (validationFraction == null ? "default" : validationFraction)
        + (checkpoint == null ? "" : ", checkpoint=" + checkpoint) + (resume ? ", resume" : "") + "]";
  }

  /**
   * Builds a {@link TrainingConfig}. Each setter checks its value at once and throws a
   * {@link SettingsException} naming the setting; {@link #build()} checks the combinations.
   */
  public static final class Builder {
    private String loss = DEFAULT_LOSS;
    private final Map<String, String> lossParameters = new LinkedHashMap<>();
    private Architecture architecture = Architecture.mlp();
    private OptimizerSettings optimizer = OptimizerSettings.adam();
    private String trainer;
    private final Map<String, String> trainerParameters = new LinkedHashMap<>();
    private Integer epochs;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private double learningRate = DEFAULT_LEARNING_RATE;
    private LearningRateSchedule schedule = LearningRateSchedule.CONSTANT;
    private long seed = DEFAULT_SEED;
    private int ensemble = DEFAULT_ENSEMBLE;
    private int patience = DEFAULT_PATIENCE;
    private Double validationFraction;
    private Path checkpoint;
    private boolean resume;

    private Builder() {}

    /** The loss by provider id (see {@code fracnet losses}), without parameters. */
    public Builder loss(String id) {
      return loss(id, Map.of());
    }

    /** The loss by provider id with its parameters, e.g. {@code class-weights=inverse-mean}. */
    public Builder loss(String id, Map<String, String> parameters) {
      loss = requireId("loss", id);
      lossParameters.clear();
      lossParameters.putAll(parameters);
      return this;
    }

    /** The network, e.g. {@code Architecture.mlp(128, 128)}. */
    public Builder architecture(Architecture value) {
      architecture = Objects.requireNonNull(value, "architecture");
      return this;
    }

    /** The optimizer, e.g. {@code OptimizerSettings.adamw(0.01)}. */
    public Builder optimizer(OptimizerSettings value) {
      optimizer = Objects.requireNonNull(value, "optimizer");
      return this;
    }

    /** The trainer by id ({@code nd4j}, {@code java}) with its parameters. */
    public Builder trainer(String id, Map<String, String> parameters) {
      trainer = id == null ? null : requireId("trainer", id);
      trainerParameters.clear();
      trainerParameters.putAll(parameters);
      return this;
    }

    /** The trainer by id, with its default parameters. */
    public Builder trainer(String id) {
      return trainer(id, Map.of());
    }

    /** The maximum epochs (iterations of a full-batch optimizer), at least 1. */
    public Builder epochs(int value) {
      if (value < 1) {
        throw new SettingsException("epochs(" + value + ") is out of range; use 1 or more");
      }
      epochs = value;
      return this;
    }

    /** Rows per mini-batch, at least 1. */
    public Builder batchSize(int value) {
      if (value < 1) {
        throw new SettingsException("batchSize(" + value + ") is out of range; use 1 or more, e.g. 64");
      }
      batchSize = value;
      return this;
    }

    /** The base learning rate, a positive finite number. */
    public Builder learningRate(double value) {
      if (!(value > 0) || Double.isInfinite(value)) {
        throw new SettingsException("learningRate(" + value + ") is out of range; use a positive number, e.g. 0.001");
      }
      learningRate = value;
      return this;
    }

    /** How the learning rate changes, e.g. {@code LearningRateSchedule.cosine()}. */
    public Builder schedule(LearningRateSchedule value) {
      schedule = Objects.requireNonNull(value, "schedule");
      return this;
    }

    /** The seed of the split, initialisation and shuffling. */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /**
     * Train {@code members} networks and average their predicted fractions: member m (from 0)
     * trains as a single run with {@code seed + m} would (its own validation split, initial
     * weights and shuffles), with the feature standardisation of member 0's training rows. From 1
     * (a plain model) to {@value #MAX_ENSEMBLE}.
     */
    public Builder ensemble(int members) {
      if (members < 1 || members > MAX_ENSEMBLE) {
        throw new SettingsException("ensemble(" + members + ") is out of range; use 1 (a single network) to "
            + MAX_ENSEMBLE + ", e.g. 5");
      }
      ensemble = members;
      return this;
    }

    /** Epochs without validation improvement before stopping, at least 1. */
    public Builder patience(int value) {
      if (value < 1) {
        throw new SettingsException("patience(" + value + ") is out of range; use 1 or more, e.g. 10");
      }
      patience = value;
      return this;
    }

    /** The share of rows held out for validation and early stopping, in [0, 1); 0 for none. */
    public Builder validationFraction(double value) {
      if (!(value >= 0 && value < 1)) {
        throw new SettingsException("validationFraction(" + value
            + ") is out of range; use a fraction in [0, 1), e.g. 0.2, or 0 to hold out nothing");
      }
      validationFraction = value;
      return this;
    }

    /** Keep a checkpoint in {@code file} after every epoch ({@code null}: none). */
    public Builder checkpoint(Path file) {
      checkpoint = file;
      return this;
    }

    /** Continue from the checkpoint of an interrupted run with the same settings. */
    public Builder resume(boolean value) {
      resume = value;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws SettingsException when {@code resume} is set without a {@code checkpoint}
     */
    public TrainingConfig build() {
      if (resume && checkpoint == null) {
        throw new SettingsException("resume(true) needs a checkpoint file to continue from; set checkpoint(file)");
      }
      return new TrainingConfig(this);
    }

    private static String requireId(String setting, String id) {
      if (id == null || id.isBlank()) {
        throw new SettingsException(setting + " is empty; give a provider id, e.g. "
            + (setting.equals("loss") ? DEFAULT_LOSS : DEFAULT_TRAINERS[0]));
      }
      return id;
    }
  }
}
