package org.fracnet.core.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.fracnet.core.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * The verdict's sentences on out-of-fold predictions made by hand, so that each branch is reached
 * on purpose: a real {@link ComparisonResult} measures them, tests them and words the verdict.
 */
class VerdictSentencesTest {
  private static final int ROWS = 120;
  private static final int FOLDS = 4;
  private static final List<String> CLASSES = List.of("a", "b", "c");

  /** Fractions that the one feature explains only in part, seeded. */
  private static double[][] targets() {
    Random random = new Random(7);
    double[][] p = new double[ROWS][];
    for (int i = 0; i < ROWS; i++) {
      double a = 0.2 + 0.3 * random.nextDouble();
      double b = 0.2 + 0.3 * random.nextDouble();
      p[i] = new double[] {a, b, 1 - a - b};
    }
    return p;
  }

  private static double[] columnMeans(double[][] p) {
    double[] m = new double[CLASSES.size()];
    for (double[] row : p) {
      for (int j = 0; j < m.length; j++) {
        m[j] += row[j] / p.length;
      }
    }
    return m;
  }

  /** Compares candidates whose out-of-fold prediction for row i is {@code predict(i, truth)}. */
  @SafeVarargs
  private static List<String> verdict(double[][] p, List<String> losses,
      BiFunction<Integer, double[], double[]>... predict) {
    return result(p, message -> { }, losses, predict).verdict();
  }

  @SafeVarargs
  private static ComparisonResult result(double[][] p, java.util.function.Consumer<String> warnings,
      List<String> losses, BiFunction<Integer, double[], double[]>... predict) {
    double[][] x = new double[ROWS][];
    for (int i = 0; i < ROWS; i++) {
      x[i] = new double[] {i % 7};
    }
    Dataset data = Dataset.builder("hand-made").features(List.of("f"), x).targets(CLASSES, p)
        .invalidRows(org.fracnet.core.data.InvalidRows.RENORMALIZE, warnings).build();
    int[][][] testRows = new int[1][FOLDS][ROWS / FOLDS];
    for (int i = 0; i < ROWS; i++) {
      testRows[0][i % FOLDS][i / FOLDS] = i;
    }
    List<Candidate> candidates = losses.stream().map(Candidate::of).toList();
    List<Comparison.Runs> runs = new ArrayList<>();
    for (int c = 0; c < candidates.size(); c++) {
      Comparison.Runs r = new Comparison.Runs(candidates.get(c), 1, ROWS * CLASSES.size());
      for (int i = 0; i < ROWS; i++) {
        System.arraycopy(predict[c].apply(i, p[i]), 0, r.predictions[0], i * CLASSES.size(), CLASSES.size());
      }
      runs.add(r);
    }
    CompareConfig config = CompareConfig.builder().candidates(candidates).folds(FOLDS).build();
    return new ComparisonResult(data, config, runs, testRows);
  }

  private static double[] mix(double[] a, double[] b, double shareOfA) {
    double[] out = new double[a.length];
    for (int j = 0; j < a.length; j++) {
      out[j] = shareOfA * a[j] + (1 - shareOfA) * b[j];
    }
    return out;
  }

  @Test
  void aCandidateThatWinsMostMetricsButNotKlIsNamedBesideTheBestByKl() {
    double[][] p = targets();
    double[] m = columnMeans(p);
    // cross-entropy: halfway between the truth and the mean on every row; mse: the truth, except
    // on three rows where it gives a true class almost nothing, which KL punishes most
    List<String> verdict = verdict(p, List.of("cross-entropy", "mse"),
        (i, truth) -> mix(truth, m, 0.5),
        (i, truth) -> i % 40 == 0 ? new double[] {1e-9, truth[1] + truth[0] / 2, truth[2] + truth[0] / 2 - 1e-9}
            : truth);
    assertThat(verdict.get(0)).startsWith("Best by KL: cross-entropy, with the lowest KL divergence")
        .contains("while mse is best on");
  }

  @Test
  void aBestWhoseGainOverTheMeanReachesZeroIsNotShownToPredictBetter() {
    double[][] p = targets();
    double[] m = columnMeans(p);
    // a little closer to the truth than the mean on 8 rows in 12, as far on the other side on 4
    List<String> verdict = verdict(p, List.of("cross-entropy", "mse"),
        (i, truth) -> mix(truth, m, i % 12 < 8 ? 0.3 : -0.3),
        (i, truth) -> mix(truth, m, -0.3));
    assertThat(verdict.get(1)).startsWith("For scale: always predicting the training folds' mean fractions scores KL")
        .contains("cross-entropy is")
        .contains("below it")
        .contains("so the best by KL is not shown to predict better than ignoring the features");
  }

  @Test
  void aBestAboveTheMeanPredictsNoBetterThanIgnoringTheFeatures() {
    double[][] p = targets();
    double[] m = columnMeans(p);
    List<String> verdict = verdict(p, List.of("cross-entropy", "mse"),
        (i, truth) -> mix(truth, m, -0.2),
        (i, truth) -> mix(truth, m, -0.4));
    assertThat(verdict.get(1)).contains("cross-entropy is").contains("above it")
        .contains("so the best by KL predicts no better than ignoring the features");
  }

  @Test
  void aBestFarBelowTheMeanGetsNoCaveat() {
    double[][] p = targets();
    double[] m = columnMeans(p);
    List<String> verdict = verdict(p, List.of("cross-entropy", "mse"),
        (i, truth) -> mix(truth, m, 0.9),
        (i, truth) -> mix(truth, m, 0.5));
    assertThat(verdict.get(0)).startsWith("Best by KL: cross-entropy").doesNotContain("while");
    assertThat(verdict.get(1)).contains("below it").doesNotContain("ignoring the features")
        .doesNotContain("explain little");
    assertThat(verdict.get(2)).startsWith("The runner-up, mse, has a KL").contains("the difference is significant");
  }

  @Test
  void aSmallButClearGainSaysTheFeaturesExplainLittle() {
    double[][] p = targets();
    double[] m = columnMeans(p);
    // a thirtieth of the way from the mean to the truth on every row: a few per cent below the mean
    List<String> verdict = verdict(p, List.of("cross-entropy", "mse"),
        (i, truth) -> mix(truth, m, 0.033),
        (i, truth) -> mix(truth, m, 0.01));
    assertThat(verdict.get(1)).contains("below it").contains("so the features explain little of these fractions")
        .doesNotContain("not shown");
  }

  @Test
  void whatReadingTheDataNotedIsInTheResultsAndTheSummary() {
    double[][] p = targets();
    p[5] = new double[] {0.5, 0.5, 0.5}; // sums to 1.5: divided by its sum under RENORMALIZE
    List<String> warnings = new ArrayList<>();
    ComparisonResult r = result(p, warnings::add, List.of("cross-entropy", "mse"), (i, truth) -> truth,
        (i, truth) -> truth);
    assertThat(warnings).containsExactly("hand-made: divided 1 row of fractions by their sum"
        + " (InvalidRows.RENORMALIZE)");
    assertThat(r.toJson()).contains("\"data_notes\" : [ \"divided 1 row of fractions by their sum"
        + " (InvalidRows.RENORMALIZE)\" ]");
    assertThat(r.summaryMarkdown()).contains("Reading the data noted:\n\n- divided 1 row of fractions by their sum"
        + " (InvalidRows.RENORMALIZE)\n");
  }
}
