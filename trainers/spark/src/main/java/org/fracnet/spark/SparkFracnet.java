package org.fracnet.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.fracnet.core.DataException;
import org.fracnet.core.Fracnet;
import org.fracnet.core.FracnetException;
import org.fracnet.core.SettingsException;
import org.fracnet.core.data.DatasetColumns;
import org.fracnet.core.data.DatasetSpec;
import org.fracnet.core.data.TargetKind;
import org.fracnet.core.model.CheckpointFile;
import org.fracnet.core.model.Evaluation;
import org.fracnet.core.model.Model;
import org.fracnet.core.model.Standardization;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.OptimizerProvider;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;
import org.fracnet.core.training.CheckpointLock;
import org.fracnet.core.training.FitResult;
import org.fracnet.core.training.HashSplit;
import org.fracnet.core.training.RowStatistics;
import org.fracnet.core.training.RunRecord;
import org.fracnet.core.training.StopSignal;
import org.fracnet.core.training.TrainingCheckpoint;
import org.fracnet.core.training.TrainingConfig;
import org.fracnet.core.training.TrainingListener;
import org.fracnet.core.training.TrainingLoop;

/**
 * fracnet on Spark DataFrames, for use inside a Spark job: score a DataFrame with a model, train a
 * model on one, evaluate a model on one. The settings are core's ({@link DatasetSpec},
 * {@link TrainingConfig}, with their defaults); the model is core's {@link Model}, saved to the same
 * model file as a local run and read by {@code fracnet predict}.
 *
 * <pre>{@code
 * SparkFracnet fracnet = SparkFracnet.of(spark);
 * Dataset<Row> rows = spark.read().parquet("groups.parquet");
 * FitResult fit = fracnet.train(rows, new DatasetSpec("car,bus,bike", TargetKind.COUNTS, null, null, null),
 *     TrainingConfig.builder().optimizer(OptimizerSettings.lbfgs()).architecture(Architecture.linear()).build());
 * fit.model().save(Path.of("model.zip"));
 * Dataset<Row> scored = fracnet.score(fit.model(), spark.read().parquet("new-groups.parquet"));
 * }</pre>
 *
 * <p>Training runs core's one training loop on the driver with the {@code spark} trainer
 * ({@link SparkTrainer}): the rows stay on the executors, validated and split there; per step
 * (lbfgs: per evaluation of the objective; mini-batch: per batch) a Spark job sums the loss and
 * gradient over the partitions with {@code treeAggregate}. Scoring runs the pure-Java forward pass
 * in {@code mapPartitions}, the model file broadcast once. Thread-safe; holds the session and the
 * plugins.
 */
public final class SparkFracnet {
  /** How a DataFrame is called in messages unless {@link #named} says otherwise. */
  public static final String DEFAULT_SOURCE = "DataFrame";

  private final SparkSession spark;
  private final Fracnet fracnet;
  private final String source;
  private final Consumer<String> warnings;

  private SparkFracnet(SparkSession spark, Fracnet fracnet, String source, Consumer<String> warnings) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.fracnet = Objects.requireNonNull(fracnet, "fracnet");
    this.source = Objects.requireNonNull(source, "source");
    this.warnings = Objects.requireNonNull(warnings, "warnings");
  }

  /** fracnet on {@code spark}, with the plugins found on the driver's class path. */
  public static SparkFracnet of(SparkSession spark) {
    return new SparkFracnet(spark, NetworkRecipe.Plugins.fracnet(), DEFAULT_SOURCE, m -> { });
  }

  /** The same, naming the data {@code name} in messages (e.g. the file or table it was read from). */
  public SparkFracnet named(String name) {
    return new SparkFracnet(spark, fracnet, name, warnings);
  }

  /**
   * The same, telling {@code receiver} how many rows were skipped or divided by their sum (one line
   * per partition and kind).
   */
  public SparkFracnet warnings(Consumer<String> receiver) {
    return new SparkFracnet(spark, fracnet, source, receiver);
  }

  // --- scoring ---

  /** {@code data} with one column of predicted fractions per class, named as the classes. */
  public Dataset<Row> score(Model model, Dataset<Row> data) {
    return score(model, data, "");
  }

  /**
   * {@code data}, every column kept, followed by one column of predicted fractions per class,
   * named {@code prefix} + the class name. Feature columns are bound by name (any order, other
   * columns ignored); numbers of any type, or text holding numbers, are read as doubles. The
   * predictions are those of {@code fracnet predict} on the same values, bit for bit.
   *
   * @throws DataException naming the missing feature columns (before any job runs) or, when the
   *     result is computed, a value that is not a finite number, with its row
   * @throws SettingsException when a predicted column would take the name of a column of {@code data}
   */
  public Dataset<Row> score(Model model, Dataset<Row> data, String prefix) {
    List<String> header = Arrays.asList(data.columns());
    int[] positions = DatasetColumns.featurePositions(source, header, model.featureNames());
    for (int p : positions) {
      SparkTable.requireNumeric(source, data.schema().fields()[p], "a model reads numbers");
    }
    StructType schema = data.schema();
    for (String c : model.classNames()) {
      String name = prefix + c;
      if (header.contains(name)) {
        throw new SettingsException(source + " already has a column " + name + ", the name of the predicted"
            + " fraction of class " + c + "; give the predictions a prefix, e.g. score(model, data, \"predicted_\")");
      }
      schema = schema.add(new StructField(name, DataTypes.DoubleType, false, Metadata.empty()));
    }
    Broadcast<byte[]> file = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bytes(model));
    String name = source;
    JavaRDD<Row> scored = data.toJavaRDD()
        .mapPartitionsWithIndex((index, it) -> Scoring.score(file, positions, header, name, index, it), true);
    return spark.createDataFrame(scored, schema);
  }

  private static byte[] bytes(Model model) {
    try {
      Path tmp = Files.createTempFile("fracnet-model-", ".zip");
      try {
        model.save(tmp);
        return Files.readAllBytes(tmp);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the model cannot be written to a temporary file to broadcast it", e);
    }
  }

  // --- training ---

  /** Trains as {@code config} says on the rows of {@code data}; see {@link #train(Dataset, DatasetSpec, TrainingConfig, TrainingListener, StopSignal)}. */
  public FitResult train(Dataset<Row> data, DatasetSpec spec, TrainingConfig config) {
    return train(data, spec, config, TrainingListener.NONE, new StopSignal());
  }

  /** Trains as {@code config} says on the rows of {@code data}; see {@link #train(Dataset, DatasetSpec, TrainingConfig, TrainingListener, StopSignal)}. */
  public FitResult train(Dataset<Row> data, DatasetSpec spec, TrainingConfig config, TrainingListener listener) {
    return train(data, spec, config, listener, new StopSignal());
  }

  /**
   * Trains a model on the rows of {@code data} with core's training loop, as
   * {@link Fracnet#train} does on rows in memory, with these differences: validation rows are held
   * out row by row ({@link HashSplit}: the share is the validation fraction in expectation, not
   * exactly); the trainer is {@code spark}, with the parameters {@code sync} ({@code steps}, the
   * default: synchronous data-parallel steps; {@code average}: parameter averaging after every
   * epoch) and {@code depth} (of {@code treeAggregate}, default 2); no ensembles. The held-out rows
   * are collected to the driver for {@link FitResult#validation()} and {@link FitResult#heldOut()}.
   *
   * <p>Checkpoints are as in {@link Fracnet#train}: with {@link TrainingConfig#checkpoint()} (a file
   * on the driver), a mini-batch run writes one after every epoch and when {@code stop} ends it;
   * the same call with {@link TrainingConfig#resume()} continues from it, after checking that the
   * rows (their count, the number of partitions, the held-out count and the training rows' class
   * means) and the settings are the run's that wrote it. With the same partitioning, which orders
   * the rows, a resumed run ends as an uninterrupted one to the last bits ({@code treeAggregate}
   * adds the partitions' sums in the order tasks finish); an input repartitioned to the default
   * parallelism can order its rows otherwise, and then continues with other batches
   * (docs/spark.md). Save the model with {@link FitResult#save(Path, Path)} to delete the checkpoint.
   *
   * @throws org.fracnet.core.SettingsException when {@code spec} names a column {@code data} lacks
   *     (before any job runs), or on a setting Spark does not support
   * @throws DataException on an invalid value, naming the column, the value, the fix and the row
   *     with its values
   * @throws org.fracnet.core.ModelFileException when resuming from a checkpoint another run wrote
   * @throws org.fracnet.core.TrainingInterruptedException when {@code stop} was requested
   */
  public FitResult train(Dataset<Row> data, DatasetSpec spec, TrainingConfig config, TrainingListener listener,
      StopSignal stop) {
    if (config.ensemble() > 1) {
      throw new SettingsException("ensemble(" + config.ensemble() + ") is not supported on Spark; train one network"
          + " (ensemble(1))");
    }
    try (CheckpointLock lock = config.checkpoint() == null ? null : CheckpointLock.acquire(config.checkpoint())) {
      return trainLocked(data, spec, config, listener, stop);
    }
  }

  /** {@link #train(Dataset, DatasetSpec, TrainingConfig, TrainingListener, StopSignal)}, holding the checkpoint's lock. */
  private FitResult trainLocked(Dataset<Row> data, DatasetSpec spec, TrainingConfig config,
      TrainingListener listener, StopSignal stop) {
    // read before any job runs, so that a missing or damaged checkpoint costs no pass over the rows
    CheckpointFile.Saved saved = config.resume() ? CheckpointFile.read(config.checkpoint()) : null;
    if (config.trainer() != null && !config.trainer().equals(SparkTrainer.ID)) {
      throw new SettingsException("trainer " + config.trainer() + " cannot train on a DataFrame; on Spark the"
          + " trainer is " + SparkTrainer.ID + " (leave trainer unset)");
    }
    Parameters trainerParameters = config.trainer() == null ? Parameters.empty()
        : config.trainerParameters().withOwner("trainer " + SparkTrainer.ID);
    int depth = trainerParameters.getInt("depth", 2);
    String sync = trainerParameters.getString("sync", "steps");
    if (depth < 1 || !(sync.equals("steps") || sync.equals("average"))
        || trainerParameters.asMap().keySet().stream().anyMatch(key -> !key.equals("depth") && !key.equals("sync"))) {
      throw new SettingsException("trainer " + SparkTrainer.ID + " takes the parameters depth (of treeAggregate, an"
          + " integer >= 1, default 2) and sync (steps: synchronous data-parallel steps, the default; average:"
          + " parameter averaging after every epoch); got " + trainerParameters.asMap());
    }
    if (sync.equals("average") && !config.schedule().id().equals("constant")) {
      throw new SettingsException("trainer parameter sync=average takes a constant learning rate; remove schedule("
          + config.schedule().id() + ") or use sync=steps");
    }
    OptimizerProvider optimizer = fracnet.plugins().optimizers().require(config.optimizer().id());
    boolean fullBatch = optimizer.fullBatch();
    double fraction = config.validationFraction(fullBatch);
    DatasetColumns columns = SparkTable.columns(data, source, spec);
    boolean counts = spec.targetKind() == TargetKind.COUNTS;
    JavaRDD<SparkTable.Part> parts = SparkTable.parts(data, source, spec, columns, new HashSplit(fraction, config.seed()));
    JavaRDD<RowBlock> train = null;
    JavaRDD<RowBlock> held = null;
    try {
      List<SparkTable.Info> infos = jobs(() -> SparkTable.infos(parts, counts));
      RowStatistics statistics = new RowStatistics(columns.featureColumns().size(), columns.targetColumns().size(),
          counts);
      long[] trainAt = new long[infos.size()];
      long[] heldAt = new long[infos.size()];
      long trainRows = 0;
      long heldRows = 0;
      for (SparkTable.Info info : infos) {
        trainAt[info.partition()] = trainRows;
        heldAt[info.partition()] = heldRows;
        trainRows += info.trainRows();
        heldRows += info.heldRows();
        statistics.merge(info.statistics());
        info.warnings().forEach(warnings);
      }
      if (trainRows + heldRows == 0) {
        throw new DataException(source + " has no data rows; add at least one row");
      }
      if (trainRows == 0 || (fraction > 0 && heldRows == 0) || trainRows + heldRows > Integer.MAX_VALUE) {
        throw new DataException(source + " has " + (trainRows + heldRows) + " rows, of which " + heldRows
            + " were held out for validation (validationFraction(" + fraction + ")); "
            + (trainRows + heldRows > Integer.MAX_VALUE ? "train on at most " + Integer.MAX_VALUE + " rows"
                : "set validationFraction(0) or give more rows"));
      }
      Standardization std = statistics.standardization();
      TargetStatistics stats = statistics.targets();
      LossFunction loss = fracnet.plugins().losses().require(config.loss()).create(config.lossParameters(), stats);
      int d = columns.featureColumns().size();
      int k = columns.targetColumns().size();
      NetworkSpec network = fracnet.plugins().architectures().require(config.architecture().id())
          .create(config.architecture().parameters(), d, loss.outputs());
      double[] mean = std.mean();
      double[] scale = std.scale();
      train = parts.map(p -> p.train.standardised(mean, scale, trainAt[p.partition])).persist(parts.getStorageLevel());
      held = heldRows == 0 ? null
          : parts.map(p -> p.held.standardised(mean, scale, heldAt[p.partition])).persist(parts.getStorageLevel());
      org.fracnet.core.data.Dataset heldRaw = heldRows == 0 ? null : collect(parts, columns, counts);
      int maxEpochs = config.epochs(fullBatch);
      RunRecord record = new RunRecord(source, (int) (trainRows + heldRows), (int) trainRows, (int) heldRows,
          counts ? "counts" : "fractions", config.loss(), config.lossParameters().asMap(),
          config.architecture().id(), config.architecture().parameters().asMap(), config.optimizer().id(),
          config.optimizer().parameters().asMap(), SparkTrainer.ID, trainerParameters.asMap(),
          infos.size(), maxEpochs, config.batchSize(), config.learningRate(),
          config.schedule().id(), config.schedule().stepEpochs(), config.schedule().gamma(), config.seed(),
          config.patience(), fraction, stats.classMeans());
      TrainingCheckpoint resumeFrom = saved == null ? null
          : CheckpointFile.resumable(config.checkpoint(), saved, record, network);
      SparkRows trainRowsHeld = new SparkRows(source, train, (int) trainRows, d, k);
      SparkRows heldRowsHeld = held == null ? null : new SparkRows(source + " (validation rows)", held, (int) heldRows, d, k);
      TrainingLoop.Outcome outcome = jobs(() -> TrainingLoop.run(new SparkTrainer(depth, sync.equals("average") ? config : null), trainRowsHeld, heldRowsHeld,
          stats, network, loss, optimizer, config.optimizer().parameters(), config, listener, record, stop, resumeFrom));
      Model model = new Model(network, outcome.weights(), std, columns.featureNames(), columns.classNames(),
          spec.idColumn(), loss, record, outcome.summary());
      return new FitResult(model, heldRaw, heldRaw == null ? null : model.evaluate(heldRaw),
          resumeFrom == null ? 0 : resumeFrom.epoch());
    } finally {
      parts.unpersist(false);
      if (train != null) {
        train.unpersist(false);
      }
      if (held != null) {
        held.unpersist(false);
      }
    }
  }

  /** The raw held-out rows of every partition, in partition order, as one data set on the driver. */
  private org.fracnet.core.data.Dataset collect(JavaRDD<SparkTable.Part> parts, DatasetColumns columns,
      boolean counts) {
    List<RowBlock> blocks = jobs(() -> parts.map(p -> p.held).collect());
    return concatenate(blocks, columns, counts);
  }

  private org.fracnet.core.data.Dataset concatenate(List<RowBlock> blocks, DatasetColumns columns, boolean counts) {
    int n = blocks.stream().mapToInt(b -> b.rows).sum();
    int d = columns.featureColumns().size();
    int k = columns.targetColumns().size();
    double[] x = new double[n * d];
    double[] p = new double[n * k];
    double[] w = new double[n];
    int at = 0;
    for (RowBlock b : blocks) {
      System.arraycopy(b.x, 0, x, at * d, b.rows * d);
      System.arraycopy(b.p, 0, p, at * k, b.rows * k);
      System.arraycopy(b.w, 0, w, at, b.rows);
      at += b.rows;
    }
    return new org.fracnet.core.data.Dataset(source, x, p, w, counts, columns.featureNames(), columns.classNames(),
        null, null);
  }

  // --- evaluation ---

  /**
   * The metrics of {@code model} on the rows of {@code data} (read and validated as for
   * {@link #train}, none held out), against the mean predictor, as {@link Model#evaluate} gives
   * them. The rows are collected to the driver (their features, fractions and weights).
   */
  public Evaluation evaluate(Model model, Dataset<Row> data, DatasetSpec spec) {
    DatasetColumns columns = SparkTable.columns(data, source, spec);
    boolean counts = spec.targetKind() == TargetKind.COUNTS;
    JavaRDD<SparkTable.Part> parts = SparkTable.parts(data, source, spec, columns, new HashSplit(0, 0));
    try {
      List<RowBlock> blocks = jobs(() -> {
        List<RowBlock> out = new ArrayList<>();
        for (SparkTable.Part part : parts.collect()) {
          part.warnings.forEach(warnings);
          out.add(part.train);
        }
        return out;
      });
      return model.evaluate(concatenate(blocks, columns, counts));
    } finally {
      parts.unpersist(false);
    }
  }

  /**
   * Runs {@code work}, which starts Spark jobs; a fracnet error raised in a task (an invalid row)
   * is rethrown as it was raised, not wrapped in Spark's report of the failed job.
   */
  static <T> T jobs(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (Exception e) { // SparkException is checked in Java, thrown unchecked by Scala
      for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
        if (t instanceof FracnetException f) {
          throw f;
        }
      }
      throw SparkFracnet.<RuntimeException>unchecked(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Exception> E unchecked(Exception e) throws E {
    throw (E) e;
  }

  @Override
  public String toString() {
    return "SparkFracnet[" + spark.sparkContext().master() + ", " + source + "]";
  }

  /** For SparkMain: the plugins. */
  Fracnet fracnet() {
    return fracnet;
  }
}
