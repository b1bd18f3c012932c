package org.fracnet.trainers.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.fracnet.core.Fracnet;
import org.fracnet.core.SettingsException;
import org.fracnet.core.compare.Budget;
import org.fracnet.core.compare.Candidate;
import org.fracnet.core.compare.CompareConfig;
import org.fracnet.core.compare.CompareListener;
import org.fracnet.core.compare.ComparisonResult;
import org.fracnet.core.metrics.Metric;
import org.fracnet.core.training.TrainingConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a library user reads from a comparison, by candidate id, without parsing results.json. */
class ComparisonResultTest {
  private static final String PLAIN = "cross-entropy";
  private static final String SMOOTHED = "cross-entropy{label-smoothing=0.1}";
  private static ComparisonResult result;

  @BeforeAll
  static void compare() {
    result = Fracnet.discover().compare(new TeacherData(4, 3, 0, 7).sample(90, 3),
        CompareConfig.builder().candidates(List.of(Candidate.of("cross-entropy"),
                Candidate.of("cross-entropy", "label-smoothing", "0.1")))
            .folds(3).repeats(2).budget(Budget.QUICK).training(TrainingConfig.builder().epochs(3).build()).build(),
        CompareListener.NONE);
  }

  @Test
  void namesItsCandidatesAndNoneWasDropped() {
    assertThat(result.candidates()).containsExactly(PLAIN, SMOOTHED);
    assertThat(result.droppedCandidates()).isEmpty();
    assertThat(result.bestFor(Metric.KL)).isIn(PLAIN, SMOOTHED);
  }

  @Test
  void perFoldHasOneValuePerFoldAndRepeatAroundTheMean() {
    double[] folds = result.perFold(PLAIN, Metric.KL);
    assertThat(folds).hasSize(6);
    double mean = result.mean(PLAIN, Metric.KL);
    assertThat(Arrays.stream(folds).min().orElseThrow()).isLessThanOrEqualTo(mean);
    assertThat(Arrays.stream(folds).max().orElseThrow()).isGreaterThanOrEqualTo(mean);
    folds[0] = -1; // a copy
    assertThat(result.perFold(PLAIN, Metric.KL)[0]).isNotEqualTo(-1);
  }

  @Test
  void perClassKlSharesSumToTheKl() {
    Map<String, Map<String, Double>> perClass = result.perClass(SMOOTHED);
    assertThat(perClass).hasSize(3);
    double sum = perClass.values().stream().mapToDouble(c -> c.get("kl")).sum();
    assertThat(sum).isCloseTo(result.mean(SMOOTHED, Metric.KL), within(1e-12));
    assertThat(perClass.values().iterator().next()).containsKeys("mse", "relative_error_of_mean", "mean_target");
  }

  @Test
  void aTestReadsTheSameInEitherOrder() {
    ComparisonResult.Test t = result.test(PLAIN, SMOOTHED, Metric.KL);
    assertThat(t.difference()).isCloseTo(result.mean(SMOOTHED, Metric.KL) - result.mean(PLAIN, Metric.KL), within(1e-12));
    assertThat(t.low()).isLessThanOrEqualTo(t.difference());
    assertThat(t.high()).isGreaterThanOrEqualTo(t.difference());
    assertThat(t.adjusted()).isBetween(t.p(), 1.0);
    ComparisonResult.Test reversed = result.test(SMOOTHED, PLAIN, Metric.KL);
    assertThat(reversed.difference()).isEqualTo(-t.difference());
    assertThat(reversed.p()).isEqualTo(t.p());
    assertThat(result.meanPredictorMean(Metric.KL)).isGreaterThan(0);
  }

  @Test
  void onTargetsThatNeverVaryTheVerdictSaysThereIsNothingToExplain() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    double[][] x = new double[60][2];
    double[][] p = new double[60][];
    for (int i = 0; i < 60; i++) {
      x[i] = new double[] {random.nextGaussian(), random.nextGaussian()};
      p[i] = new double[] {0.3, 0.1, 0.6};
    }
    org.fracnet.core.data.Dataset same = org.fracnet.core.data.Dataset.builder("constant")
        .features(List.of("a", "b"), x).targets(List.of("y1", "y2", "y3"), p).build();
    ComparisonResult constant = Fracnet.discover().compare(same, CompareConfig.builder()
        .candidates(List.of(Candidate.of("cross-entropy"), Candidate.of("cross-entropy", "label-smoothing", "0.1")))
        .folds(2).budget(Budget.QUICK).training(TrainingConfig.builder().epochs(3).build()).build(), CompareListener.NONE);
    assertThat(constant.meanPredictorMean(Metric.KL)).isZero(); // not -1e-17
    assertThat(constant.verdict()).anyMatch(v -> v.startsWith("For scale: always predicting the training folds' mean"
        + " fractions scores KL 0 out of fold: every row has the same fractions"));
    assertThat(String.join(" ", constant.verdict())).doesNotContain("% below it");
  }

  @Test
  void anUnknownIdNamesTheCandidates() {
    assertThatThrownBy(() -> result.mean("cross_entropy", Metric.KL)).isInstanceOf(SettingsException.class)
        .hasMessage("no candidate cross_entropy in this comparison; its candidates are " + PLAIN + ", " + SMOOTHED);
    assertThatThrownBy(() -> result.test(PLAIN, PLAIN, Metric.KL)).isInstanceOf(SettingsException.class)
        .hasMessageContaining("give two different candidates");
    assertThatThrownBy(() -> result.perClass("mse")).isInstanceOf(SettingsException.class);
  }
}
