package org.fracnet.core.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.fracnet.core.DataException;
import org.fracnet.core.ModelFileException;
import org.fracnet.core.OutputFileException;
import org.fracnet.core.SettingsException;
import org.fracnet.core.TrainingInterruptedException;
import org.fracnet.core.data.ChunkedRows;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.data.DatasetSpec;
import org.fracnet.core.data.RowCache;
import org.fracnet.core.data.TargetKind;
import org.fracnet.core.data.TrainingRows;
import org.fracnet.core.discovery.Plugins;
import org.fracnet.core.io.IoErrors;
import org.fracnet.core.model.CheckpointFile;
import org.fracnet.core.model.Evaluation;
import org.fracnet.core.model.Model;
import org.fracnet.core.model.Standardization;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.OptimizerProvider;
import org.fracnet.core.spi.TargetStatistics;
import org.fracnet.core.spi.Trainer;
import org.fracnet.core.spi.TrainerProvider;

/**
 * Fits models with discovered providers: the validation split, feature standardisation, target
 * statistics, creating the loss, network, optimizer and trainer, the run record and the resume
 * check, then {@link TrainingLoop}. Users call it through {@link org.fracnet.core.Fracnet#train}.
 * Thread-safe; holds only the plugins.
 */
public final class ModelFitter {
  private final Plugins plugins;

  /** A fitter over {@code plugins}. */
  public ModelFitter(Plugins plugins) {
    this.plugins = plugins;
  }

  /**
   * Checks what can be checked of {@code config} before any data is read, so that a mistyped
   * setting fails at once rather than after reading a large file: the loss, architecture,
   * optimizer and trainer are installed; the optimizer's and trainer's parameters; the network's
   * parameters for core's own architectures (mlp, linear; a plugin's are checked once the data's
   * shape is known); dropout only with mini-batch steps; and that the loss's parameter names are
   * among those its provider describes ({@link org.fracnet.core.spi.Provider#parameters}, which
   * every training run checks too). The values of the loss's parameters are checked when
   * training starts, as they can depend on the targets (e.g. one weight per class).
   *
   * @throws SettingsException naming the first setting that cannot work
   */
  public void checkSettings(TrainingConfig config) {
    checkLossParameterNames(config);
    org.fracnet.core.spi.ArchitectureProvider architecture = plugins.architectures().require(config.architecture().id());
    boolean ours = architecture instanceof org.fracnet.core.architectures.MlpArchitecture
        || architecture instanceof org.fracnet.core.architectures.LinearArchitecture;
    NetworkSpec network = ours ? architecture.create(config.architecture().parameters(), 1, 2) : null;
    OptimizerProvider optimizer = plugins.optimizers().require(config.optimizer().id());
    if (optimizer.fullBatch()) {
      optimizer.createFullBatch(config.optimizer().parameters());
      if (network != null && network.dropout() > 0) {
        throw dropoutNeedsMiniBatches(optimizer);
      }
    } else {
      optimizer.create(config.optimizer().parameters(), 1);
    }
    String trainerId = trainerId(config);
    plugins.trainers().require(trainerId).create(config.trainerParameters().withOwner("trainer " + trainerId));
  }

  /** The loss's id with its parameters, e.g. {@code weighted-mse{class-weights=inverse-mean}}. */
  private static String loss(TrainingConfig c) {
    return c.lossParameters().asMap().isEmpty() ? c.loss() : c.loss() + c.lossParameters().asMap().toString();
  }

  /**
   * The loss is installed and takes parameters of the names given (a misspelt name fails here; the
   * values, which may depend on the targets, when the loss is created): whatever the path into
   * training, a name the provider does not describe is refused the same way.
   */
  private void checkLossParameterNames(TrainingConfig config) {
    config.lossParameters().withOwner("loss " + config.loss())
        .requireKnown(plugins.losses().require(config.loss()).parameters());
  }

  private static SettingsException dropoutNeedsMiniBatches(OptimizerProvider optimizer) {
    return new SettingsException("dropout needs mini-batch steps, and " + optimizer.id() + " takes full-batch"
        + " steps; use a mini-batch optimizer such as adam, or no dropout");
  }

  /**
   * Trains a model on {@code data} as {@code config} says, until done or until {@code stop} is
   * requested.
   *
   * @throws org.fracnet.core.FracnetException on unknown ids, invalid settings, a checkpoint of
   *     another run, or a diverging run
   * @throws org.fracnet.core.TrainingInterruptedException when {@code stop} was requested
   */
  public FitResult fit(Dataset data, TrainingConfig config, TrainingListener listener, StopSignal stop) {
    checkLossParameterNames(config);
    try (CheckpointLock lock = lock(config.checkpoint())) {
      OptimizerProvider optimizer = plugins.optimizers().require(config.optimizer().id());
      boolean fullBatch = optimizer.fullBatch();
      int maxEpochs = config.epochs(fullBatch);
      double fraction = config.validationFraction(fullBatch);
      if (config.ensemble() > 1) {
        List<TrainingConfig> members = new ArrayList<>();
        for (int m = 0; m < config.ensemble(); m++) {
          members.add(config.toBuilder().ensemble(1).seed(config.seed() + m).build());
        }
        return fitEnsemble(data, config, members, listener, stop);
      }
      MemberFit fit = fitMember(data, config, 1, null, listener, stop, optimizer, maxEpochs, fraction);
      Model model = new Model(fit.network(), fit.outcome().weights(), fit.standardization(), data.featureNames(),
          data.classNames(), data.idColumn(), fit.loss(), fit.record(), fit.outcome().summary());
      return new FitResult(model, fit.validation(), fit.validation() == null ? null : model.evaluate(fit.validation()),
          fit.resumedAfterEpoch());
    }
  }

  /**
   * The most held-out rows a streamed run's result is evaluated on (whole groups of chunks, from
   * the first): prediction is pure Java on one thread, so millions of rows take minutes
   * (docs/scale.md); the validation loss during training covers all of them.
   */
  public static final int HELD_OUT_EVALUATION_ROWS = 262_144;

  /** How a warning of the reader starts among {@link #fitStreamed}'s messages. */
  public static final String WARNING = "warning: ";

  /**
   * Trains on {@code file} streamed through its binary cache in {@link StreamConfig#cacheDirectory}:
   * the first run reads the file once (validating every row, holding rows out by
   * {@link HashSplit}, gathering the training rows' {@link RowStatistics}) into the cache, and
   * every epoch reads the cache a group of chunks at a time, so memory stays bounded whatever the
   * file's size. A later run on the unchanged file with the same spec, validation fraction and seed
   * reuses the cache. The result's {@link FitResult#heldOut()} is evaluated on the held-out rows
   * (at most about {@value #HELD_OUT_EVALUATION_ROWS} of them, from the first), read chunk by
   * chunk; they are not kept in memory ({@link FitResult#validation()} is {@code null}).
   *
   * @param messages receives a line when the cache is written or reused, how far the first pass got,
   *     and the reader's warnings, which start with {@value #WARNING}
   * @throws SettingsException for a full-batch optimizer or an ensemble, which need the rows in memory
   */
  public FitResult fitStreamed(Path file, DatasetSpec spec, TrainingConfig config, StreamConfig stream,
      TrainingListener listener, StopSignal stop, Consumer<String> messages) {
    checkLossParameterNames(config);
    try (CheckpointLock lock = lock(config.checkpoint())) {
      OptimizerProvider optimizer = plugins.optimizers().require(config.optimizer().id());
      if (optimizer.fullBatch()) {
        throw new SettingsException("the full-batch optimizer " + optimizer.id() + " needs every row in memory, and "
            + file + " is streamed; use a mini-batch optimizer such as adam, or StreamConfig.mode(memory)");
      }
      if (config.ensemble() > 1) {
        throw new SettingsException("ensemble(" + config.ensemble() + ") is not supported on a streamed file; train"
            + " ensemble(1), or read the file into memory with StreamConfig.mode(memory)");
      }
      int maxEpochs = config.epochs(false);
      double fraction = config.validationFraction(false);
      HashSplit split = new HashSplit(fraction, config.seed());
      String settings = spec + " validationFraction=" + fraction + " seed=" + config.seed();
      Cached cached = cache(file, spec, settings, split, stream, stop, messages);
      RowCache cache = cached.cache();
      RowStatistics statistics = cached.statistics();
      Standardization std = statistics.standardization();
      ChunkedRows train = cache.train(std.mean(), std.scale(), stream.chunkRows(), stream.groupChunks());
      ChunkedRows validation = cache.validation(std.mean(), std.scale(), stream.chunkRows(), stream.groupChunks());
      long all = cache.trainRows() + cache.validationRows();
      if (all > Integer.MAX_VALUE) {
        throw new DataException(file + " has " + all + " rows; training reads at most " + Integer.MAX_VALUE);
      }
      MemberFit fit = fitRows(cache.source(), (int) all, cache.weightsAreCounts(), train, validation, null, std,
          statistics.targets(), config, 1, listener, stop, optimizer, maxEpochs, fraction);
      Model model = new Model(fit.network(), fit.outcome().weights(), std, cache.featureNames(), cache.classNames(),
          spec.idColumn(), fit.loss(), fit.record(), fit.outcome().summary());
      double[] none = new double[std.mean().length]; // the held-out rows as read: the model standardises them
      double[] ones = new double[none.length];
      java.util.Arrays.fill(ones, 1);
      ChunkedRows heldOut = cache.validation(none, ones, stream.chunkRows(), stream.groupChunks());
      Evaluation evaluation = null;
      if (heldOut != null) {
        messages.accept("evaluating the model on " + (heldOut.rows() <= HELD_OUT_EVALUATION_ROWS ? "the "
            + heldOut.rows() : "the first " + HELD_OUT_EVALUATION_ROWS + " or so of the " + heldOut.rows())
            + " held-out rows");
        evaluation = model.evaluate(heldOut, HELD_OUT_EVALUATION_ROWS);
      }
      return new FitResult(model, null, evaluation, fit.resumedAfterEpoch());
    }
  }

  /** A file's binary cache and the statistics of its training rows. */
  private record Cached(RowCache cache, RowStatistics statistics) {}

  /**
   * The binary cache of {@code file} with {@code settings}: the one there when the file is
   * unchanged, else written now in one pass that also gathers the training rows' statistics (and
   * stops every 65,536 rows when asked, saying every 10 s how far it got).
   */
  private static Cached cache(Path file, DatasetSpec spec, String settings, HashSplit split, StreamConfig stream,
      StopSignal stop, Consumer<String> messages) {
    RowCache cache = RowCache.find(stream.cacheDirectory(), file, settings);
    if (cache != null) {
      messages.accept("reusing the binary cache of " + file + " (" + cache.trainFile().getParent() + ", "
          + FilePlan.size(cache.bytes()) + "): the file is unchanged");
      return new Cached(cache, RowStatistics.fromJson(cache.extra()));
    }
    messages.accept("reading " + file + " once into a binary cache in " + stream.cacheDirectory());
    RowStatistics[] gathered = new RowStatistics[1];
    boolean counts = spec.targetKind() == TargetKind.COUNTS;
    long start = System.nanoTime();
    long[] seen = {0, start};
    cache = RowCache.build(stream.cacheDirectory(), file, settings, spec,
        (x, p, w) -> {
          if ((++seen[0] & 0xFFFF) == 0) { // every 65,536 rows: stop when asked, say how far it got
            if (stop.requested()) {
              throw new TrainingInterruptedException("stopped on request while reading " + file + " into its"
                  + " binary cache, after " + seen[0] + " rows", "nothing is kept; train again to start over",
                  null, 0, 1, 0, 1);
            }
            long now = System.nanoTime();
            if (now - seen[1] > 10_000_000_000L) {
              seen[1] = now;
              messages.accept(String.format(java.util.Locale.ROOT, "read %,d rows of %s into the cache in %.0f s",
                  seen[0], file, (now - start) / 1e9));
            }
          }
          return split.heldOut(x, 0, x.length, p, 0, p.length, w);
        },
        (x, p, w, id) -> {
          if (gathered[0] == null) {
            gathered[0] = new RowStatistics(x.length, p.length, counts);
          }
          gathered[0].add(x, 0, p, 0, w);
        }, () -> gathered[0].toJson(), warning -> messages.accept(WARNING + warning));
    messages.accept("cached " + (cache.trainRows() + cache.validationRows()) + " rows (" + cache.validationRows()
        + " held out for validation) in " + FilePlan.size(cache.bytes()));
    return new Cached(cache, gathered[0]);
  }

  /**
   * One network trained as {@code config} says, on its own validation split (drawn with
   * {@code config.seed()}), with {@code std} or, when {@code null}, the standardisation of its
   * training rows.
   *
   * @param validation the held-out rows, raw, or {@code null}
   */
  private record MemberFit(NetworkSpec network, LossFunction loss, Standardization standardization,
      RunRecord record, Dataset validation, TrainingLoop.Outcome outcome, int resumedAfterEpoch) {}

  private MemberFit fitMember(Dataset data, TrainingConfig config, int members, Standardization given,
      TrainingListener listener, StopSignal stop, OptimizerProvider optimizer, int maxEpochs, double fraction) {
    Dataset[] split = split(data, fraction, config.seed());
    Dataset rawTrain = split[0];
    Dataset validation = split[1];
    Standardization std = given != null ? given
        : Standardization.fit(rawTrain.rows(), rawTrain.featureCount(), rawTrain.features());
    // With rows held out, the training split is this method's own copy: standardised in place, it
    // saves a copy of most of the features at the peak. Without, it is the caller's data.
    Dataset train = rawTrain == data ? rawTrain.withFeatures(std.apply(rawTrain.features()))
        : rawTrain.withFeatures(std.applyInPlace(rawTrain.features()));
    Dataset validationStd = validation == null ? null : validation.withFeatures(std.apply(validation.features()));
    TargetStatistics stats = TargetStatistics.of(train.rows(), train.classCount(), train.targets(),
        train.weights(), train.weightsAreCounts());
    return fitRows(data.source(), data.rows(), data.weightsAreCounts(), train, validationStd, validation, std, stats,
        config, members, listener, stop, optimizer, maxEpochs, fraction);
  }

  /**
   * One network trained on standardised rows of any kind, through {@link TrainingLoop}: creates
   * the loss, network and trainer, the run record and the resume check.
   *
   * @param source the data's name and {@code allRows} its rows, for the run record
   * @param rawValidation the held-out rows, raw, for the caller's evaluation, or {@code null}
   */
  private MemberFit fitRows(String source, int allRows, boolean weightsAreCounts, TrainingRows train,
      TrainingRows validationStd, Dataset rawValidation, Standardization std, TargetStatistics stats,
      TrainingConfig config, int members, TrainingListener listener, StopSignal stop, OptimizerProvider optimizer,
      int maxEpochs, double fraction) {
    Dataset validation = rawValidation;
    LossFunction loss = plugins.losses().require(config.loss()).create(config.lossParameters(), stats);
    NetworkSpec network = plugins.architectures().require(config.architecture().id())
        .create(config.architecture().parameters(), train.featureCount(), loss.outputs());
    if (network.dropout() > 0 && optimizer.fullBatch()) {
      throw dropoutNeedsMiniBatches(optimizer);
    }
    if (!Model.fitsOneFile(network, members)) { // refused before training, not after hours of it
      throw new SettingsException((members == 1 ? "the network" : "the " + members + " networks") + " of "
          + config.architecture() + " on " + train.featureCount() + " features would have "
          + (long) members * network.parameterCount() + " weights, more than the " + Model.MAX_WEIGHTS
          + " a model file holds; use narrower layers (Architecture.mlp(...))" + (members == 1
              || network.parameterCount() > Model.MAX_WEIGHTS ? "" : " or at most ensemble("
              + Model.MAX_WEIGHTS / network.parameterCount() + ")"));
    }
    String trainerId = trainerId(config);
    Trainer trainer = plugins.trainers().require(trainerId)
        .create(config.trainerParameters().withOwner("trainer " + trainerId));
    RunRecord record = new RunRecord(source, allRows, train.rows(),
        validationStd == null ? 0 : validationStd.rows(), weightsAreCounts ? "counts" : "fractions",
        config.loss(), config.lossParameters().asMap(), config.architecture().id(),
        config.architecture().parameters().asMap(), config.optimizer().id(),
        config.optimizer().parameters().asMap(), trainerId, config.trainerParameters().asMap(),
        Runtime.getRuntime().availableProcessors(), maxEpochs, config.batchSize(), config.learningRate(),
        config.schedule().id(), config.schedule().stepEpochs(), config.schedule().gamma(), config.seed(),
        config.patience(), fraction, stats.classMeans());
    TrainingCheckpoint resumeFrom = null;
    if (config.resume()) {
      resumeFrom = CheckpointFile.resumable(config.checkpoint(), CheckpointFile.read(config.checkpoint()), record,
          network);
    }
    OnceFinished once = new OnceFinished(listener);
    TrainingLoop.Outcome outcome;
    try {
      outcome = new TrainingLoop(train, validationStd, network, loss, stats, optimizer,
          config.optimizer().parameters(), trainer, config, maxEpochs, once, record, stop).run(resumeFrom);
    } catch (RuntimeException | Error e) {
      once.finished(new TrainingSummary(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          "failed: " + e.getMessage()));
      throw e;
    }
    return new MemberFit(network, loss, std, record, validation, outcome, resumeFrom == null ? 0 : resumeFrom.epoch());
  }

  /**
   * An ensemble whose members train with their own settings: member m as a single run with
   * {@code members.get(m)} would ({@link #fit}, ensemble 1), but with member 0's standardisation and
   * with member 0's checkpoint and resume: member m keeps its checkpoint in
   * {@link TrainingConfig#memberCheckpoint}. The members must share the architecture, the loss and
   * the validation fraction; they may differ in seed, optimizer, learning rate, batch size,
   * schedule, epochs and patience. The model's run record and loss are member 0's, so callers that
   * vary more than the seed record what each member used ({@link org.fracnet.core.tune.Tuning#members()}).
   *
   * @throws SettingsException when the members do not share the architecture, loss or validation
   *     fraction, or there are more than {@link TrainingConfig#MAX_ENSEMBLE}
   */
  public FitResult fitMembers(Dataset data, List<TrainingConfig> members, TrainingListener listener,
      StopSignal stop) {
    try (CheckpointLock lock = lock(members.isEmpty() ? null : members.get(0).checkpoint())) {
      if (members.isEmpty() || members.size() > TrainingConfig.MAX_ENSEMBLE) {
        throw new SettingsException(members.size() + " members; an ensemble has 1 to " + TrainingConfig.MAX_ENSEMBLE);
      }
      TrainingConfig first = members.get(0);
      checkLossParameterNames(first); // they share the loss, checked below
      for (int m = 1; m < members.size(); m++) {
        TrainingConfig c = members.get(m);
        if (!c.architecture().equals(first.architecture()) || !c.loss().equals(first.loss())
            || !c.lossParameters().equals(first.lossParameters())) {
          throw new SettingsException("the members of an ensemble share one network and one loss, but members.get(" + m
              + ") has " + c.architecture() + " with loss " + loss(c) + " and members.get(0) " + first.architecture()
              + " with loss " + loss(first));
        }
      }
      for (int m = 1; m < members.size(); m++) {
        if (validationFraction(members.get(m)) != validationFraction(first)) {
          throw new SettingsException("the members of an ensemble hold out one validation fraction, but members.get("
              + m + ") uses " + validationFraction(members.get(m)) + " and members.get(0) " + validationFraction(first));
        }
      }
      return fitEnsemble(data, first, members, listener, stop);
    }
  }

  /** The lock of {@code checkpoint}, or {@code null} without one; see {@link CheckpointLock}. */
  private static CheckpointLock lock(Path checkpoint) {
    return checkpoint == null ? null : CheckpointLock.acquire(checkpoint);
  }

  /** The share of rows {@code config} holds out, which depends on whether its optimizer is full-batch. */
  private double validationFraction(TrainingConfig config) {
    return config.validationFraction(plugins.optimizers().require(config.optimizer().id()).fullBatch());
  }

  /**
   * An ensemble of {@code members.size()} networks, trained in turn; see {@link #fitMembers}. A
   * finished member's checkpoint stays until the model is saved, so resuming skips it (its loop
   * ends at once) and continues the interrupted member. The model's run record, loss and held-out
   * rows are member 0's; {@code base} gives the checkpoint file and the resume flag.
   */
  private FitResult fitEnsemble(Dataset data, TrainingConfig base, List<TrainingConfig> configs,
      TrainingListener listener, StopSignal stop) {
    long start = System.nanoTime();
    int count = configs.size();
    Path checkpoint = base.checkpoint();
    if (checkpoint != null && !base.resume()) {
      for (int m = 1; m < count; m++) { // a fresh run: no member may later resume an older run's file
        deleteCheckpoint(TrainingConfig.memberCheckpoint(checkpoint, m));
      }
    }
    double fraction = validationFraction(configs.get(0));
    List<Model.Member> members = new ArrayList<>();
    MemberFit first = null;
    int resumed = 0;
    for (int m = 0; m < count; m++) {
      long seed = configs.get(m).seed();
      Path file = checkpoint == null ? null : TrainingConfig.memberCheckpoint(checkpoint, m);
      boolean resume = base.resume() && (m == 0 || Files.exists(file)); // a member without one had not started
      TrainingConfig member = configs.get(m).toBuilder().ensemble(1).checkpoint(file).resume(resume).build();
      OptimizerProvider optimizer = plugins.optimizers().require(member.optimizer().id());
      listener.memberStarted(m, count, seed);
      MemberFit fit;
      try {
        fit = fitMember(data, member, count, first == null ? null : first.standardization(), listener, stop, optimizer,
            member.epochs(optimizer.fullBatch()), fraction);
      } catch (TrainingInterruptedException e) {
        throw ensembleStopped(e, m, count, seed, checkpoint);
      }
      first = first == null ? fit : first;
      resumed += fit.resumedAfterEpoch();
      members.add(new Model.Member(seed, fit.outcome().weights(), fit.outcome().summary()));
    }
    Model model = Model.ensemble(first.network(), members, first.standardization(), data.featureNames(),
        data.classNames(), data.idColumn(), first.loss(), first.record(),
        ensembleSummary(members, (System.nanoTime() - start) / 1e9));
    Dataset held = first.validation();
    return new FitResult(model, held, held == null ? null
        : model.evaluate(held, outOfBag(model, data, held, fraction)), resumed);
  }

  /**
   * The ensemble's predictions for {@code held}, the rows its first member held out: each row's
   * mean over the members that held it out too (the first always), so no prediction comes from a
   * network that trained on its row. Averaging all members there instead flattered the ensemble
   * (measured on SJAFFE: KL 0.013 against 0.041 on rows no member saw).
   */
  static double[] outOfBag(Model model, Dataset data, Dataset held, double fraction) {
    int[] rows = splitRows(data, fraction, model.members().get(0).seed())[1];
    int n = held.rows();
    int k = model.classNames().size();
    double[] sum = new double[n * k];
    int[] count = new int[n];
    for (int m = 0; m < model.members().size(); m++) {
      boolean[] heldOut = new boolean[data.rows()];
      for (int r : splitRows(data, fraction, model.members().get(m).seed())[1]) {
        heldOut[r] = true;
      }
      double[] q = model.member(m).predict(n, held.features());
      for (int i = 0; i < n; i++) {
        if (heldOut[rows[i]]) {
          count[i]++;
          for (int j = 0; j < k; j++) {
            sum[i * k + j] += q[i * k + j];
          }
        }
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        sum[i * k + j] /= count[i];
      }
    }
    return sum;
  }

  /** The whole run of an ensemble, as {@link Model#summary()} describes it. */
  static TrainingSummary ensembleSummary(List<Model.Member> members, double wallSeconds) {
    int epochs = 0;
    int bestEpochs = 0;
    double seconds = 0; // training seconds per training row: epochs / (samples per second), rows being equal
    double trainingLoss = 0;
    double validationLoss = 0;
    for (Model.Member m : members) {
      TrainingSummary s = m.summary();
      epochs += s.epochs();
      bestEpochs += s.bestEpoch();
      seconds += s.epochs() == 0 ? 0 : s.epochs() / s.samplesPerSecond();
      trainingLoss += s.trainingLoss() / members.size();
      validationLoss += s.validationLoss() / members.size();
    }
    return new TrainingSummary(epochs, bestEpochs, seconds > 0 ? epochs / seconds : Double.NaN, wallSeconds,
        trainingLoss, validationLoss, "ensemble of " + members.size() + " members");
  }

  /** {@code e}, of member {@code m}, saying which member stopped and what is kept of the others. */
  private static TrainingInterruptedException ensembleStopped(TrainingInterruptedException e, int m, int count,
      long seed, Path checkpoint) {
    String done = m == 0 ? "" : m == 1 ? "member 1 had finished" : "members 1 to " + m + " had finished";
    String kept = m == 0 ? "" : checkpoint == null ? "; " + done + ", and without checkpoint(file) it is not kept"
        : "; " + done + ", kept in " + (m == 1 ? "its checkpoint file" : "their checkpoint files") + " beside "
            + checkpoint;
    return new TrainingInterruptedException("member " + (m + 1) + " of " + count + " (seed " + seed + "): "
        + e.situation() + kept, e.continuation(), e.checkpoint() == null ? null : checkpoint, e.epochsKept(),
        e.epoch(), e.batch(), e.batches());
  }

  private static void deleteCheckpoint(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new OutputFileException("the checkpoint " + file + " of an earlier run cannot be deleted: "
          + IoErrors.reason(e) + "; delete it by hand", e);
    }
  }

  /** The configured trainer, or the first of {@link TrainingConfig#DEFAULT_TRAINERS} installed. */
  private String trainerId(TrainingConfig config) {
    if (config.trainer() != null) {
      return config.trainer();
    }
    for (String id : TrainingConfig.DEFAULT_TRAINERS) {
      if (plugins.trainers().byId().containsKey(id)) {
        return id;
      }
    }
    throw new SettingsException("no trainer is installed (looked for " + Arrays.toString(TrainingConfig.DEFAULT_TRAINERS)
        + "); add fracnet-trainer-java or fracnet-trainer-nd4j to the classpath, or set trainer to a plugin's id");
  }

  /**
   * Splits rows at random (seeded) into training and validation; validation is {@code null} when
   * the fraction is 0.
   */
  static Dataset[] split(Dataset all, double fraction, long seed) {
    int[][] rows = splitRows(all, fraction, seed);
    return rows == null ? new Dataset[] {all, null} : new Dataset[] {all.select(rows[0]), all.select(rows[1])};
  }

  /** The training and validation rows of {@link #split}, each sorted; {@code null} when none are held out. */
  static int[][] splitRows(Dataset all, double fraction, long seed) {
    int n = all.rows();
    int held = (int) Math.round(n * fraction);
    if (fraction > 0 && (held < 1 || n - held < 1)) {
      throw new DataException(all.source() + " has " + n + (n == 1 ? " row" : " rows") + ", too few to hold out "
          + fraction + " for validation; set validationFraction(0) or give more rows");
    }
    if (held == 0) {
      return null;
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] val = Arrays.copyOfRange(order, 0, held);
    int[] tr = Arrays.copyOfRange(order, held, n);
    Arrays.sort(val);
    Arrays.sort(tr);
    return new int[][] {tr, val};
  }

  /** Passes everything on, and {@link #finished} only once (a failing run may call it twice). */
  private static final class OnceFinished implements TrainingListener {
    private final TrainingListener next;
    private boolean finished;

    OnceFinished(TrainingListener next) {
      this.next = next;
    }

    @Override
    public void started(int maxEpochs, int batchesPerEpoch) {
      next.started(maxEpochs, batchesPerEpoch);
    }

    @Override
    public void batchDone(int epoch, int batch) {
      next.batchDone(epoch, batch);
    }

    @Override
    public void epochDone(int epoch, double trainingLoss, double validationLoss) {
      next.epochDone(epoch, trainingLoss, validationLoss);
    }

    @Override
    public boolean wantsCheckpoints() {
      return next.wantsCheckpoints();
    }

    @Override
    public void checkpoint(TrainingCheckpoint checkpoint) {
      next.checkpoint(checkpoint);
    }

    @Override
    public void finished(TrainingSummary summary) {
      if (!finished) {
        finished = true;
        next.finished(summary);
      }
    }
  }
}
