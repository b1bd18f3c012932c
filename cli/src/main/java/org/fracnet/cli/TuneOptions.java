package org.fracnet.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.fracnet.core.Fracnet;
import org.fracnet.core.SettingsException;
import org.fracnet.core.compare.Budget;
import org.fracnet.core.compare.Candidate;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.training.FitResult;
import org.fracnet.core.training.TrainingConfig;
import org.fracnet.core.tune.SearchSpace;
import org.fracnet.core.tune.TuneConfig;
import org.fracnet.core.tune.TuneResult;
import org.fracnet.core.tune.Tuning;
import picocli.CommandLine.Option;

/**
 * {@code train --tune}'s flags, mapped onto {@link TuneConfig} (the other train flags are the base
 * settings), and what it prints: the search's table, the choice beside the base settings' score.
 */
final class TuneOptions {
  @Option(names = "--tune", paramLabel = "BUDGET",
      description = "Choose the network (linear, mlp depth and width, dropout), weight decay, learning rate and batch size (and,"
          + " with --candidates, the loss) by k-fold cross-validation on the training data, then refit the choice on"
          + " all of it: quick (6 settings), standard (11) or thorough (18). The other flags are the base settings.")
  String budget;

  @Option(names = "--select-by", paramLabel = "METRIC",
      description = "With --tune: the metric of the out-of-fold predictions that chooses (kl, mse, mae, chebyshev, clark,"
          + " canberra, cosine, intersection, ...). Default: kl.")
  String selectBy;

  @Option(names = "--candidates", paramLabel = "LIST",
      description = "With --tune: losses to try with every setting, as for compare, e.g. 'cross-entropy,mse'."
          + " Default: --loss.")
  String candidates;

  @Option(names = "--folds", paramLabel = "K",
      description = "With --tune: folds of the cross-validation. Default: " + TuneConfig.DEFAULT_FOLDS + ".")
  Integer folds;

  /** Whether {@code --tune} was given. */
  boolean requested() {
    return budget != null;
  }

  /**
   * Refuses the tuning flags without {@code --tune}, and checkpoints with it.
   *
   * @throws SettingsException naming the flags
   */
  void check(boolean resume, Path checkpoint) {
    if (!requested() && (selectBy != null || candidates != null || folds != null)) {
      throw new SettingsException("--select-by, --candidates and --folds choose how --tune searches; add --tune quick");
    }
    if (requested() && (resume || checkpoint != null)) {
      throw new SettingsException("--tune keeps no checkpoint (Ctrl-C stops it and writes nothing); leave out --resume"
          + " and --checkpoint");
    }
  }

  /** The search's settings over {@code base}. */
  TuneConfig config(TrainingConfig base) {
    Budget level;
    try {
      level = Budget.of(budget);
    } catch (SettingsException e) { // its message names compare's --budget
      throw new SettingsException("--tune " + budget + " is not known; use quick, standard or thorough");
    }
    TuneConfig.Builder b = TuneConfig.builder().training(base).budget(level);
    if (selectBy != null) {
      b.selectBy(TuneConfig.metric(selectBy));
    }
    if (candidates != null) {
      b.candidates(Candidate.parseList(candidates));
    }
    if (folds != null) {
      b.folds(folds);
    }
    return b.build();
  }

  /**
   * Tunes and refits on {@code data} (Ctrl-C quits at once: nothing is written before the end),
   * prints the search, and returns the refit for train's usual output.
   */
  FitResult run(Fracnet fracnet, Dataset data, TrainingConfig base, Activity activity, PrintWriter out,
      PrintWriter err, boolean quiet, String source) {
    TuneConfig config = config(base);
    if (!quiet) {
      err.println("tuning (" + config.budget().id() + ", " + SearchSpace.of(config.budget()).size() * config.losses().size()
          + " settings, " + config.folds() + "-fold cross-validation by " + config.selectBy().key() + ") on " + data.rows()
          + " rows of " + source + " (" + data.featureCount() + " features, " + data.classCount() + " classes)");
    }
    activity.now("tuning");
    TuneResult result = fracnet.tune(data, config, new SearchProgress(err, System.console() != null, quiet, "tuning"));
    print(result.tuning(), out);
    return result.fit();
  }

  /** The table of settings (the chosen one marked), then the choice beside the base settings. */
  static void print(Tuning t, PrintWriter out) {
    int width = t.trials().stream().mapToInt(x -> x.name().length()).max().orElse(4);
    out.printf(Locale.ROOT, "  %-" + width + "s  %10s  %9s  %7s%n", "setting", t.metric(), "sd", "seconds");
    for (int i = 0; i < t.trials().size(); i++) {
      Tuning.Trial x = t.trials().get(i);
      out.printf(Locale.ROOT, "%s %-" + width + "s  %10s  %9s  %7.1f%s%n", i == t.chosen() ? "*" : " ", x.name(),
          x.ok() ? String.format(Locale.ROOT, "%.5f", x.score()) : "failed",
          x.ok() ? String.format(Locale.ROOT, "%.5f", x.sd()) : "", x.seconds(),
          x.failure() == null ? "" : "  (" + Flags.translate(x.failure()) + ")");
    }
    out.println(summary(t));
  }

  /** One line: the choice and its score beside the base settings', e.g. for {@code evaluate}. */
  static String summary(Tuning t) {
    Tuning.Trial c = t.choice();
    Tuning.Trial b = t.base();
    return String.format(Locale.ROOT, "tuned (%s, %d-fold cross-validation on %d rows, %.0f s): chose %s, %s %.5f"
        + " ± %.5f (base settings: %s)%s", t.budget(), t.folds(), t.rows(), t.seconds(), c.name(), t.metric(), c.score(),
        c.sd(), b.ok() ? String.format(Locale.ROOT, "%.5f ± %.5f", b.score(), b.sd()) : "failed", members(t))
        + (t.choiceWithinNoise() ? String.format(Locale.ROOT, "; the runner-up, %s (%.5f), is within one standard"
            + " error of it (%.5f), so by the one-standard-error rule the search does not separate the two",
            t.runnerUp().name(), t.runnerUp().score(), t.standardError()) : "");
  }

  /** {@code ""} for one network, else e.g. {@code ; ensemble of 5 selected: base x3, weight decay 0.001 x2}. */
  static String members(Tuning t) {
    if (t.members().size() == 1) {
      return "";
    }
    return "; ensemble of " + t.members().size() + " selected: " + String.join(", ", t.memberCounts().entrySet()
        .stream().map(e -> e.getKey() + " x" + e.getValue()).toList());
  }
}
