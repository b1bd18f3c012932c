package org.fracnet.core.compare;

import java.util.List;
import java.util.Objects;
import org.fracnet.core.SettingsException;
import org.fracnet.core.training.TrainingConfig;

/**
 * How to compare losses: the candidates, the cross-validation (folds, repeats, groups), each
 * candidate's search budget, and the training settings every candidate shares (architecture,
 * trainer, batch size, maximum epochs). Every default is here; build one with {@link #builder()}.
 *
 * @param candidates the losses to compare, or {@code null} for {@link Candidates#defaults}
 * @param folds the k of k-fold cross-validation, 2 to 20
 * @param repeats how often the k-fold split is repeated with other seeds, 1 to 10
 * @param groupByIds whether rows with the same id (the data set's id column) stay in one fold
 * @param budget each candidate's search on inner validation rows
 * @param seed the seed of the splits and of every run
 * @param training what every candidate shares: architecture, trainer, batch size, maximum epochs;
 *     its loss, learning rate, weight decay, patience, seed and validation split are set per run
 */
public record CompareConfig(List<Candidate> candidates, int folds, int repeats, boolean groupByIds, Budget budget,
    long seed, TrainingConfig training) {
  /** Folds when not set. */
  public static final int DEFAULT_FOLDS = 5;
  /** Repeats when not set. */
  public static final int DEFAULT_REPEATS = 1;
  /** The budget when not set. */
  public static final Budget DEFAULT_BUDGET = Budget.STANDARD;
  /** Rows of each training fold held out for the inner search and early stopping. */
  public static final double INNER_VALIDATION = 0.2;

  public CompareConfig {
    candidates = candidates == null ? null : List.copyOf(candidates);
    if (folds < 2 || folds > 20) {
      throw new SettingsException("folds(" + folds + ") is out of range; use 2 to 20, e.g. 5");
    }
    if (repeats < 1 || repeats > 10) {
      throw new SettingsException("repeats(" + repeats + ") is out of range; use 1 to 10");
    }
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(training, "training");
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CompareConfig}. */
  public static final class Builder {
    private List<Candidate> candidates;
    private int folds = DEFAULT_FOLDS;
    private int repeats = DEFAULT_REPEATS;
    private boolean groupByIds;
    private Budget budget = DEFAULT_BUDGET;
    private long seed = TrainingConfig.DEFAULT_SEED;
    private TrainingConfig training = TrainingConfig.defaults();

    private Builder() {}

    /** The losses to compare (default: {@link Candidates#defaults}). */
    public Builder candidates(List<Candidate> value) {
      candidates = value;
      return this;
    }

    /** The k of k-fold cross-validation. */
    public Builder folds(int value) {
      folds = value;
      return this;
    }

    /** How often the k-fold split is repeated with other seeds. */
    public Builder repeats(int value) {
      repeats = value;
      return this;
    }

    /** Keep rows with one id (the data set's id column) in one fold. */
    public Builder groupByIds(boolean value) {
      groupByIds = value;
      return this;
    }

    /** Each candidate's search budget. */
    public Builder budget(Budget value) {
      budget = value;
      return this;
    }

    /** The seed of the splits and runs. */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /** What every candidate shares: architecture, trainer, batch size, maximum epochs. */
    public Builder training(TrainingConfig value) {
      training = value;
      return this;
    }

    /** The configuration. */
    public CompareConfig build() {
      return new CompareConfig(candidates, folds, repeats, groupByIds, budget, seed, training);
    }
  }
}
