package org.fracnet.trainers.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.fracnet.core.Fracnet;
import org.fracnet.core.benchmark.LdlBenchmark;
import org.fracnet.core.benchmark.LdlBenchmark.Recipe;
import org.fracnet.core.benchmark.PublishedResults;
import org.fracnet.core.compare.Budget;
import org.fracnet.core.compare.Folds;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.metrics.Metric;
import org.fracnet.core.metrics.Metrics;
import org.fracnet.core.model.Model;
import org.fracnet.core.training.Architecture;
import org.fracnet.core.training.OptimizerSettings;
import org.fracnet.core.training.TrainingConfig;
import org.junit.jupiter.api.Test;

/** The label-distribution protocol, run for real with the java trainer on a small teacher data set. */
class LdlBenchmarkTest {
  private static final Fracnet FRACNET = Fracnet.discover();
  private static final Dataset DATA = new TeacherData(4, 3, 0, 7).sample(90, 3);

  @Test
  void eachFoldIsScoredOnItsTestRowsByAModelTrainedOnTheOtherFolds() {
    LdlBenchmark.Config config = new LdlBenchmark.Config(3, 42, List.of(Recipe.BASELINE, Recipe.DEFAULTS),
        Budget.QUICK, 1);
    List<String> progress = new ArrayList<>();
    LdlBenchmark.SetResult r = LdlBenchmark.run(FRACNET, "teacher", DATA, config,
        (done, total, recipe, fold) -> progress.add(done + "/" + total + " " + recipe.id() + " " + fold));
    assertThat(progress).containsExactly("1/6 baseline 1", "2/6 baseline 2", "3/6 baseline 3", "4/6 defaults 1",
        "5/6 defaults 2", "6/6 defaults 3");
    // fold 2 of the baseline, recomputed by hand from the shared fold split
    int[] fold = Folds.assign(DATA, 3, 42, false);
    Dataset train = DATA.select(Folds.rows(fold, 1, false));
    Dataset test = DATA.select(Folds.rows(fold, 1, true));
    Model model = FRACNET.train(train, TrainingConfig.builder().seed(42).architecture(Architecture.linear())
        .optimizer(OptimizerSettings.lbfgs()).build()).model();
    double[] q = model.predict(test.rows(), test.features());
    for (Metric m : PublishedResults.SIX) {
      assertThat(r.perFold().get(Recipe.BASELINE).get(m)[1]).as(m.key()).isEqualTo(
          Metrics.evaluate(test.rows(), test.classNames(), test.targets(), q, test.weights()).get(m), within(1e-12));
    }
    double[] kl = r.perFold().get(Recipe.DEFAULTS).get(Metric.KL);
    assertThat(r.mean(Recipe.DEFAULTS, Metric.KL)).isEqualTo((kl[0] + kl[1] + kl[2]) / 3, within(1e-15));
    assertThat(r.sd(Recipe.DEFAULTS, Metric.KL)).isPositive();
    assertThat(r.tunings()).isEmpty(); // no tuned recipe, no search to report
  }

  @Test
  void theTunedRecipeTunesInsideEachTrainingFold() {
    LdlBenchmark.Config config = new LdlBenchmark.Config(3, 42, List.of(Recipe.TUNED), Budget.QUICK, 2);
    LdlBenchmark.SetResult r = LdlBenchmark.run(FRACNET, "teacher", DATA, config, (d, t, recipe, f) -> { });
    // a teacher network is learnable: the tuned models are far better than predicting the mean
    double[] mean = new double[DATA.rows() * DATA.classCount()];
    double[] classMeans = new double[DATA.classCount()];
    for (int i = 0; i < DATA.rows(); i++) {
      for (int j = 0; j < classMeans.length; j++) {
        classMeans[j] += DATA.targets()[i * classMeans.length + j] / DATA.rows();
      }
    }
    for (int i = 0; i < DATA.rows(); i++) {
      System.arraycopy(classMeans, 0, mean, i * classMeans.length, classMeans.length);
    }
    double meanKl = Metrics.evaluate(DATA.rows(), DATA.classNames(), DATA.targets(), mean, DATA.weights()).get(Metric.KL);
    assertThat(r.mean(Recipe.TUNED, Metric.KL)).isLessThan(0.7 * meanKl);
    // one search per fold, each refit as an ensemble of 2, recorded for the report
    assertThat(r.tunings()).hasSize(3).allSatisfy(t -> {
      assertThat(t.budget()).isEqualTo("quick");
      assertThat(t.members()).hasSize(2);
      assertThat(t.rows()).isLessThan(DATA.rows());
    });
  }
}
