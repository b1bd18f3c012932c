package org.fracnet.core.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fracnet.core.Fracnet;
import org.fracnet.core.FracnetException;
import org.fracnet.core.SettingsException;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.metrics.Metric;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;
import org.fracnet.core.training.FitResult;
import org.fracnet.core.training.OptimizerSettings;
import org.fracnet.core.training.TrainingConfig;
import org.fracnet.core.training.TrainingListener;

/**
 * Runs a comparison: every candidate trained on the same folds with the same seeds, each with its
 * own search on inner validation rows of the training folds, every row predicted once per repeat
 * by a model that did not see it. {@link ComparisonResult} turns the out-of-fold predictions into
 * metrics, tests and a verdict.
 *
 * <p>Per repeat r (seed {@code seed + r}), rows (or, with {@code groupByIds}, groups of rows with
 * one id) are shuffled and dealt to the folds in turn. Per fold and candidate, each setting of the
 * budget trains on the other folds' rows with {@value CompareConfig#INNER_VALIDATION} of them held
 * out (early stopping); the run with the lowest held-out KL is kept and predicts the fold. No
 * setting is chosen on a test fold, and every candidate sees the same splits and seeds.
 */
public final class Comparison {
  private final Fracnet fracnet;
  private final CompareConfig config;
  private final CompareListener listener;
  /** Training runs finished, or skipped with a dropped candidate. */
  private int runsDone;

  /** What a candidate's runs left, for {@link ComparisonResult}. */
  static final class Runs {
    final Candidate candidate;
    /** Per repeat, n x k out-of-fold predictions. */
    final double[][] predictions;
    /** Per repeat and fold, the chosen setting and its kept epoch. */
    final List<Map<String, Object>> chosen = new ArrayList<>();
    /** The chosen run of repeat 1, fold 1: per epoch, training and validation loss. */
    final List<double[]> learningCurve = new ArrayList<>();
    /** The network of that run, described ({@code NetworkSpec.describe}). */
    String network;
    /** The candidate's parameters as given, then the loss's defaults for the others. */
    Map<String, String> resolvedParameters = Map.of();
    String failure;

    Runs(Candidate candidate, int repeats, int cells) {
      this.candidate = candidate;
      this.predictions = new double[repeats][cells];
    }
  }

  private Comparison(Fracnet fracnet, CompareConfig config, CompareListener listener) {
    this.fracnet = fracnet;
    this.config = config;
    this.listener = listener;
  }

  /**
   * Compares the candidates of {@code config} on {@code data}.
   *
   * @throws SettingsException on an unknown loss or a candidate's unknown or invalid parameter
   *     (checked before any run), too few rows or groups for the folds, or no candidate that could
   *     be trained
   */
  public static ComparisonResult run(Fracnet fracnet, Dataset data, CompareConfig config, CompareListener listener) {
    return new Comparison(fracnet, config, listener).run(data);
  }

  private ComparisonResult run(Dataset data) {
    List<Candidate> candidates = config.candidates() != null ? config.candidates()
        : Candidates.defaults(data, fracnet.plugins().losses().byId().keySet());
    // a candidate's own settings (unknown or invalid parameters) fail here, before any run; a
    // failure that depends on a fold's rows leaves the candidate out later, with the reason
    TargetStatistics statistics = TargetStatistics.of(data.rows(), data.classCount(), data.targets(), data.weights(),
        data.weightsAreCounts());
    Map<Candidate, Map<String, String>> withDefaults = new java.util.HashMap<>();
    for (Candidate c : candidates) {
      Map<String, String> resolved = fracnet.plugins().losses().require(c.loss()) // fails naming the installed ones
          .create(Parameters.of("loss " + c.loss(), c.parameters()), statistics).resolvedParameters().asMap();
      // as given, then the defaults of the others (a value resolved from rows differs per fold: keep the rule)
      Map<String, String> merged = new LinkedHashMap<>(c.parameters());
      resolved.forEach(merged::putIfAbsent);
      withDefaults.put(c, merged);
    }
    if (config.groupByIds() && data.idColumn() == null) {
      throw new SettingsException("groupByIds(true) needs the data's id column: read the data with"
          + " DatasetSpec.idColumn naming the group column");
    }
    int n = data.rows();
    int k = data.classCount();
    int[][][] testRows = new int[config.repeats()][config.folds()][];
    int[][] folds = new int[config.repeats()][];
    for (int r = 0; r < config.repeats(); r++) {
      folds[r] = Folds.assign(data, config.folds(), config.seed() + r, config.groupByIds());
      for (int f = 0; f < config.folds(); f++) {
        testRows[r][f] = Folds.rows(folds[r], f, true);
      }
    }
    List<Budget.Setting> settings = config.budget().settings();
    listener.started(candidates.size() * config.repeats() * config.folds() * settings.size());
    List<Runs> all = new ArrayList<>();
    for (Candidate candidate : candidates) {
      Runs runs = new Runs(candidate, config.repeats(), n * k);
      runs.resolvedParameters = withDefaults.get(candidate);
      all.add(runs);
    }
    for (int r = 0; r < config.repeats(); r++) {
      for (int f = 0; f < config.folds(); f++) {
        // one split of the rows per fold, shared by every candidate
        Dataset train = data.select(Folds.rows(folds[r], f, false));
        Dataset test = data.select(testRows[r][f]);
        for (Runs runs : all) {
          if (runs.failure == null) {
            fold(runs, settings, train, test, testRows[r][f], r, f);
          } else {
            runsDone += settings.size(); // a dropped candidate's runs count as done
          }
        }
      }
    }
    listener.finished();
    if (all.stream().allMatch(x -> x.failure != null)) {
      throw new SettingsException("no candidate could be trained on " + data.source() + "; the first failed with: "
          + all.get(0).failure);
    }
    return new ComparisonResult(data, config, all, testRows);
  }

  /**
   * One candidate's search on one fold: every setting trained on {@code train}, the one with the
   * lowest held-out KL predicting {@code test}; when no setting trains, the candidate is dropped.
   */
  private void fold(Runs runs, List<Budget.Setting> settings, Dataset train, Dataset test, int[] testRows, int r,
      int f) {
    Candidate candidate = runs.candidate;
    FitResult best = null;
    double bestKl = Double.POSITIVE_INFINITY;
    Budget.Setting bestSetting = null;
    List<double[]> bestCurve = null;
    String lastFailure = null;
    for (Budget.Setting s : settings) {
      List<double[]> curve = new ArrayList<>();
      try {
        FitResult fit = fracnet.train(train, runConfig(candidate, s, r, f), new TrainingListener() {
          @Override
          public void epochDone(int epoch, double trainingLoss, double validationLoss) {
            curve.add(new double[] {epoch, trainingLoss, validationLoss});
          }
        });
        double kl = fit.heldOut().model().get(Metric.KL);
        if (kl < bestKl) {
          bestKl = kl;
          best = fit;
          bestSetting = s;
          bestCurve = curve;
        }
      } catch (FracnetException e) {
        lastFailure = e.getMessage();
      }
      listener.runDone(++runsDone, candidate.id(), r + 1, f + 1);
    }
    if (best == null) {
      runs.failure = lastFailure;
      listener.candidateDropped(candidate.id(), lastFailure);
      return;
    }
    int k = test.classCount();
    double[] q = best.model().predict(test.rows(), test.features());
    for (int i = 0; i < testRows.length; i++) {
      System.arraycopy(q, i * k, runs.predictions[r], testRows[i] * k, k);
    }
    Map<String, Object> chosen = new LinkedHashMap<>();
    chosen.put("repeat", r + 1);
    chosen.put("fold", f + 1);
    chosen.put("learning_rate", bestSetting.learningRate());
    chosen.put("weight_decay", bestSetting.weightDecay());
    chosen.put("epochs", best.model().summary().bestEpoch());
    chosen.put("inner_validation_kl", bestKl);
    runs.chosen.add(chosen);
    if (r == 0 && f == 0) {
      runs.learningCurve.addAll(bestCurve);
      runs.network = best.model().network().describe();
    }
  }

  /** The training settings of one run: the shared ones, plus this candidate, setting and cell. */
  private TrainingConfig runConfig(Candidate candidate, Budget.Setting s, int repeat, int fold) {
    return withSetting(config.training(), candidate, s).toBuilder().patience(config.budget().patience())
        .seed(config.seed() + 1000L * repeat + fold).validationFraction(CompareConfig.INNER_VALIDATION)
        .checkpoint(null).resume(false).build();
  }

  /** {@code training} with {@code candidate}'s loss and the learning rate and weight decay of {@code s}. */
  static TrainingConfig withSetting(TrainingConfig training, Candidate candidate, Budget.Setting s) {
    OptimizerSettings optimizer = training.optimizer();
    if (s.weightDecay() > 0) {
      optimizer = optimizer.weightDecay(s.weightDecay());
    }
    return training.toBuilder().loss(candidate.loss(), candidate.parameters()).optimizer(optimizer)
        .learningRate(s.learningRate()).build();
  }
}
