package org.fracnet.core.tune;

import java.util.ArrayList;
import java.util.List;
import org.fracnet.core.Fracnet;
import org.fracnet.core.FracnetException;
import org.fracnet.core.TrainingException;
import org.fracnet.core.compare.Candidate;
import org.fracnet.core.compare.Folds;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.metrics.Metric;
import org.fracnet.core.metrics.Metrics;
import org.fracnet.core.model.Model;
import org.fracnet.core.training.FitResult;
import org.fracnet.core.training.StopSignal;
import org.fracnet.core.training.TrainingConfig;
import org.fracnet.core.training.TrainingListener;

/**
 * Runs a search ({@link org.fracnet.core.Fracnet#tune}): the rows are dealt to k folds with
 * compare's {@link Folds}; every setting of {@link SearchSpace} (times every loss) trains on k-1
 * folds with the base settings' early stopping and predicts the remaining fold; the metric of the
 * pooled out-of-fold predictions ({@link Metrics#evaluate}, as compare scores its candidates)
 * chooses, in the metric's direction, ties keeping the earlier setting; the choice is refit on all
 * rows with the base seed and validation fraction. With an ensemble of N, the members' settings
 * are picked by greedy ensemble selection over the same out-of-fold predictions ({@link #select}).
 * Only the rows given are read.
 */
public final class Tuner {
  private Tuner() {}

  /** Trains on some rows and returns what predicts others; {@link #run} trains a model, tests a stand-in. */
  @FunctionalInterface
  interface InnerFit {
    Predictor fit(Dataset train, TrainingConfig config);
  }

  /** Predicted fractions (n x k, row-major) of some rows. */
  @FunctionalInterface
  interface Predictor {
    double[] predict(Dataset rows);
  }

  /** The search's record and what it chose: the setting and loss of each member, member 0 the choice. */
  record Outcome(Tuning tuning, List<SearchSpace.Setting> settings, List<Candidate> losses) {
    SearchSpace.Setting setting() {
      return settings.get(0);
    }

    Candidate loss() {
      return losses.get(0);
    }
  }

  /**
   * Tunes on {@code data} and refits the choice on all of it.
   *
   * @throws org.fracnet.core.SettingsException on an unknown id or too few rows for the folds
   * @throws TrainingException when no setting could be trained
   */
  public static TuneResult run(Fracnet fracnet, Dataset data, TuneConfig config, TuneListener listener) {
    Outcome outcome = search(data, config, (train, c) -> {
      Model m = fracnet.train(train, c).model();
      return rows -> m.predict(rows.rows(), rows.features());
    }, listener);
    List<Integer> picked = outcome.tuning().members();
    listener.refitStarted(outcome.tuning().choice().name() + (picked.size() == 1 ? ""
        : " and " + (picked.size() - 1) + " more members (" + String.join(", ", picked.stream().skip(1)
            .map(t -> outcome.tuning().trials().get(t).name()).toList()) + ")"));
    FitResult fit;
    if (picked.size() == 1) {
      fit = fracnet.train(data, refitConfig(config, outcome.setting(), outcome.loss()));
    } else {
      List<TrainingConfig> members = new ArrayList<>();
      for (int m = 0; m < picked.size(); m++) {
        members.add(refitConfig(config, outcome.settings().get(m), outcome.losses().get(m)).toBuilder().ensemble(1)
            .seed(config.training().seed() + m).build());
      }
      fit = fracnet.trainEnsemble(data, members, TrainingListener.NONE, new StopSignal());
    }
    Model tuned = fit.model().withTuning(outcome.tuning());
    return new TuneResult(new FitResult(tuned, fit.validation(), fit.heldOut(), fit.resumedAfterEpoch()),
        outcome.tuning());
  }

  /** The search alone: every setting cross-validated through {@code fit}, and the choice. */
  static Outcome search(Dataset data, TuneConfig config, InnerFit fit, TuneListener listener) {
    long start = System.nanoTime();
    List<SearchSpace.Setting> settings = SearchSpace.of(config.budget());
    List<Candidate> losses = config.losses();
    int n = data.rows();
    int k = data.classCount();
    int folds = config.folds();
    Metric metric = config.selectBy();
    int[] fold = Folds.assign(data, folds, config.effectiveSeed(), config.groupByIds());
    int cells = settings.size() * losses.size();
    double[][] predictions = new double[cells][n * k];
    double[][] foldScores = new double[cells][folds];
    long[] nanos = new long[cells];
    String[] failures = new String[cells];
    listener.started(cells * folds);
    int done = 0;
    for (int f = 0; f < folds; f++) { // one split at a time: only one training copy of the rows is kept
      int[] testRows = Folds.rows(fold, f, true);
      Dataset train = data.select(Folds.rows(fold, f, false));
      Dataset test = data.select(testRows);
      for (int c = 0; c < cells; c++) {
        SearchSpace.Setting setting = settings.get(c / losses.size());
        Candidate loss = losses.get(c % losses.size());
        if (failures[c] == null) {
          long t0 = System.nanoTime();
          try {
            double[] q = fit.fit(train, innerConfig(config, setting, loss, f)).predict(test);
            for (int i = 0; i < testRows.length; i++) {
              System.arraycopy(q, i * k, predictions[c], testRows[i] * k, k);
            }
            foldScores[c][f] = Metrics.evaluate(test.rows(), test.classNames(), test.targets(), q, test.weights())
                .get(metric);
          } catch (FracnetException e) {
            failures[c] = e.getMessage();
          }
          nanos[c] += System.nanoTime() - t0;
        }
        listener.runDone(++done, name(setting, loss, losses.size()), f + 1);
      }
    }
    List<Tuning.Trial> trials = new ArrayList<>();
    int chosen = -1;
    for (int c = 0; c < cells; c++) {
      SearchSpace.Setting setting = settings.get(c / losses.size());
      Candidate loss = losses.get(c % losses.size());
      TrainingConfig shown = setting.apply(config.training(), loss).build();
      double score = failures[c] != null ? Double.NaN
          : Metrics.evaluate(n, data.classNames(), data.targets(), predictions[c], data.weights()).get(metric);
      Tuning.Trial trial = new Tuning.Trial(name(setting, loss, losses.size()), loss.id(),
          shown.architecture().toString(), shown.optimizer().toString(), shown.learningRate(), shown.batchSize(),
          score, failures[c] != null ? Double.NaN : sd(foldScores[c]), nanos[c] / 1e9, failures[c]);
      trials.add(trial);
      listener.settingDone(trial);
      if (trial.ok() && (chosen < 0 || better(metric, score, trials.get(chosen).score()))) {
        chosen = c;
      }
    }
    listener.finished();
    if (chosen < 0) {
      throw new TrainingException("no setting could be trained on " + data.source() + "; the first failed with: "
          + trials.get(0).failure());
    }
    List<Integer> members = select(data, trials, predictions, chosen, config.training().ensemble(), metric);
    Tuning tuning = new Tuning(config.budget().id(), folds, metric.key(), metric.higherIsBetter(),
        config.effectiveSeed(), n, (System.nanoTime() - start) / 1e9, trials, chosen, members);
    return new Outcome(tuning, members.stream().map(c -> settings.get(c / losses.size())).toList(),
        members.stream().map(c -> losses.get(c % losses.size())).toList());
  }

  /**
   * Greedy ensemble selection with replacement (Caruana et al. 2004) over the out-of-fold
   * predictions: member 0 is {@code chosen}; each further member is the trial, among those with the
   * chosen one's network and loss (an ensemble's members share them), whose predictions averaged
   * with those picked so far score best by {@code metric}, ties keeping the earlier trial. A trial
   * may be picked more than once (it then trains again with another seed).
   *
   * @param predictions each trial's pooled out-of-fold predictions, n x k row-major
   * @return the trial of each of the {@code size} members
   */
  static List<Integer> select(Dataset data, List<Tuning.Trial> trials, double[][] predictions, int chosen, int size,
      Metric metric) {
    int n = data.rows();
    int k = data.classCount();
    List<Integer> members = new ArrayList<>(List.of(chosen));
    double[] sum = predictions[chosen].clone();
    double[] mean = new double[n * k];
    Tuning.Trial first = trials.get(chosen);
    while (members.size() < size) {
      int best = -1;
      double bestScore = Double.NaN;
      for (int c = 0; c < trials.size(); c++) {
        Tuning.Trial t = trials.get(c);
        if (!t.ok() || !t.architecture().equals(first.architecture()) || !t.loss().equals(first.loss())) {
          continue;
        }
        for (int i = 0; i < mean.length; i++) {
          mean[i] = (sum[i] + predictions[c][i]) / (members.size() + 1);
        }
        double score = Metrics.evaluate(n, data.classNames(), data.targets(), mean, data.weights()).get(metric);
        if (best < 0 || better(metric, score, bestScore)) {
          best = c;
          bestScore = score;
        }
      }
      members.add(best);
      for (int i = 0; i < sum.length; i++) {
        sum[i] += predictions[best][i];
      }
    }
    return members;
  }

  /**
   * The settings of one inner fit: the base settings changed by {@code setting}, with {@code loss},
   * a seed per fold (shared by every setting), and no checkpoint.
   */
  static TrainingConfig innerConfig(TuneConfig config, SearchSpace.Setting setting, Candidate loss, int fold) {
    // a setting is judged as one network; the refit trains the base settings' ensemble of it
    return setting.apply(config.training(), loss).seed(config.effectiveSeed() + fold).checkpoint(null)
        .resume(false).ensemble(1).build();
  }

  /**
   * The settings of the refit on all rows: the base settings (seed, validation fraction for early
   * stopping, the ensemble size) changed by the chosen setting and loss; with an ensemble, member m
   * takes its own setting's with ensemble 1 and seed + m.
   */
  static TrainingConfig refitConfig(TuneConfig config, SearchSpace.Setting setting, Candidate loss) {
    return setting.apply(config.training(), loss).checkpoint(null).resume(false).build();
  }

  /** Whether {@code a} is strictly better than {@code b} by {@code metric}. */
  static boolean better(Metric metric, double a, double b) {
    return metric.higherIsBetter() ? a > b : a < b;
  }

  private static String name(SearchSpace.Setting setting, Candidate loss, int losses) {
    return losses == 1 ? setting.name() : setting.name() + " / " + loss.id();
  }

  private static double sd(double[] values) {
    if (values.length < 2) {
      return 0;
    }
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= values.length;
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    return Math.sqrt(ss / (values.length - 1));
  }
}
