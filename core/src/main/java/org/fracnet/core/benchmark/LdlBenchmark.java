package org.fracnet.core.benchmark;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fracnet.core.Fracnet;
import org.fracnet.core.SettingsException;
import org.fracnet.core.compare.Budget;
import org.fracnet.core.compare.Folds;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.metrics.Metric;
import org.fracnet.core.metrics.MetricReport;
import org.fracnet.core.metrics.Metrics;
import org.fracnet.core.model.Model;
import org.fracnet.core.training.Architecture;
import org.fracnet.core.training.OptimizerSettings;
import org.fracnet.core.training.TrainingConfig;
import org.fracnet.core.tune.TuneConfig;
import org.fracnet.core.tune.TuneListener;
import org.fracnet.core.tune.Tuning;

/**
 * fracnet under the label-distribution protocol of González et al. (2021): k-fold
 * cross-validation (folds dealt by {@link Folds}, as compare deals them), each measure averaged
 * over the test rows of a fold ({@link Metrics}, with its conventions for zero entries), then mean
 * and standard deviation over the folds. Every recipe trains on the training folds only; the tuned
 * recipe tunes inside each training fold, never on its test fold.
 */
public final class LdlBenchmark {
  /** How a model is made from a training fold. */
  public enum Recipe {
    /** Linear softmax fitted by L-BFGS without a penalty: the SA-BFGS baseline of Geng (2016). */
    BASELINE,
    /** {@link TrainingConfig#defaults()}, with the config's ensemble size. */
    DEFAULTS,
    /** {@link Fracnet#tune} with the config's budget, then the config's ensemble size. */
    TUNED;

    /** The lower-case name used on the command line and in tables. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The recipe called {@code id}.
     *
     * @throws SettingsException naming the known ones
     */
    public static Recipe of(String id) {
      for (Recipe r : values()) {
        if (r.id().equals(id.strip())) {
          return r;
        }
      }
      throw new SettingsException("recipes(" + id + ") is not known; use baseline, defaults or tuned");
    }
  }

  /**
   * What to run.
   *
   * @param folds outer folds (10 in the protocol)
   * @param seed seed of the fold split and of every training run
   * @param recipes the recipes, in table order
   * @param budget the search of {@link Recipe#TUNED}
   * @param ensemble networks per model of {@link Recipe#DEFAULTS} and {@link Recipe#TUNED}
   */
  public record Config(int folds, long seed, List<Recipe> recipes, Budget budget, int ensemble) {
    /** Folds of the published protocol. */
    public static final int DEFAULT_FOLDS = 10;
    /** Seed of the split. */
    public static final long DEFAULT_SEED = 42;
    /** The target columns of the label-distribution files ({@code y1..yK}). */
    public static final String DEFAULT_TARGETS = "y*";
    /** The search of {@link Recipe#TUNED}. */
    public static final Budget DEFAULT_BUDGET = Budget.QUICK;

    /** Checks the settings. */
    public Config {
      if (folds < 2) {
        throw new SettingsException("folds(" + folds + ") is too few; cross-validation needs at least 2");
      }
      recipes = List.copyOf(recipes);
      if (recipes.isEmpty()) {
        throw new SettingsException("recipes() is empty; name at least one of baseline, defaults, tuned");
      }
    }

    /** The protocol's 10 folds, all three recipes, the quick search, single networks. */
    public static Config defaults() {
      return new Config(DEFAULT_FOLDS, DEFAULT_SEED, List.of(Recipe.values()), DEFAULT_BUDGET,
          TrainingConfig.DEFAULT_ENSEMBLE);
    }
  }

  /** Told after every fold of every recipe, for progress. */
  @FunctionalInterface
  public interface Listener {
    /**
     * One fold of one recipe finished.
     *
     * @param done fold runs finished so far
     * @param total fold runs in all
     * @param recipe the recipe that ran
     * @param fold the fold, 1-based
     */
    void foldDone(int done, int total, Recipe recipe, int fold);
  }

  /**
   * The results on one data set.
   *
   * @param name the data set's name (its file name without extension)
   * @param rows rows
   * @param features features
   * @param classes classes
   * @param perFold per recipe, per measure, the value on each fold's test rows
   * @param seconds per recipe, the wall time of all its folds
   * @param tunings the tuned recipe's record of each fold's search, what it chose (empty when it did
   *     not run)
   */
  public record SetResult(String name, int rows, int features, int classes,
      Map<Recipe, Map<Metric, double[]>> perFold, Map<Recipe, Double> seconds, List<Tuning> tunings) {
    public SetResult {
      tunings = List.copyOf(tunings);
    }

    /** A result without the tuned recipe's records. */
    public SetResult(String name, int rows, int features, int classes, Map<Recipe, Map<Metric, double[]>> perFold,
        Map<Recipe, Double> seconds) {
      this(name, rows, features, classes, perFold, seconds, List.of());
    }

    /** The mean over folds. */
    public double mean(Recipe recipe, Metric metric) {
      double[] v = perFold.get(recipe).get(metric);
      double s = 0;
      for (double x : v) {
        s += x;
      }
      return s / v.length;
    }

    /** The sample standard deviation over folds. */
    public double sd(Recipe recipe, Metric metric) {
      double[] v = perFold.get(recipe).get(metric);
      double m = mean(recipe, metric);
      double s = 0;
      for (double x : v) {
        s += (x - m) * (x - m);
      }
      return v.length > 1 ? Math.sqrt(s / (v.length - 1)) : 0;
    }
  }

  private LdlBenchmark() {}

  /**
   * Runs every recipe of {@code config} on {@code data} under the protocol.
   *
   * @param name the data set's name, as published tables name it
   * @throws SettingsException when the data set has fewer rows than folds
   */
  public static SetResult run(Fracnet fracnet, String name, Dataset data, Config config, Listener listener) {
    int[] fold = Folds.assign(data, config.folds(), config.seed(), false);
    Map<Recipe, Map<Metric, double[]>> perFold = new LinkedHashMap<>();
    Map<Recipe, Double> seconds = new LinkedHashMap<>();
    List<Tuning> tunings = new ArrayList<>();
    int total = config.recipes().size() * config.folds();
    int done = 0;
    for (Recipe recipe : config.recipes()) {
      Map<Metric, double[]> values = new EnumMap<>(Metric.class);
      for (Metric m : PublishedResults.SIX) {
        values.put(m, new double[config.folds()]);
      }
      long start = System.nanoTime();
      for (int f = 0; f < config.folds(); f++) {
        Dataset train = data.select(Folds.rows(fold, f, false));
        Dataset test = data.select(Folds.rows(fold, f, true));
        Model model = fit(fracnet, recipe, train, config);
        model.tuning().ifPresent(tunings::add);
        double[] q = model.predict(test.rows(), test.features());
        MetricReport report = Metrics.evaluate(test.rows(), test.classNames(), test.targets(), q, test.weights());
        for (Metric m : PublishedResults.SIX) {
          values.get(m)[f] = report.get(m);
        }
        listener.foldDone(++done, total, recipe, f + 1);
      }
      seconds.put(recipe, (System.nanoTime() - start) / 1e9);
      perFold.put(recipe, values);
    }
    return new SetResult(name, data.rows(), data.featureCount(), data.classCount(), perFold, seconds, tunings);
  }

  private static Model fit(Fracnet fracnet, Recipe recipe, Dataset train, Config config) {
    TrainingConfig defaults = TrainingConfig.builder().seed(config.seed()).ensemble(config.ensemble()).build();
    return switch (recipe) {
      case BASELINE -> fracnet.train(train, TrainingConfig.builder().seed(config.seed())
          .architecture(Architecture.linear()).optimizer(OptimizerSettings.lbfgs()).build()).model();
      case DEFAULTS -> fracnet.train(train, defaults).model();
      case TUNED -> fracnet.tune(train, TuneConfig.builder().training(defaults).budget(config.budget())
          .seed(config.seed()).build(), new TuneListener() { }).fit().model();
    };
  }

  /** The names of the recipes' rows in tables. */
  static String label(Recipe recipe, Config config) {
    String ens = config.ensemble() > 1 ? ", ensemble of " + config.ensemble() : "";
    return switch (recipe) {
      case BASELINE -> "fracnet linear + L-BFGS (= SA-BFGS)";
      case DEFAULTS -> "fracnet defaults" + ens;
      case TUNED -> "fracnet tuned (" + config.budget().id() + ")" + ens;
    };
  }
}
