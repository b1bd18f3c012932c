package org.fracnet.core.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.fracnet.core.SettingsException;
import org.fracnet.core.TrainingException;
import org.fracnet.core.compare.Budget;
import org.fracnet.core.compare.Candidate;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.metrics.Metric;
import org.fracnet.core.model.Model;
import org.fracnet.core.model.TestModels;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.training.Architecture;
import org.fracnet.core.training.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search of {@link Tuner} with a stand-in for training (core has no trainer): each "fit"
 * predicts a mix of the truth and uniform fractions whose share depends on the settings, so scores
 * differ by setting, and it records which rows it saw.
 */
class TunerTest {
  /** n rows; feature "row" is the row's number in the full set, so a fit can tell which rows it got. */
  static Dataset data(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][];
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      x[i] = new double[] {i, r.nextGaussian()};
      double a = 0.1 + 0.8 * r.nextDouble();
      p[i] = new double[] {a, 1 - a};
    }
    return Dataset.builder("rows.csv").features(List.of("row", "x"), x).targets(List.of("a", "b"), p).build();
  }

  /** Records every fit: the row numbers trained on and predicted. */
  static final class Recorder implements Tuner.InnerFit {
    final List<Set<Integer>> trained = new ArrayList<>();
    final List<Set<Integer>> predicted = new ArrayList<>();
    final List<TrainingConfig> configs = new ArrayList<>();

    @Override
    public Tuner.Predictor fit(Dataset train, TrainingConfig config) {
      trained.add(ids(train));
      configs.add(config);
      // quality depends on the setting (not the fold's seed): a share of uniform mixed into the truth
      String setting = config.architecture() + " " + config.optimizer() + " " + config.learningRate() + " "
          + config.batchSize() + " " + config.loss() + config.lossParameters().asMap();
      double share = Math.floorMod(setting.hashCode(), 1000) / 1000.0;
      return rows -> {
        predicted.add(ids(rows));
        double[] p = rows.targets();
        double[] q = new double[p.length];
        for (int i = 0; i < p.length; i++) {
          q[i] = (1 - share) * p[i] + share * 0.5;
        }
        return q;
      };
    }

    static Set<Integer> ids(Dataset d) {
      Set<Integer> out = new HashSet<>();
      for (int i = 0; i < d.rows(); i++) {
        out.add((int) d.features()[i * d.featureCount()]);
      }
      return out;
    }
  }

  private static TuneConfig config(Budget budget, Metric metric) {
    return TuneConfig.builder().budget(budget).selectBy(metric).training(TrainingConfig.builder().loss("softmax-test")
        .build()).build();
  }

  @Test
  void theChoiceIsTheSettingWithTheBestOutOfFoldScoreInTheMetricsDirection() {
    Dataset data = data(60, 1);
    for (Metric metric : List.of(Metric.KL, Metric.COSINE)) {
      Tuning t = Tuner.search(data, config(Budget.STANDARD, metric), new Recorder(), TuneListener.NONE).tuning();
      assertThat(t.trials()).hasSize(11);
      assertThat(t.metric()).isEqualTo(metric.key());
      double best = metric.higherIsBetter() ? t.trials().stream().mapToDouble(Tuning.Trial::score).max().orElseThrow()
          : t.trials().stream().mapToDouble(Tuning.Trial::score).min().orElseThrow();
      assertThat(t.choice().score()).isEqualTo(best);
      assertThat(t.base().name()).isEqualTo("base");
      assertThat(t.trials()).allSatisfy(x -> assertThat(x.sd()).isNotNaN());
    }
  }

  @Test
  void tuningOnSomeRowsReadsOnlyThoseAndNeverPredictsARowItTrainedOn() {
    Dataset all = data(100, 2);
    int[] subset = java.util.stream.IntStream.range(0, 100).filter(i -> i % 3 != 0).toArray();
    Dataset a = all.select(subset);
    Set<Integer> inA = Recorder.ids(a);
    Recorder fits = new Recorder();
    Tuner.search(a, config(Budget.QUICK, Metric.KL), fits, TuneListener.NONE);
    assertThat(fits.trained).hasSize(SearchSpace.of(Budget.QUICK).size() * 3);
    for (int i = 0; i < fits.trained.size(); i++) {
      Set<Integer> trained = fits.trained.get(i);
      Set<Integer> predicted = fits.predicted.get(i);
      assertThat(inA).containsAll(trained).containsAll(predicted);
      assertThat(trained).doesNotContainAnyElementsOf(predicted);
      Set<Integer> union = new HashSet<>(trained);
      union.addAll(predicted);
      assertThat(union).isEqualTo(inA);
    }
    // each setting predicts every row of A exactly once over the folds
    Set<Integer> firstSetting = new HashSet<>();
    int rows = 0;
    for (int i = 0; i < fits.predicted.size(); i += SearchSpace.of(Budget.QUICK).size()) {
      firstSetting.addAll(fits.predicted.get(i));
      rows += fits.predicted.get(i).size();
    }
    assertThat(firstSetting).isEqualTo(inA);
    assertThat(rows).isEqualTo(a.rows());
  }

  @Test
  void theSameSeedGivesTheSameFoldsAndFitsAnotherSeedOtherFolds() {
    Dataset data = data(50, 3);
    Recorder one = new Recorder();
    Recorder two = new Recorder();
    Recorder other = new Recorder();
    Tuning t1 = Tuner.search(data, config(Budget.QUICK, Metric.KL), one, TuneListener.NONE).tuning();
    Tuning t2 = Tuner.search(data, config(Budget.QUICK, Metric.KL), two, TuneListener.NONE).tuning();
    Tuner.search(data, TuneConfig.builder().training(TrainingConfig.builder().loss("softmax-test").build()).seed(9)
        .build(), other, TuneListener.NONE);
    assertThat(one.predicted).isEqualTo(two.predicted);
    assertThat(one.configs.stream().map(TrainingConfig::toString).toList())
        .isEqualTo(two.configs.stream().map(TrainingConfig::toString).toList());
    assertThat(t1.trials().stream().map(Tuning.Trial::score).toList())
        .isEqualTo(t2.trials().stream().map(Tuning.Trial::score).toList());
    assertThat(other.predicted).isNotEqualTo(one.predicted);
    // every setting of one fold has the same seed, and no inner fit keeps a checkpoint
    assertThat(one.configs.subList(0, SearchSpace.of(Budget.QUICK).size())).extracting(TrainingConfig::seed).containsOnly(42L);
    assertThat(one.configs).allSatisfy(c -> assertThat(c.checkpoint()).isNull());
  }

  @Test
  void everyLossIsTriedWithEverySettingAndASettingThatFailsIsSkipped() {
    Dataset data = data(40, 4);
    TuneConfig config = TuneConfig.builder().candidates(List.of(Candidate.of("softmax-test"), Candidate.of("broken")))
        .build();
    Tuner.InnerFit fit = (train, c) -> {
      if (c.loss().equals("broken")) {
        throw new SettingsException("loss broken is not installed");
      }
      return new Recorder().fit(train, c);
    };
    Tuning t = Tuner.search(data, config, fit, TuneListener.NONE).tuning();
    assertThat(t.trials()).hasSize(2 * SearchSpace.of(Budget.QUICK).size());
    assertThat(t.trials().get(1).name()).isEqualTo("base / broken");
    assertThat(t.trials().get(1).failure()).isEqualTo("loss broken is not installed");
    assertThat(t.choice().loss()).isEqualTo("softmax-test");
    assertThatThrownBy(() -> Tuner.search(data, TuneConfig.builder().candidates(List.of(Candidate.of("broken"))).build(),
        fit, TuneListener.NONE)).isInstanceOf(TrainingException.class).hasMessageContaining("no setting could be trained");
  }

  @Test
  void progressCountsEveryFitAndEndsBeforeTheRefit() {
    List<String> events = new ArrayList<>();
    Tuner.search(data(30, 5), config(Budget.QUICK, Metric.KL), new Recorder(), new TuneListener() {
      @Override
      public void started(int runs) {
        events.add("started " + runs);
      }

      @Override
      public void runDone(int done, String setting, int fold) {
        events.add(done + " " + setting + " " + fold);
      }

      @Override
      public void finished() {
        events.add("finished");
      }
    });
    int runs = 3 * SearchSpace.of(Budget.QUICK).size();
    assertThat(events).hasSize(1 + runs + 1);
    assertThat(events.get(0)).isEqualTo("started " + runs);
    assertThat(events.get(1)).isEqualTo("1 base 1");
    assertThat(events.get(runs)).isEqualTo(runs + " linear 3");
    assertThat(events.get(runs + 1)).isEqualTo("finished");
  }

  @Test
  void searchSpaceGrowsWithTheBudgetAndKeepsTheActivation() {
    assertThat(SearchSpace.of(Budget.QUICK)).hasSize(6);
    assertThat(SearchSpace.of(Budget.STANDARD)).hasSize(11).startsWith(SearchSpace.of(Budget.QUICK).toArray(new SearchSpace.Setting[0]));
    assertThat(SearchSpace.of(Budget.THOROUGH)).hasSize(18);
    assertThat(SearchSpace.of(Budget.THOROUGH).stream().map(SearchSpace.Setting::name).distinct()).hasSize(18);
    assertThat(SearchSpace.of(Budget.STANDARD).get(6).name()).isEqualTo("weight decay 0.0001");
    TrainingConfig base = TrainingConfig.builder().architecture(Architecture.mlp(Activation.TANH, 8)).build();
    TrainingConfig wide = SearchSpace.of(Budget.QUICK).get(3).apply(base, Candidate.of("mse")).build();
    assertThat(wide.architecture().parameters().asMap()).containsEntry("hidden", "256,256").containsEntry("activation", "tanh");
    assertThat(wide.loss()).isEqualTo("mse");
    TrainingConfig decayed = SearchSpace.of(Budget.QUICK).get(1).apply(base, Candidate.of("mse")).build();
    assertThat(decayed.optimizer().parameters().asMap()).containsEntry("weight-decay", "0.001");
    assertThat(decayed.architecture()).isEqualTo(base.architecture());
    TrainingConfig dropped = SearchSpace.of(Budget.STANDARD).get(10).apply(base, Candidate.of("mse")).build();
    assertThat(dropped.architecture().parameters().asMap()).containsEntry("hidden", "256,256")
        .containsEntry("dropout", "0.3").containsEntry("activation", "tanh");
    TrainingConfig lightly = SearchSpace.of(Budget.THOROUGH).get(17).apply(base, Candidate.of("mse")).build();
    assertThat(lightly.architecture().parameters().asMap()).containsEntry("hidden", "8").containsEntry("dropout", "0.2");
  }

  @Test
  void theConfigRefusesWhatCannotWork() {
    assertThatThrownBy(() -> TuneConfig.builder().folds(1).build()).hasMessageContaining("folds(1) is out of range");
    assertThatThrownBy(() -> TuneConfig.metric("accuracy")).hasMessageStartingWith("selectBy(accuracy) is not a metric");
    assertThat(TuneConfig.metric("cosine")).isEqualTo(Metric.COSINE);
    assertThatThrownBy(() -> Tuner.search(data(2, 1), TuneConfig.builder().build(), new Recorder(), TuneListener.NONE))
        .isInstanceOf(SettingsException.class).hasMessageContaining("fewer than folds(3)");
  }

  @Test
  void aRunnerUpWithinTheChoicesStandardErrorIsCalledATossUp() {
    // sd 0.01 over 4 folds: standard error 0.005
    List<Tuning.Trial> trials = List.of(trial("base", "mlp", "ce", 0.100), trial("wd", "mlp", "ce", 0.090),
        trial("wide", "mlp", "ce", 0.093), trial("bad", "mlp", "ce", 0.2));
    Tuning close = new Tuning("quick", 4, "kl", false, 1, 100, 1, trials, 1);
    assertThat(close.runnerUp().name()).isEqualTo("wide");
    assertThat(close.standardError()).isCloseTo(0.005, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(close.choiceWithinNoise()).isTrue();
    Tuning clear = new Tuning("quick", 4, "kl", false, 1, 100, 1,
        List.of(trial("base", "mlp", "ce", 0.100), trial("wd", "mlp", "ce", 0.090)), 1);
    assertThat(clear.choiceWithinNoise()).isFalse(); // 0.010 apart, two standard errors
    Tuning cosine = new Tuning("quick", 4, "cosine", true, 1, 100, 1,
        List.of(trial("base", "mlp", "ce", 0.95), trial("wd", "mlp", "ce", 0.97), trial("w", "mlp", "ce", 0.966)), 1);
    assertThat(cosine.runnerUp().name()).isEqualTo("w");
    assertThat(cosine.choiceWithinNoise()).isTrue();
  }

  private static Tuning.Trial trial(String name, String architecture, String loss, double score) {
    return new Tuning.Trial(name, loss, architecture, "adam", 0.001, 64, score, 0.01, 1, null);
  }

  @Test
  void ensembleSelectionPicksTheSettingsWhoseAverageScoresBestAmongThoseOfTheChosenNetworkAndLoss() {
    Dataset data = data(40, 9);
    double[] truth = data.targets();
    // trial 0 is best alone but biased one way; trial 2 is biased the other way: together they
    // average to the truth. Trial 1 (another network) and trial 3 (another loss) would too.
    double[][] predictions = new double[5][truth.length];
    double[] shift = {0.05, -0.06, -0.06, -0.06, 0.2};
    for (int c = 0; c < 5; c++) {
      for (int i = 0; i < truth.length; i += 2) {
        double a = Math.min(0.99, Math.max(0.01, truth[i] + shift[c]));
        predictions[c][i] = a;
        predictions[c][i + 1] = 1 - a;
      }
    }
    List<Tuning.Trial> trials = new ArrayList<>();
    for (int c = 0; c < 5; c++) {
      double[] q = predictions[c];
      double score = org.fracnet.core.metrics.Metrics.evaluate(data.rows(), data.classNames(), truth, q, null)
          .get(Metric.KL);
      trials.add(trial("t" + c, c == 1 ? "mlp{hidden=256,256}" : "mlp{hidden=64,64}", c == 3 ? "mse" : "softmax-test",
          score));
    }
    int chosen = 0;
    assertThat(trials.get(0).score()).isLessThan(trials.get(2).score());
    assertThat(Tuner.select(data, trials, predictions, chosen, 1, Metric.KL)).containsExactly(0);
    List<Integer> two = Tuner.select(data, trials, predictions, chosen, 2, Metric.KL);
    assertThat(two).containsExactly(0, 2);
    // the pair scores better than the chosen setting alone
    double[] mean = new double[truth.length];
    for (int i = 0; i < mean.length; i++) {
      mean[i] = (predictions[0][i] + predictions[2][i]) / 2;
    }
    assertThat(org.fracnet.core.metrics.Metrics.evaluate(data.rows(), data.classNames(), truth, mean, null)
        .get(Metric.KL)).isLessThan(trials.get(0).score());
    // a setting may be picked again; trial 4, worse alone and biased like trial 0, never is
    List<Integer> five = Tuner.select(data, trials, predictions, chosen, 5, Metric.KL);
    assertThat(five).hasSize(5).startsWith(0, 2).containsOnly(0, 2);
    // a failed trial is never picked
    trials.set(2, new Tuning.Trial("t2", "softmax-test", "mlp{hidden=64,64}", "adam", 0.001, 64, Double.NaN,
        Double.NaN, 1, "diverged"));
    assertThat(Tuner.select(data, trials, predictions, chosen, 3, Metric.KL)).doesNotContain(1, 2, 3);
  }

  @Test
  void aTunedEnsembleRecordsEachMembersSettingAndRoundTrips(@TempDir Path dir) {
    TuneConfig config = TuneConfig.builder().budget(Budget.QUICK).training(TrainingConfig.builder()
        .loss("softmax-test").ensemble(4).build()).build();
    Tuner.Outcome outcome = Tuner.search(data(30, 6), config, new Recorder(), TuneListener.NONE);
    Tuning t = outcome.tuning();
    assertThat(t.members()).hasSize(4).startsWith(t.chosen());
    assertThat(outcome.settings()).hasSize(4);
    for (int m = 0; m < 4; m++) {
      assertThat(t.trials().get(t.members().get(m)).architecture()).isEqualTo(t.choice().architecture());
      assertThat(outcome.settings().get(m).name()).isEqualTo(t.trials().get(t.members().get(m)).name());
    }
    Path file = dir.resolve("m.zip");
    Model four = TestModels.ensemble(4);
    four.withTuning(t).save(file);
    assertThat(Model.load(file, TestModels.losses()).tuning()).contains(t);
    assertThatThrownBy(() -> TestModels.small().withTuning(t).save(dir.resolve("x.zip")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 members");
    assertThatThrownBy(() -> new Tuning(t.budget(), t.folds(), t.metric(), t.higherIsBetter(), t.seed(), t.rows(),
        t.seconds(), t.trials(), t.chosen(), List.of((t.chosen() + 1) % t.trials().size())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the chosen");
  }

  @Test
  void theRecordRoundTripsThroughTheModelFile(@TempDir Path dir) {
    Tuning t = Tuner.search(data(30, 6), config(Budget.QUICK, Metric.KL), new Recorder(), TuneListener.NONE).tuning();
    List<Tuning.Trial> trials = new ArrayList<>(t.trials());
    trials.set(5, new Tuning.Trial("linear", "softmax-test", "linear", "adam", 0.001, 64, Double.NaN, Double.NaN, 0.5,
        "diverged"));
    Tuning withFailure = new Tuning(t.budget(), t.folds(), t.metric(), t.higherIsBetter(), t.seed(), t.rows(),
        t.seconds(), trials, t.chosen() == 5 ? 0 : t.chosen());
    Path file = dir.resolve("m.zip");
    TestModels.small().withTuning(withFailure).save(file);
    Model back = Model.load(file, TestModels.losses());
    assertThat(back.tuning()).contains(withFailure);
    Path plain = dir.resolve("plain.zip");
    TestModels.small().save(plain);
    assertThat(Model.load(plain, TestModels.losses()).tuning()).isEmpty();
  }
}
