package org.fracnet.core.tune;

import java.util.List;
import java.util.Objects;
import org.fracnet.core.SettingsException;
import org.fracnet.core.compare.Budget;
import org.fracnet.core.compare.Candidate;
import org.fracnet.core.metrics.Metric;
import org.fracnet.core.training.TrainingConfig;

/**
 * How to tune: the base training settings (the search changes a few of them per setting, see
 * {@link SearchSpace}), the budget, the inner cross-validation, the metric that selects, and the
 * losses to try. Every default is here; build one with {@link #builder()}.
 *
 * @param training the base settings: tried as they are ({@code base}), changed by each other
 *     setting, and used for the refit (its validation fraction for early stopping, its seed)
 * @param budget which grid of {@link SearchSpace} to try
 * @param folds the k of the inner k-fold cross-validation, 2 to 20
 * @param selectBy the metric of the out-of-fold predictions that chooses the setting, in its own
 *     direction ({@link Metric#higherIsBetter()})
 * @param candidates the losses to try with every setting, or {@code null} for the base loss only
 * @param seed the seed of the folds and of every fit, or {@code null} for the base settings' seed
 * @param groupByIds whether rows with one id (the data's id column) stay in one fold
 */
public record TuneConfig(TrainingConfig training, Budget budget, int folds, Metric selectBy,
    List<Candidate> candidates, Long seed, boolean groupByIds) {
  /** The budget when not set. */
  public static final Budget DEFAULT_BUDGET = Budget.QUICK;
  /** Inner folds when not set: 3 keeps quick under 5 minutes on 2,500 rows x 250 features on 2 cores. */
  public static final int DEFAULT_FOLDS = 3;
  /** The metric that selects when not set. */
  public static final Metric DEFAULT_SELECT_BY = Metric.KL;

  public TuneConfig {
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(selectBy, "selectBy");
    if (folds < 2 || folds > 20) {
      throw new SettingsException("folds(" + folds + ") is out of range; use 2 to 20, e.g. " + DEFAULT_FOLDS);
    }
    if (candidates != null && candidates.isEmpty()) {
      throw new SettingsException("candidates are empty; give at least one loss, or none for the base loss");
    }
    candidates = candidates == null ? null : List.copyOf(candidates);
    if (training.resume()) {
      throw new SettingsException("resume(true) cannot be combined with tuning; tuning keeps no checkpoint");
    }
  }

  /** The seed of the folds and fits: {@link #seed()} or the base settings'. */
  public long effectiveSeed() {
    return seed != null ? seed : training.seed();
  }

  /** The losses to try: {@link #candidates()} or the base settings' loss. */
  public List<Candidate> losses() {
    return candidates != null ? candidates
        : List.of(new Candidate(training.loss(), training.lossParameters().asMap()));
  }

  /**
   * The metric whose key is {@code key} (e.g. {@code kl}, {@code cosine}).
   *
   * @throws SettingsException naming the known keys
   */
  public static Metric metric(String key) {
    for (Metric m : Metric.values()) {
      if (m.key().equals(key)) {
        return m;
      }
    }
    StringBuilder known = new StringBuilder();
    for (Metric m : Metric.values()) {
      known.append(known.length() == 0 ? "" : ", ").append(m.key());
    }
    throw new SettingsException("selectBy(" + key + ") is not a metric; use one of " + known);
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TuneConfig}. */
  public static final class Builder {
    private TrainingConfig training = TrainingConfig.defaults();
    private Budget budget = DEFAULT_BUDGET;
    private int folds = DEFAULT_FOLDS;
    private Metric selectBy = DEFAULT_SELECT_BY;
    private List<Candidate> candidates;
    private Long seed;
    private boolean groupByIds;

    private Builder() {}

    /** The base training settings. */
    public Builder training(TrainingConfig value) {
      training = value;
      return this;
    }

    /** Which grid to search. */
    public Builder budget(Budget value) {
      budget = value;
      return this;
    }

    /** The k of the inner k-fold cross-validation. */
    public Builder folds(int value) {
      folds = value;
      return this;
    }

    /** The metric that chooses. */
    public Builder selectBy(Metric value) {
      selectBy = value;
      return this;
    }

    /** The losses to try with every setting (default: the base loss). */
    public Builder candidates(List<Candidate> value) {
      candidates = value;
      return this;
    }

    /** The seed of the folds and fits (default: the base settings' seed). */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /** Keep rows with one id (the data's id column) in one fold. */
    public Builder groupByIds(boolean value) {
      groupByIds = value;
      return this;
    }

    /** The configuration. */
    public TuneConfig build() {
      return new TuneConfig(training, budget, folds, selectBy, candidates, seed, groupByIds);
    }
  }
}
