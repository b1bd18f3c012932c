package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.fracnet.core.Fracnet;
import org.fracnet.core.SettingsException;
import org.fracnet.core.compare.Budget;
import org.fracnet.core.compare.Candidate;
import org.fracnet.core.compare.CompareConfig;
import org.fracnet.core.compare.CompareListener;
import org.fracnet.core.compare.ComparisonResult;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.metrics.Metric;
import org.fracnet.core.training.TrainingConfig;
import org.junit.jupiter.api.Test;

/**
 * A candidate that cannot be trained on the data (a Dirichlet without a zero policy, on targets
 * with zeros) is left out of the comparison with its reason, and the library says so when asked
 * for its numbers.
 */
class DroppedCandidateIT {
  @Test
  void aCandidateThatCannotTrainIsLeftOutWithItsReason() {
    SplittableRandom random = new SplittableRandom(3);
    double[][] x = new double[80][];
    double[][] p = new double[80][];
    for (int i = 0; i < 80; i++) {
      x[i] = new double[] {random.nextGaussian(), random.nextGaussian()};
      double a = random.nextDouble();
      p[i] = i % 4 == 0 ? new double[] {a, 1 - a, 0} : new double[] {a / 2, (1 - a) / 2, 0.5};
    }
    Dataset zeros = Dataset.builder("zeros").features(List.of("f", "g"), x).targets(List.of("y1", "y2", "y3"), p)
        .build();
    String none = "dirichlet{zero-policy=none}";
    ComparisonResult result = Fracnet.discover().compare(zeros, CompareConfig.builder()
        .candidates(List.of(Candidate.of("cross-entropy"), Candidate.of("mse"), Candidate.of("dirichlet", "zero-policy",
            "none"))).folds(2).budget(Budget.QUICK).training(TrainingConfig.builder().epochs(2).trainer("java").build())
        .build(), CompareListener.NONE);
    assertThat(result.candidates()).containsExactly("cross-entropy", "mse");
    assertThat(result.droppedCandidates()).containsOnlyKeys(none);
    assertThat(result.droppedCandidates().get(none)).contains("zero-policy=smoothing");
    assertThatThrownBy(() -> result.mean(none, Metric.KL)).isInstanceOf(SettingsException.class)
        .hasMessageStartingWith("candidate " + none + " was left out of this comparison: ");
    assertThat(result.toJson()).contains("\"dropped\"").contains(none);
  }
}
