package org.fracnet.core.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What was trained, how and on what: stored in every model file (under {@code training}) and
 * checkpoint (under {@code run}), and compared when a run resumes a checkpoint.
 *
 * @param data where the rows came from (a file name)
 * @param rows rows of the data set
 * @param trainingRows rows trained on
 * @param validationRows rows held out for validation
 * @param targetsAre {@code fractions} or {@code counts}
 * @param loss the loss's id; {@code lossParameters} as the user gave them
 * @param architecture the architecture's id; {@code architectureParameters} as given
 * @param optimizer the optimizer's id; {@code optimizerParameters} as given
 * @param trainer the trainer's id; {@code trainerParameters} as given
 * @param availableProcessors the processors the JVM saw (trainers choose their default thread
 *     count from it, and the thread count shapes the floating-point sums); on Spark, the number of
 *     partitions the rows were read into, which orders them and shapes the sums
 * @param epochs the maximum epochs
 * @param batchSize rows per mini-batch
 * @param learningRate the base learning rate
 * @param schedule the schedule's id: constant, step or cosine
 * @param lrStepEpochs epochs between decays of the step schedule
 * @param lrGamma decay factor of the step schedule
 * @param seed the seed
 * @param patience early-stopping patience
 * @param validationFraction the share of rows held out
 * @param trainingClassMeans the weighted mean target of the training rows (the mean predictor)
 */
public record RunRecord(String data, int rows, int trainingRows, int validationRows, String targetsAre,
    String loss, Map<String, String> lossParameters, String architecture,
    Map<String, String> architectureParameters, String optimizer, Map<String, String> optimizerParameters,
    String trainer, Map<String, String> trainerParameters, int availableProcessors, int epochs,
    int batchSize, double learningRate, String schedule, int lrStepEpochs, double lrGamma, long seed,
    int patience, double validationFraction, double[] trainingClassMeans) {
  public RunRecord {
    lossParameters = ordered(lossParameters);
    architectureParameters = ordered(architectureParameters);
    optimizerParameters = ordered(optimizerParameters);
    trainerParameters = ordered(trainerParameters);
    trainingClassMeans = trainingClassMeans.clone();
    Objects.requireNonNull(schedule, "schedule");
  }

  private static Map<String, String> ordered(Map<String, String> map) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  @Override
  public double[] trainingClassMeans() {
    return trainingClassMeans.clone();
  }

  /** The learning-rate schedule. */
  public LearningRateSchedule learningRateSchedule() {
    return LearningRateSchedule.of(schedule, lrStepEpochs, lrGamma);
  }

  /** The Spark trainer's id, whose records hold the number of partitions in {@code availableProcessors}. */
  private static final String SPARK = "spark";

  /**
   * The settings in which a run resuming this record's checkpoint differs from it, as
   * {@code name: saved -> current}; empty when it may resume. The data file's name and the
   * maximum epochs may differ, except that the cosine schedule's rate depends on the epochs.
   */
  public List<String> resumeConflicts(RunRecord current) {
    Map<String, Object[]> pairs = new LinkedHashMap<>();
    pairs.put("rows", new Object[] {rows, current.rows});
    pairs.put("trainingRows", new Object[] {trainingRows, current.trainingRows});
    pairs.put("validationRows", new Object[] {validationRows, current.validationRows});
    pairs.put("targetsAre", new Object[] {targetsAre, current.targetsAre});
    pairs.put("loss", new Object[] {List.of(loss, lossParameters), List.of(current.loss, current.lossParameters)});
    pairs.put("architecture", new Object[] {List.of(architecture, architectureParameters),
        List.of(current.architecture, current.architectureParameters)});
    pairs.put("optimizer", new Object[] {List.of(optimizer, optimizerParameters),
        List.of(current.optimizer, current.optimizerParameters)});
    pairs.put("trainer", new Object[] {List.of(trainer, trainerParameters), List.of(current.trainer, current.trainerParameters)});
    // named as what it holds: on Spark the field is the number of partitions (see the constructor)
    pairs.put(trainer.equals(SPARK) ? "partitions" : "availableProcessors",
        new Object[] {availableProcessors, current.availableProcessors});
    if (schedule.equals("cosine") || current.schedule.equals("cosine")) {
      pairs.put("epochs", new Object[] {epochs, current.epochs});
    }
    pairs.put("batchSize", new Object[] {batchSize, current.batchSize});
    pairs.put("learningRate", new Object[] {learningRate, current.learningRate});
    pairs.put("schedule", new Object[] {schedule, current.schedule});
    if (schedule.equals("step") || current.schedule.equals("step")) {
      pairs.put("lrStepEpochs", new Object[] {lrStepEpochs, current.lrStepEpochs});
      pairs.put("lrGamma", new Object[] {lrGamma, current.lrGamma});
    }
    pairs.put("seed", new Object[] {seed, current.seed});
    pairs.put("patience", new Object[] {patience, current.patience});
    pairs.put("validationFraction", new Object[] {validationFraction, current.validationFraction});
    List<String> conflicts = new ArrayList<>();
    pairs.forEach((name, pair) -> {
      if (!Objects.equals(pair[0], pair[1])) {
        conflicts.add(name + ": " + pair[0] + " -> " + pair[1]);
      }
    });
    if (!sameMeans(trainingClassMeans, current.trainingClassMeans)) {
      conflicts.add("trainingClassMeans differ (other training rows or targets)");
    }
    return conflicts;
  }

  /**
   * Whether two runs' training class means are equal to within 1e-12 relative: the same rows summed
   * in another order (a cluster's shuffle) differ in the last bits, other rows far more.
   */
  private static boolean sameMeans(double[] a, double[] b) {
    if (a == null || b == null || a.length != b.length) {
      return a == b;
    }
    for (int j = 0; j < a.length; j++) {
      if (Math.abs(a[j] - b[j]) > 1e-12 * Math.max(Math.abs(a[j]), Math.abs(b[j]))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RunRecord r && r.data.equals(data) && resumeConflicts(r).isEmpty()
        && r.epochs == epochs;
  }

  @Override
  public int hashCode() {
    return Objects.hash(data, rows, loss, architecture, optimizer, trainer, epochs, seed);
  }
}
