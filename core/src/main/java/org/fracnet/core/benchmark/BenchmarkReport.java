package org.fracnet.core.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fracnet.core.benchmark.LdlBenchmark.Recipe;
import org.fracnet.core.benchmark.LdlBenchmark.SetResult;
import org.fracnet.core.metrics.Metric;
import org.fracnet.core.tune.Tuning;

/**
 * The benchmark's results as Markdown: per data set, fracnet's recipes (mean ± sd over folds)
 * beside the published SA-BFGS and the best published value of each measure under the same
 * 10-fold protocol (method and source named), and what the tuned recipe's searches chose; then one
 * summary line per data set.
 */
public final class BenchmarkReport {
  /** The published baseline every recipe is held against. */
  public static final String BASELINE_METHOD = "SA-BFGS";

  private BenchmarkReport() {}

  /** The whole report. */
  public static String markdown(List<SetResult> sets, PublishedResults published, LdlBenchmark.Config config) {
    StringBuilder md = new StringBuilder();
    md.append("## Summary\n\n")
        .append("KL of each recipe (mean over ").append(config.folds()).append(" folds); \"all six\" counts the")
        .append(" recipes that beat the published ").append(BASELINE_METHOD)
        .append(" on every one of the six measures.\n\n| set |");
    for (Recipe r : config.recipes()) {
      md.append(' ').append(r.id()).append(" KL |");
    }
    md.append(" SA-BFGS KL | best published KL | beats SA-BFGS on all six | beats the best KL | seconds |\n|");
    md.append(" --- |".repeat(config.recipes().size() + 6)).append('\n');
    int allSix = 0;
    int bestKl = 0;
    for (SetResult s : sets) {
      md.append("| ").append(s.name()).append(" |");
      for (Recipe r : config.recipes()) {
        md.append(' ').append(num(s.mean(r, Metric.KL))).append(" |");
      }
      Optional<PublishedResults.Value> sa = published.of(s.name(), BASELINE_METHOD, Metric.KL);
      Optional<PublishedResults.Value> best = published.best(s.name(), Metric.KL);
      md.append(' ').append(sa.map(v -> num(v.value())).orElse("-")).append(" | ")
          .append(best.map(v -> num(v.value()) + " (" + v.method() + ")").orElse("-")).append(" | ");
      List<String> beatBaseline = config.recipes().stream().filter(r -> beatsOnAllSix(s, r, published))
          .map(r -> r.id() + equalAtPublishedPrecision(s, r, published)).toList();
      Recipe top = bestRecipe(s, config);
      boolean beatsBest = best.isPresent() && s.mean(top, Metric.KL) < best.get().value();
      allSix += beatBaseline.isEmpty() ? 0 : 1;
      bestKl += beatsBest ? 1 : 0;
      md.append(beatBaseline.isEmpty() ? "no" : String.join(", ", beatBaseline)).append(" | ")
          .append(best.isEmpty() ? "-" : !beatsBest ? "no" : "yes (" + top.id()
              + (num(s.mean(top, Metric.KL)).equals(num(best.get().value())) ? ", equal at four decimals" : "") + ")")
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.0f", s.seconds().values().stream().mapToDouble(d -> d).sum()))
          .append(" |\n");
    }
    md.append("\nSets where a recipe beats SA-BFGS on all six measures: ").append(allSix).append(" of ")
        .append(sets.size()).append("; where fracnet's best recipe beats the best published KL: ").append(bestKl)
        .append(" of ").append(sets.size()).append(". A recipe beats a published value when its mean over the folds is")
        .append(" better; where it is equal at the four published decimals, the table says so.\n");
    for (SetResult s : sets) {
      md.append("\n## ").append(s.name()).append("\n\n").append(s.rows()).append(" rows, ").append(s.features())
          .append(" features, ").append(s.classes()).append(" classes; ").append(config.folds())
          .append("-fold cross-validation, mean ± sd over folds.\n\n| model |");
      for (Metric m : PublishedResults.SIX) {
        md.append(' ').append(title(m)).append(m.higherIsBetter() ? " ↑" : " ↓").append(" |");
      }
      md.append("\n|").append(" --- |".repeat(PublishedResults.SIX.size() + 1)).append('\n');
      for (Recipe r : config.recipes()) {
        md.append("| ").append(LdlBenchmark.label(r, config)).append(String.format(Locale.ROOT, " (%.0f s)",
            s.seconds().get(r))).append(" |");
        for (Metric m : PublishedResults.SIX) {
          md.append(' ').append(num(s.mean(r, m))).append(" ± ").append(num(s.sd(r, m))).append(" |");
        }
        md.append('\n');
      }
      md.append("| published SA-BFGS |");
      for (Metric m : PublishedResults.SIX) {
        md.append(' ').append(published.of(s.name(), BASELINE_METHOD, m).map(v -> num(v.value())).orElse("-"))
            .append(" |");
      }
      md.append("\n| best published |");
      for (Metric m : PublishedResults.SIX) {
        md.append(' ').append(published.best(s.name(), m).map(v -> num(v.value()) + " " + v.method()).orElse("-"))
            .append(" |");
      }
      md.append('\n').append(tuningChoices(s));
    }
    md.append("\nPublished values are read from tables under a plain 10-fold CV heading only (González et al.")
        .append(" 2021a and 2021b, Shen et al. 2017 for Movie): ").append(sources(sets, published)).append('\n');
    return md.toString();
  }

  /** Whether recipe {@code r} beats the published SA-BFGS on all six measures of set {@code s}. */
  static boolean beatsOnAllSix(SetResult s, Recipe r, PublishedResults published) {
    for (Metric m : PublishedResults.SIX) {
      Optional<PublishedResults.Value> v = published.of(s.name(), BASELINE_METHOD, m);
      double ours = s.mean(r, m);
      if (v.isEmpty() || !(m.higherIsBetter() ? ours > v.get().value() : ours < v.get().value())) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code ""}, or e.g. {@code " (Chebyshev, KL equal at four decimals)"}: the measures on which
   * recipe {@code r}'s mean, printed as the published values are, equals SA-BFGS's, so that it
   * beats it only below the published precision.
   */
  static String equalAtPublishedPrecision(SetResult s, Recipe r, PublishedResults published) {
    List<String> equal = PublishedResults.SIX.stream()
        .filter(m -> published.of(s.name(), BASELINE_METHOD, m).map(v -> num(v.value()).equals(num(s.mean(r, m))))
            .orElse(false))
        .map(BenchmarkReport::title).toList();
    return equal.isEmpty() ? "" : " (" + String.join(", ", equal) + " equal at four decimals)";
  }

  /**
   * {@code ""}, or a paragraph naming what the tuned recipe's searches chose: the chosen setting
   * with the number of folds that chose it, then, for ensembles, how many members each setting
   * trained over all folds.
   */
  static String tuningChoices(SetResult s) {
    if (s.tunings().isEmpty()) {
      return "";
    }
    Map<String, Integer> chosen = new LinkedHashMap<>();
    Map<String, Integer> members = new LinkedHashMap<>();
    for (Tuning t : s.tunings()) {
      chosen.merge(t.choice().name(), 1, Integer::sum);
      t.memberCounts().forEach((name, n) -> members.merge(name, n, Integer::sum));
    }
    int n = s.tunings().size();
    StringBuilder out = new StringBuilder("\nThe tuned recipe chose, over its ").append(n)
        .append(n == 1 ? " search: " : " searches (one per fold): ").append(counts(chosen)).append('.');
    if (s.tunings().stream().anyMatch(t -> t.members().size() > 1)) {
      out.append(" Its ensembles' members trained: ").append(counts(members)).append('.');
    }
    return out.append('\n').toString();
  }

  /** Most first, then in the order first met: e.g. {@code base (6); hidden 256,256, dropout 0.3 (4)}. */
  private static String counts(Map<String, Integer> counts) {
    return String.join("; ", counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .map(e -> e.getKey() + " (" + e.getValue() + ")").toList());
  }

  private static Recipe bestRecipe(SetResult s, LdlBenchmark.Config config) {
    Recipe top = config.recipes().get(0);
    for (Recipe r : config.recipes()) {
      if (s.mean(r, Metric.KL) < s.mean(top, Metric.KL)) {
        top = r;
      }
    }
    return top;
  }

  private static String sources(List<SetResult> sets, PublishedResults published) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (SetResult s : sets) {
      for (Metric m : PublishedResults.SIX) {
        published.best(s.name(), m).ifPresent(v -> out.add(v.method() + ": " + v.source()));
      }
    }
    return out.isEmpty() ? "none." : String.join("; ", out) + ".";
  }

  private static String title(Metric m) {
    String k = m.key();
    return m == Metric.KL ? "KL" : Character.toUpperCase(k.charAt(0)) + k.substring(1).replace('_', ' ');
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
