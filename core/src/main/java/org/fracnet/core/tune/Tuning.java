package org.fracnet.core.tune;

import java.util.List;
import java.util.Objects;

/**
 * The record of a search: every setting tried with its cross-validated score, and the choice.
 * Saved in {@code model.json} under {@code tuning}; {@link org.fracnet.core.model.Model#tuning()}
 * reads it back.
 *
 * @param budget the budget's id (quick, standard, thorough)
 * @param folds the inner folds
 * @param metric the key of the metric that chose (e.g. {@code kl})
 * @param higherIsBetter the metric's direction
 * @param seed the seed of the folds and fits
 * @param rows the rows tuned on (the training data; nothing else was read)
 * @param seconds the search's wall time, the refit not counted
 * @param trials every setting tried, in order; the first is the base settings with the first loss
 * @param chosen the index of the chosen trial
 * @param members the trial each member of the refit model trained with, by index, member 0 first
 *     (always the chosen one): one entry for a single network; for an ensemble, the settings that
 *     ensemble selection picked, a setting picked again training again with the next seed
 */
public record Tuning(String budget, int folds, String metric, boolean higherIsBetter, long seed, int rows,
    double seconds, List<Trial> trials, int chosen, List<Integer> members) {
  /** How the search works, as the model file states it. */
  public static final String METHOD = "Each setting is trained on k-1 inner folds of the training data (early stopping"
      + " on the validation fraction of those rows) and predicts the remaining fold; the score is the metric of the"
      + " pooled out-of-fold predictions of all k folds, sd its standard deviation over the folds. Every setting"
      + " sees the same folds and seeds; ties keep the earlier setting. The chosen one is refit on all training rows."
      + " An ensemble of N networks is chosen by greedy ensemble selection with replacement (Caruana et al. 2004):"
      + " starting from the chosen setting, N-1 times the setting with the same network and loss whose pooled"
      + " out-of-fold predictions, averaged with those already picked, score best is added; member m is refit with"
      + " its setting and seed + m.";

  public Tuning {
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(metric, "metric");
    trials = List.copyOf(trials);
    if (chosen < 0 || chosen >= trials.size()) {
      throw new IllegalArgumentException("chosen " + chosen + " is not one of " + trials.size() + " trials");
    }
    members = List.copyOf(members);
    if (members.isEmpty() || members.get(0) != chosen) {
      throw new IllegalArgumentException("member 0 is trial " + (members.isEmpty() ? "none" : members.get(0))
          + ", not the chosen " + chosen);
    }
    for (int m : members) {
      if (m < 0 || m >= trials.size() || !trials.get(m).ok()) {
        throw new IllegalArgumentException("member trial " + m + " is not one of the " + trials.size()
            + " trials that trained");
      }
    }
  }

  /** The record of a search whose choice was refit as one network. */
  public Tuning(String budget, int folds, String metric, boolean higherIsBetter, long seed, int rows, double seconds,
      List<Trial> trials, int chosen) {
    this(budget, folds, metric, higherIsBetter, seed, rows, seconds, trials, chosen, List.of(chosen));
  }

  /** The chosen trial. */
  public Trial choice() {
    return trials.get(chosen);
  }

  /**
   * How many members each setting trains, by the setting's name, in the order the members first
   * use it: e.g. {@code {base=3, weight decay 0.001=2}}; one entry of 1 for a single network.
   */
  public java.util.Map<String, Integer> memberCounts() {
    java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
    for (int m : members) {
      counts.merge(trials.get(m).name(), 1, Integer::sum);
    }
    return counts;
  }

  /** The best trial other than the chosen one among those that trained, or {@code null} when there is none. */
  public Trial runnerUp() {
    Trial best = null;
    for (int i = 0; i < trials.size(); i++) {
      Trial t = trials.get(i);
      if (i != chosen && t.ok() && (best == null || (higherIsBetter ? t.score() > best.score() : t.score() < best.score()))) {
        best = t;
      }
    }
    return best;
  }

  /**
   * The standard error of the chosen trial's score: its standard deviation over the folds over the
   * square root of their number.
   */
  public double standardError() {
    return choice().sd() / Math.sqrt(folds);
  }

  /**
   * Whether the runner-up scores within one {@link #standardError} of the choice: by the
   * one-standard-error rule (Hastie, Tibshirani and Friedman, The Elements of Statistical
   * Learning, 7.10), a margin the search does not separate from the folds' spread. The spread is
   * not paired (both trials share the folds), so this is a rule of thumb, not a test. False
   * without a runner-up.
   */
  public boolean choiceWithinNoise() {
    Trial next = runnerUp();
    return next != null && Math.abs(next.score() - choice().score()) < standardError();
  }

  /** The first trial: the base settings with the first loss (what {@code train} without tuning trains). */
  public Trial base() {
    return trials.get(0);
  }

  /**
   * One setting (with one loss) and how it scored.
   *
   * @param name the setting's name, with the loss's id after " / " when several losses were tried
   * @param loss the loss's id with its parameters
   * @param architecture the network, e.g. {@code mlp{hidden=256,256}}
   * @param optimizer the optimizer with its parameters, e.g. {@code adam{weight-decay=0.001}}
   * @param learningRate the base learning rate
   * @param batchSize rows per mini-batch
   * @param score the metric of the pooled out-of-fold predictions, NaN when it failed
   * @param sd the standard deviation of the metric over the folds, NaN when it failed
   * @param seconds wall time of its fits
   * @param failure why it could not be trained, or {@code null}
   */
  public record Trial(String name, String loss, String architecture, String optimizer, double learningRate,
      int batchSize, double score, double sd, double seconds, String failure) {
    public Trial {
      Objects.requireNonNull(name, "name");
    }

    /** Whether every fold trained. */
    public boolean ok() {
      return failure == null && !Double.isNaN(score);
    }
  }
}
