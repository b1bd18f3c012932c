package org.fracnet.core.training;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.fracnet.core.FracnetException;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.discovery.Plugins;
import org.fracnet.core.model.CheckpointFile;
import org.fracnet.core.model.FittedModel;
import org.fracnet.core.model.Standardization;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.TargetStatistics;
import org.fracnet.core.spi.TrainingCheckpoint;
import org.fracnet.core.spi.Trainer;
import org.fracnet.core.spi.TrainingRequest;
import org.fracnet.core.spi.TrainingResult;

/** Fits models with discovered providers. Thread-safe; holds only the registries. */
public final class ModelFitter {
  private final Plugins plugins;

  @jakarta.inject.Inject
  public ModelFitter(Plugins plugins) {
    this.plugins = plugins;
  }

  /**
   * Splits, standardises, trains and returns the fitted model with its loss and held-out rows.
   *
   * @throws FracnetException on unknown ids, invalid parameters, or a diverging run
   */
  public FitResult fit(FitRequest r) {
    Dataset all = r.data();
    Dataset[] split = split(all, r.validationFraction(), r.options().seed());
    Dataset rawTrain = split[0];
    Dataset validation = split[1];
    Standardization std = Standardization.fit(rawTrain.rows(), rawTrain.featureCount(), rawTrain.features());
    // With rows held out, the training split is this method's own copy: standardised in place, it
    // saves a copy of most of the features at the peak. Without, it is the caller's data.
    Dataset train = rawTrain == all ? rawTrain.withFeatures(std.apply(rawTrain.features()))
        : rawTrain.withFeatures(std.applyInPlace(rawTrain.features()));
    Dataset validationStd = validation == null ? null : validation.withFeatures(std.apply(validation.features()));
    TargetStatistics stats = TargetStatistics.of(train.rows(), train.classCount(), train.targets(),
        train.weights(), train.weightsAreCounts());
    LossFunction loss = plugins.losses().require(r.loss())
        .create(r.lossParameters().withOwner("loss " + r.loss()), stats);
    NetworkSpec network = plugins.architectures().require(r.architecture())
        .create(r.architectureParameters(), train.featureCount(), loss.outputs());
    var optimizer = plugins.optimizers().require(r.optimizer());
    Trainer trainer = plugins.trainers().require(r.trainer())
        .create(r.trainerParameters().withOwner("trainer " + r.trainer()));
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("data", all.source());
    training.put("rows", all.rows());
    training.put("training_rows", train.rows());
    training.put("validation_rows", validation == null ? 0 : validation.rows());
    training.put("targets_are", all.weightsAreCounts() ? "counts" : "fractions");
    training.put("loss", r.loss());
    training.put("loss_parameters", r.lossParameters().asMap());
    training.put("architecture", r.architecture());
    training.put("trainer", r.trainer());
    training.put("trainer_parameters", r.trainerParameters().asMap());
    // Trainers choose their default thread count from this, and the thread count shapes the
    // floating-point sums: a resumed run must see the same.
    training.put("available_processors", Runtime.getRuntime().availableProcessors());
    training.put("architecture_parameters", r.architectureParameters().asMap());
    training.put("optimizer", r.optimizer());
    training.put("optimizer_parameters", r.optimizerParameters().asMap());
    training.put("epochs", r.options().epochs());
    training.put("batch_size", r.options().batchSize());
    training.put("learning_rate", r.options().learningRate());
    training.put("lr_schedule", r.options().schedule().id());
    if (r.options().schedule().kind() == org.fracnet.core.spi.LearningRateSchedule.Kind.STEP) {
      training.put("lr_step_epochs", r.options().schedule().stepEpochs());
      training.put("lr_gamma", r.options().schedule().gamma());
    }
    training.put("seed", r.options().seed());
    training.put("patience", r.options().patience());
    training.put("validation_fraction", r.validationFraction());
    training.put("training_class_means", stats.classMeans());
    TrainingCheckpoint resumeFrom = null;
    if (r.resume()) {
      CheckpointFile.Saved saved = CheckpointFile.read(r.checkpoint());
      requireSameRun(saved.run(), training, r.checkpoint());
      resumeFrom = saved.checkpoint();
    }
    FitListener listener = new FitListener(r.listener(), r.checkpoint(), training);
    TrainingResult result;
    try {
      result = trainer.train(new TrainingRequest(train, validationStd, network, loss, optimizer,
          r.optimizerParameters().withOwner("optimizer " + r.optimizer()), r.options(), listener, resumeFrom));
    } catch (RuntimeException | Error e) {
      listener.failed(e);
      throw e;
    }

    FittedModel model = new FittedModel(network, result.weights(), std, all.featureNames(),
        all.classNames(), all.idColumn(), loss.id(), loss.resolvedParameters(), training, result.summary());
    return new FitResult(model, loss, validation, resumeFrom == null ? 0 : resumeFrom.epoch());
  }

  /** Run settings that may differ between a checkpoint and the run resuming it. */
  private static final java.util.Set<String> MAY_DIFFER_ON_RESUME = java.util.Set.of("epochs", "data");

  /**
   * Fails, naming the first difference, unless the run that wrote a checkpoint had the same
   * settings as this one (compared as JSON, so numbers and lists compare by value).
   */
  static void requireSameRun(Map<String, Object> saved, Map<String, Object> current, java.nio.file.Path file) {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.JsonNode before;
    com.fasterxml.jackson.databind.JsonNode now;
    try { // through text, so that 42 as int and as long compare equal
      before = json.readTree(json.writeValueAsString(saved));
      now = json.readTree(json.writeValueAsString(current));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    java.util.Set<String> keys = new java.util.TreeSet<>();
    before.fieldNames().forEachRemaining(keys::add);
    now.fieldNames().forEachRemaining(keys::add);
    boolean epochsShapeTheRate = "cosine".equals(now.path("lr_schedule").asText());
    for (String key : keys) {
      boolean mayDiffer = MAY_DIFFER_ON_RESUME.contains(key) && !(key.equals("epochs") && epochsShapeTheRate);
      if (!mayDiffer && !before.path(key).equals(now.path(key))) {
        throw new FracnetException("checkpoint " + file + " was written by a run with " + key + "="
            + before.path(key) + ", but this run has " + key + "=" + now.path(key)
            + "; resume with the same data and options (only --epochs may change, and not with the cosine"
            + " schedule, whose rate depends on it), or run without --resume");
      }
    }
  }

  /**
   * Splits rows at random (seeded) into training and validation; validation is {@code null} when
   * the fraction is 0.
   */
  static Dataset[] split(Dataset all, double fraction, long seed) {
    int n = all.rows();
    int held = (int) Math.round(n * fraction);
    if (fraction > 0 && (held < 1 || n - held < 1)) {
      throw new FracnetException(all.source() + " has " + n + " rows, too few to hold out "
          + fraction + " for validation; use --validation 0 or more rows");
    }
    if (held == 0) {
      return new Dataset[] {all, null};
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
    int[] val = java.util.Arrays.copyOfRange(order, 0, held);
    int[] tr = java.util.Arrays.copyOfRange(order, held, n);
    java.util.Arrays.sort(val);
    java.util.Arrays.sort(tr);
    return new Dataset[] {all.select(tr), all.select(val)};
  }
}
