package org.fracnet.core.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.fracnet.core.metrics.Metric;
import org.junit.jupiter.api.Test;

class VerdictTest {
  private static ComparisonResult.Test test(double foldP) {
    return new ComparisonResult.Test("a", "b", Metric.KL, 0.001, 0.0005, 0.0015, 1e-6, 1e-5, 3.0, 1.5, 4.5, foldP);
  }

  @Test
  void networksKeptFromTheFirstEpochsAreExplained() {
    assertThat(Verdict.earlyStops(java.util.List.of(3, 1, 2, 3, 1), 100, 8, true)).startsWith("Its searches kept the"
        + " network of epoch 1 to 3 (median 2): on held-out rows the loss stopped falling within the first epochs")
        .contains("a larger budget tries lower learning rates");
    assertThat(Verdict.earlyStops(java.util.List.of(3, 1, 2, 3, 1), 100, 10, false)).doesNotContain("larger budget");
    assertThat(Verdict.earlyStops(java.util.List.of(2, 20, 30, 25, 4), 100, 8, true)).isNull();
    assertThat(Verdict.earlyStops(java.util.List.of(), 100, 8, true)).isNull();
    // three epochs at most: the runs were too short to show that the loss stopped falling
    assertThat(Verdict.earlyStops(java.util.List.of(3, 3, 2), 3, 8, true)).isNull();
  }

  @Test
  void aDifferenceSignificantOverRowsSaysWhetherItHoldsOverTheFolds() {
    assertThat(Verdict.overFolds(test(0.003))).isEqualTo(", and over the folds too, counting the noise of retraining"
        + " (corrected resampled t-test, unadjusted p = 0.0030)");
    assertThat(Verdict.overFolds(test(0.2431))).startsWith("; over the folds, counting the noise of retraining, it is"
        + " not (corrected resampled t-test, p = 0.2431): real for these predictions, but not shown to exceed");
    assertThat(Verdict.overFolds(test(Double.NaN))).isEmpty();
  }

  @Test
  void aDifferenceSignificantOverTheFoldsAloneIsAHintNotAFinding() {
    ComparisonResult.Test rowsNot = new ComparisonResult.Test("a", "b", Metric.KL, 0.001, -0.0005, 0.0025, 0.1068,
        0.43, 3.0, -1.5, 7.5, 0.0291);
    assertThat(Verdict.foldHint(rowsNot)).isEqualTo(" (over the folds the difference has p = 0.0291, but that check is"
        + " not adjusted for the number of comparisons: a hint, not a finding; more repeats can settle it)");
    assertThat(Verdict.foldHint(test(0.0291))).as("significant over the rows: overFolds says it").isEmpty();
    assertThat(Verdict.foldHint(new ComparisonResult.Test("a", "b", Metric.KL, 0.001, -0.0005, 0.0025, 0.1068, 0.43,
        3.0, -1.5, 7.5, 0.2))).isEmpty();
    assertThat(Verdict.foldHint(new ComparisonResult.Test("a", "b", Metric.KL, 0.001, -0.0005, 0.0025, 0.1068, 0.43,
        3.0, -1.5, 7.5, Double.NaN))).isEmpty();
  }
}
