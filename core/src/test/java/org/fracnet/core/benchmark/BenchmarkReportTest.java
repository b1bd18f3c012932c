package org.fracnet.core.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.fracnet.core.benchmark.LdlBenchmark.Recipe;
import org.fracnet.core.compare.Budget;
import org.fracnet.core.metrics.Metric;
import org.fracnet.core.tune.Tuning;
import org.junit.jupiter.api.Test;

/** The benchmark's Markdown: fracnet's recipes beside the published SA-BFGS and the best published values. */
class BenchmarkReportTest {
  private static final PublishedResults PUBLISHED =
      PublishedResults.read(Path.of("src/test/resources/org/fracnet/core/benchmark/ldl-published.md"));
  private static final LdlBenchmark.Config CONFIG =
      new LdlBenchmark.Config(2, 42, List.of(Recipe.BASELINE, Recipe.TUNED), Budget.QUICK, 5);

  /** SJAFFE with folds whose means are {@code scale} times SA-BFGS's published values (cosine, intersection: divided). */
  private static LdlBenchmark.SetResult sjaffe(double baselineScale, double tunedScale) {
    Map<Recipe, Map<Metric, double[]>> perFold = new EnumMap<>(Recipe.class);
    for (Recipe r : CONFIG.recipes()) {
      double scale = r == Recipe.BASELINE ? baselineScale : tunedScale;
      Map<Metric, double[]> values = new EnumMap<>(Metric.class);
      for (Metric m : PublishedResults.SIX) {
        double published = PUBLISHED.of("SJAFFE", "SA-BFGS", m).orElseThrow().value();
        double v = m.higherIsBetter() ? Math.min(1, published / scale) : published * scale;
        values.put(m, new double[] {v * 0.9, v * 1.1});
      }
      perFold.put(r, values);
    }
    return new LdlBenchmark.SetResult("SJAFFE", 213, 243, 6, perFold, Map.of(Recipe.BASELINE, 1.0, Recipe.TUNED, 2.0));
  }

  @Test
  void aRecipeBeatsSaBfgsOnlyWhenItIsBetterOnAllSixMeasures() {
    LdlBenchmark.SetResult s = sjaffe(1.01, 0.5);
    assertThat(BenchmarkReport.beatsOnAllSix(s, Recipe.BASELINE, PUBLISHED)).isFalse();
    assertThat(BenchmarkReport.beatsOnAllSix(s, Recipe.TUNED, PUBLISHED)).isTrue();
  }

  @Test
  void theSummaryCountsTheSetsAndNamesTheBestPublishedMethod() {
    String md = BenchmarkReport.markdown(List.of(sjaffe(1.01, 0.3)), PUBLISHED, CONFIG);
    // tuned KL 0.3 x 0.1639 = 0.0492 beats DF-LDL's 0.0589
    assertThat(md).contains("| SJAFFE | 0.1655 | 0.0492 | 0.1639 | 0.0589 (DF-LDL) | tuned | yes (tuned) | 3 |")
        .contains("where a recipe beats SA-BFGS on all six measures: 1 of 1")
        .contains("fracnet tuned (quick), ensemble of 5 (2 s)")
        .contains("| best published | 0.1044 DF-LDL |");
    String worse = BenchmarkReport.markdown(List.of(sjaffe(1.01, 0.5)), PUBLISHED, CONFIG);
    assertThat(worse).contains("| tuned | no |"); // 0.0820 does not beat 0.0589
  }

  @Test
  void aWinBelowThePublishedPrecisionIsNamed() {
    // 0.9999 x SA-BFGS: better on every measure, but equal where four decimals cannot show it
    LdlBenchmark.SetResult s = sjaffe(1.01, 0.9999);
    assertThat(BenchmarkReport.beatsOnAllSix(s, Recipe.TUNED, PUBLISHED)).isTrue();
    String equal = BenchmarkReport.equalAtPublishedPrecision(s, Recipe.TUNED, PUBLISHED);
    assertThat(equal).startsWith(" (").endsWith(" equal at four decimals)").contains("KL");
    assertThat(BenchmarkReport.markdown(List.of(s), PUBLISHED, CONFIG)).contains("| tuned" + equal + " | ");
    assertThat(BenchmarkReport.equalAtPublishedPrecision(sjaffe(1.01, 0.5), Recipe.TUNED, PUBLISHED)).isEmpty();
  }

  @Test
  void theReportNamesWhatTheTunedRecipeChose() {
    List<Tuning.Trial> trials = List.of(trial("base"), trial("weight decay 0.001"), trial("hidden 256,256, dropout 0.3"));
    List<Tuning> tunings = List.of(tuning(trials, 0, List.of(0, 1, 0)), tuning(trials, 2, List.of(2, 2, 2)),
        tuning(trials, 0, List.of(0, 0, 1)));
    LdlBenchmark.SetResult plain = sjaffe(1.01, 0.5);
    LdlBenchmark.SetResult s = new LdlBenchmark.SetResult(plain.name(), plain.rows(), plain.features(),
        plain.classes(), plain.perFold(), plain.seconds(), tunings);
    assertThat(BenchmarkReport.tuningChoices(s)).isEqualTo("\nThe tuned recipe chose, over its 3 searches (one per fold):"
        + " base (2); hidden 256,256, dropout 0.3 (1). Its ensembles' members trained: base (4); hidden 256,256,"
        + " dropout 0.3 (3); weight decay 0.001 (2).\n");
    assertThat(BenchmarkReport.markdown(List.of(s), PUBLISHED, CONFIG)).contains(BenchmarkReport.tuningChoices(s));
    assertThat(BenchmarkReport.tuningChoices(plain)).isEmpty();
    LdlBenchmark.SetResult single = new LdlBenchmark.SetResult(plain.name(), plain.rows(), plain.features(),
        plain.classes(), plain.perFold(), plain.seconds(), List.of(tuning(trials, 1, List.of(1))));
    assertThat(BenchmarkReport.tuningChoices(single))
        .isEqualTo("\nThe tuned recipe chose, over its 1 search: weight decay 0.001 (1).\n");
  }

  private static Tuning.Trial trial(String name) {
    return new Tuning.Trial(name, "cross-entropy", "mlp", "adam", 0.001, 64, 0.02, 0.001, 1.0, null);
  }

  private static Tuning tuning(List<Tuning.Trial> trials, int chosen, List<Integer> members) {
    return new Tuning("quick", 3, "kl", false, 42, 100, 3.0, trials, chosen, members);
  }
}
