package org.fracnet.core.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fracnet.core.metrics.Metric;
import org.fracnet.core.stats.PairedComparison;

/**
 * The verdict in plain words, generated from a {@link ComparisonResult}'s numbers only: the best
 * candidate by KL and the metrics it wins (and the candidate that wins most metrics, when
 * another), whether it is shown to beat predicting the mean fractions, whether it differs
 * significantly from the runner-up (Holm-adjusted), which candidate predicts each small class's
 * mean best, and what class weights do against the same loss without them. It says "no
 * significant difference" where there is none, and never names a best candidate that the table
 * does not.
 */
final class Verdict {
  private final ComparisonResult r;

  Verdict(ComparisonResult r) {
    this.r = r;
  }

  List<String> sentences() {
    List<String> out = new ArrayList<>();
    List<String> ids = r.kept().stream().map(x -> x.candidate.id()).toList();
    String best = r.best(Metric.KL);
    List<String> wins = new ArrayList<>();
    for (Metric m : Metric.values()) {
      if (m != Metric.KL && best.equals(r.best(m))) {
        wins.add(m.key());
      }
    }
    if (ids.size() == 1) {
      out.add(String.format(Locale.ROOT, "Only %s was trained (%s), so there is nothing to compare it with; its KL"
          + " divergence on the out-of-fold rows is %.5f.", best, r.droppedRuns().isEmpty() ? "the only candidate"
              : "the other candidates were left out, see below", r.mean(best, Metric.KL)));
    } else {
      String most = best;
      int mostWins = wins.size() + 1;
      for (String id : ids) {
        int n = 0;
        for (Metric m : Metric.values()) {
          n += id.equals(r.best(m)) ? 1 : 0;
        }
        if (n > mostWins) {
          most = id;
          mostWins = n;
        }
      }
      out.add(String.format(Locale.ROOT, "Best by KL: %s, with the lowest KL divergence (%.5f) on the out-of-fold"
          + " rows; it is also best on %d of the other %d metrics%s%s.", best, r.mean(best, Metric.KL), wins.size(),
          Metric.values().length - 1, wins.isEmpty() ? "" : " (" + String.join(", ", wins) + ")",
          most.equals(best) ? "" : String.format(Locale.ROOT, ", while %s is best on %d of the %d", most, mostWins,
              Metric.values().length)));
    }
    double scale = r.meanPredictorKl();
    PairedComparison gain = r.againstMeanPredictor(best);
    // the clamped overall KL: per-row terms of identical rows can sum to -1e-17, which is not a scale
    if (scale > 0 && Double.isFinite(gain.relativeDifference())) {
      boolean below = gain.relativeDifference() < 0;
      boolean shown = gain.relativeCiHigh() < 0; // the whole interval of the gain lies above 0
      String larger = r.config().budget() != Budget.THOROUGH ? "; the thorough budget tries more learning rates and"
          + " weight decays, and a smaller network may suit small or noisy data" : "; a smaller network may suit"
          + " small or noisy data";
      out.add(String.format(Locale.ROOT, "For scale: always predicting the training folds' mean fractions scores KL"
          + " %.5f out of fold; %s is %.1f %% %s it (95 %% CI %.1f to %.1f %%)%s.", scale, best,
          Math.abs(gain.relativeDifference()), below ? "below" : "above", below ? -gain.relativeCiHigh()
              : gain.relativeCiLow(), below ? -gain.relativeCiLow() : gain.relativeCiHigh(), !below
              ? ", so the best by KL predicts no better than ignoring the features" + larger
              : !shown
              ? ", so the best by KL is not shown to predict better than ignoring the features: weigh the differences"
              + " below against that" + larger
              : -gain.relativeDifference() < 10
              ? ", so the features explain little of these fractions: weigh the differences below against that"
              : ""));
    } else {
      out.add("For scale: always predicting the training folds' mean fractions scores KL 0 out of fold: every row"
          + " has the same fractions, so there is nothing for the features to explain.");
    }
    String early = earlyStops(best);
    if (early != null) {
      out.add(early);
    }
    if (ids.size() > 1) {
      String second = null;
      for (String id : ids) {
        if (!id.equals(best) && (second == null || r.mean(id, Metric.KL) < r.mean(second, Metric.KL))) {
          second = id;
        }
      }
      ComparisonResult.Test t = r.test(best, second, Metric.KL);
      double relative = 100 * t.difference() / r.mean(best, Metric.KL);
      if (t.difference() == 0 && t.low() == 0 && t.high() == 0) {
        out.add("The runner-up, " + second + ", has the same KL as " + best + " on every out-of-fold row: the two"
            + " predict the same fractions here.");
      } else if (t.adjusted() < ComparisonResult.ALPHA) {
        out.add(String.format(Locale.ROOT, "The runner-up, %s, has a KL %.5f higher (%+.1f %%, 95 %% CI %.5f to"
            + " %.5f); the difference is significant (Holm-adjusted %s)%s.", second, t.difference(), relative,
            t.low(), t.high(), pIs(t.adjusted()), overFolds(t)));
      } else {
        out.add(String.format(Locale.ROOT, "No significant difference between %s and the runner-up, %s, in KL"
            + " (difference %.5f, %+.1f %%, 95 %% CI %.5f to %.5f, Holm-adjusted %s): these data do not"
            + " separate them, which does not show that they are equally good%s.", best, second, t.difference(),
            relative, t.low(), t.high(), pIs(t.adjusted()), foldHint(t)));
      }
    }
    String baseline = ids.get(0);
    for (String cls : r.smallClasses()) {
      String bestSmall = null;
      double bestError = Double.POSITIVE_INFINITY;
      for (String id : ids) {
        double e = Math.abs(relativeError(id, cls));
        if (e < bestError) {
          bestError = e;
          bestSmall = id;
        }
      }
      if (bestSmall == null) {
        continue; // no candidate has a finite relative error for it
      }
      PairedComparison own = r.relativeErrorTest(null, bestSmall, cls);
      String sentence = String.format(Locale.ROOT, "Small class %s (%.1f %% of the total): %s %s, relative error %s",
          cls, 100 * r.classMean(cls), bestSmall, ids.size() == 1 ? "predicts its mean" : "comes closest to its mean",
          errorWithInterval(own));
      boolean ownContainsZero = containsZero(own);
      boolean baselineContainsZero = true;
      if (!bestSmall.equals(baseline)) {
        PairedComparison base = r.relativeErrorTest(null, baseline, cls);
        sentence += ", against " + errorWithInterval(base) + " for " + baseline;
        baselineContainsZero = containsZero(base);
      }
      if (!ownContainsZero) {
        sentence += (ids.size() == 1 ? "; the interval excludes 0" : "; its interval excludes 0")
            + ", so it misses the class's mean" + (!bestSmall.equals(baseline) && !baselineContainsZero
                ? ", and so does " + baseline : "") + retraining(bestSmall, cls);
      } else if (!bestSmall.equals(baseline) && baselineContainsZero) {
        sentence += "; both intervals contain 0, so neither is shown to miss the class's mean";
      }
      out.add(sentence + ".");
      out.add(skill(ids, cls));
    }
    out.add(farOff(ids));
    out.add(classWeights(ids, baseline));
    out.add(conclusion(ids, best, baseline));
    out.removeIf(s -> s == null);
    return out;
  }

  /**
   * For a relative error whose interval excludes 0: that the interval counts the rows, not
   * retraining. With one repeat, that another training run may not miss it; with more, the range
   * of the repeats' own errors, and when it spans 0, that this is not a finding.
   */
  private String retraining(String id, String cls) {
    double[] perRepeat = r.relativeErrorPerRepeat(id, cls);
    if (perRepeat.length == 1) {
      return " on these rows, from one training run per fold; another run can land elsewhere (more repeats show"
          + " how far)";
    }
    double low = java.util.Arrays.stream(perRepeat).min().orElseThrow();
    double high = java.util.Arrays.stream(perRepeat).max().orElseThrow();
    return String.format(Locale.ROOT, " (the %d repeats alone range from %+.1f to %+.1f %%%s)", perRepeat.length,
        100 * low, 100 * high, low < 0 && high > 0 ? ", on both sides of 0: retraining changes it more than the"
            + " rows do, so this is not a finding" : "");
  }

  /**
   * Whether any candidate predicts class {@code cls}'s fraction row by row better than its
   * constant mean: the candidate with the highest {@link ComparisonResult#MSE_SKILL} and its
   * interval; null when the mean predictor predicts the class exactly.
   */
  private String skill(List<String> ids, String cls) {
    String top = null;
    double topSkill = Double.NEGATIVE_INFINITY;
    for (String id : ids) {
      double v = r.metrics(id).perClass().get(cls).get(ComparisonResult.MSE_SKILL);
      if (Double.isFinite(v) && v > topSkill) {
        topSkill = v;
        top = id;
      }
    }
    if (top == null) {
      return null;
    }
    PairedComparison t = r.skillTest(top, cls); // its relative difference and interval are in % already
    String value = String.format(Locale.ROOT, "MSE skill %+.1f %% (95 %% CI %+.1f to %+.1f %%; 1 - its MSE for the"
        + " class / the mean predictor's)", 100 * topSkill, -t.relativeCiHigh(), -t.relativeCiLow());
    if (t.relativeCiHigh() < 0) {
      return "Row by row, " + top + " predicts " + cls + "'s fraction " + (topSkill < 0.1 ? "only a little " : "")
          + "better than the class's constant mean: "
          + value + (ids.size() > 1 ? ", the most of the candidates" : "") + ".";
    }
    return "Row by row, " + (ids.size() > 1 ? "no candidate is" : top + " is not") + " shown to predict " + cls
        + "'s fraction better than the class's constant mean (" + (ids.size() > 1 ? "the best, " + top + ", has "
        : "") + value + "): the features tell little about this class, so a loss or class weights can move its"
        + " predicted share but not pick out its rows.";
  }

  /** The most a class's mean may be off, relative, before {@link #farOff} names it: 50 %. */
  static final double FAR_OFF = 0.5;

  /**
   * The candidates that put some class's mean more than {@link #FAR_OFF} off, each with its worst
   * class, the worst first; null when none does.
   */
  private String farOff(List<String> ids) {
    List<String> parts = new ArrayList<>();
    List<Double> worst = new ArrayList<>();
    for (String id : ids) {
      String cls = null;
      double error = 0;
      for (String c : r.metrics(id).perClass().keySet()) {
        double e = relativeError(id, c);
        if (Double.isFinite(e) && Math.abs(e) > Math.abs(error)) {
          error = e;
          cls = c;
        }
      }
      if (cls != null && Math.abs(error) > FAR_OFF) {
        int at = 0;
        while (at < worst.size() && worst.get(at) >= Math.abs(error)) {
          at++;
        }
        worst.add(at, Math.abs(error));
        parts.add(at, String.format(Locale.ROOT, "%s predicts the mean of %s at %+.0f %% (KL %.5f)", id, cls,
            100 * error, r.mean(id, Metric.KL)));
      }
    }
    if (parts.isEmpty()) {
      return null;
    }
    return "Far off a class's share: " + String.join("; ", parts) + ". A candidate that far off misstates that"
        + " class's share, whatever its other numbers.";
  }

  /**
   * What class weights did for the smallest class and in KL, against the same loss without them
   * (or the baseline); null without small classes.
   */
  private String classWeights(List<String> ids, String baseline) {
    if (r.smallClasses().isEmpty()) {
      return null; // no class below SMALL_CLASS: nothing for class weights to attend to
    }
    String smallest = r.smallClasses().get(0);
    String weighted = null;
    for (String id : ids) {
      if (id.contains("class-weights") && (weighted == null
          || Math.abs(relativeError(id, smallest)) < Math.abs(relativeError(weighted, smallest)))) {
        weighted = id;
      }
    }
    if (weighted == null || weighted.equals(baseline)) {
      return null;
    }
    String reference = unweighted(weighted, baseline);
    ComparisonResult.Test t = r.test(reference, weighted, Metric.KL);
    double cost = 100 * t.difference() / r.mean(reference, Metric.KL);
    PairedComparison withWeights = r.relativeErrorTest(null, weighted, smallest);
    PairedComparison without = r.relativeErrorTest(null, reference, smallest);
    boolean bothContainZero = containsZero(withWeights) && containsZero(without);
    String reading = bothContainZero ? ", and both intervals contain 0, so neither is shown to miss the class's mean"
        : Math.abs(withWeights.difference()) >= Math.abs(without.difference())
        ? ", so the weights did not bring the class's mean closer" : "";
    return String.format(Locale.ROOT, "Class weights: %s puts the relative error of the mean of %s at %s, against %s"
        + " for %s%s; it %s KL by %s (%s)%s.", weighted, smallest, errorWithInterval(withWeights),
        errorWithInterval(without), reference, reading,
        cost >= 0 ? "raises" : "lowers", percent(cost / 100),
        t.adjusted() < ComparisonResult.ALPHA ? "significant, Holm-adjusted " + pIs(t.adjusted())
            : "not significant, Holm-adjusted " + pIs(t.adjusted()),
        t.adjusted() < ComparisonResult.ALPHA ? overFolds(t) : "");
  }

  /**
   * The same loss without class weights among the candidates ({@code mse} for {@code weighted-mse},
   * else the loss without parameters), so that the sentence credits the weights and not a change
   * of loss; {@code baseline} when there is none.
   */
  private String unweighted(String weighted, String baseline) {
    String loss = r.kept().stream().filter(x -> x.candidate.id().equals(weighted)).findFirst()
        .map(x -> x.candidate.loss()).orElse(null);
    String plain = "weighted-mse".equals(loss) ? "mse" : loss;
    return r.kept().stream().map(x -> x.candidate).filter(c -> c.loss().equals(plain) && c.parameters().isEmpty())
        .map(Candidate::id).findFirst().orElse(baseline);
  }

  private String conclusion(List<String> ids, String best, String baseline) {
    if (ids.size() < 2) {
      return null;
    }
    if (best.equals(baseline)) {
      String closer = null;
      for (String id : ids) {
        if (closer == null && !id.equals(baseline)) {
          closer = closerOnSmallClass(id, baseline);
        }
      }
      return "For the question which loss to use: " + baseline + ", the baseline, has the lowest KL; keep it"
          + (closer == null ? "." : ", unless " + closer + " matters more to you.");
    }
    ComparisonResult.Test t = r.test(baseline, best, Metric.KL);
    if (r.recommended().equals(best)) {
      return String.format(Locale.ROOT, "For the question which loss to use: %s is the better choice here; it"
          + " lowers KL by %s against %s, significantly%s.", best, percent(-t.difference() / r.mean(baseline,
          Metric.KL)), baseline, overFolds(t));
    }
    String closer = closerOnSmallClass(best, baseline);
    return "For the question which loss to use: " + best + " has the lowest KL, but its difference from " + baseline
        + " is not significant: these data do not show it to be better than " + baseline + foldHint(t) + ", so keep "
        + baseline + ", the baseline" + (closer == null ? "." : ", unless " + closer + " matters more to you.");
  }

  /**
   * When {@code id} predicts some small class's mean closer than {@code baseline} does: that, with
   * both relative errors (the smallest such class), e.g. {@code "how mse predicts the share of
   * ferry (+2.8 % against +9.1 % for cross-entropy)"}; else null.
   */
  private String closerOnSmallClass(String id, String baseline) {
    for (String cls : r.smallClasses()) {
      double own = relativeError(id, cls);
      double base = relativeError(baseline, cls);
      if (Math.abs(own) < Math.abs(base)) {
        return String.format(Locale.ROOT, "how %s predicts the share of %s (%+.1f %% against %+.1f %% for %s)", id,
            cls, 100 * own, 100 * base, baseline);
      }
    }
    return null;
  }

  /** A share as a percentage, e.g. {@code 3.2 %}, with two significant digits below 0.1 % so that a difference is never {@code 0.0 %}. */
  static String percent(double share) {
    double v = Math.abs(100 * share);
    return String.format(Locale.ROOT, v > 0 && v < 0.1 ? "%.2g %%" : "%.1f %%", v);
  }

  /**
   * A sentence when the best candidate's searches kept the network of one of the first few epochs
   * (median at most {@value #FEW_EPOCHS}) although the runs went on for the budget's patience
   * after it: the held-out loss rose almost at once, which a reader of the chosen epochs could
   * take for a network left untrained; null otherwise.
   */
  private String earlyStops(String best) {
    CompareConfig config = r.config();
    boolean fullBatch = false; // the mini-batch maximum: a full-batch optimizer's is larger, so this errs short
    return earlyStops(r.kept().stream().filter(x -> x.candidate.id().equals(best)).findFirst().orElseThrow()
        .chosen.stream().map(c -> c.get("epochs")).filter(Integer.class::isInstance).map(Integer.class::cast).toList(),
        config.training().epochs(fullBatch), config.budget().patience(), config.budget() != Budget.THOROUGH);
  }

  /**
   * {@link #earlyStops(String)} for the epochs kept in each fold (of each repeat), the runs'
   * maximum epochs and patience, and whether a larger budget exists.
   */
  static String earlyStops(List<Integer> kept, int maxEpochs, int patience, boolean largerBudget) {
    List<Integer> epochs = kept.stream().sorted().toList();
    if (epochs.isEmpty() || epochs.get(epochs.size() / 2) > FEW_EPOCHS
        || epochs.get(epochs.size() / 2) + patience > maxEpochs) {
      return null; // a late network, or runs too short to show that the loss stopped falling
    }
    return String.format(Locale.ROOT, "Its searches kept the network of epoch %d to %d (median %d): on held-out rows"
        + " the loss stopped falling within the first epochs, as it does when the features carry little signal or"
        + " the learning rate is high for these data; %sthe learning curves show the held-out loss by epoch.",
        epochs.get(0), epochs.get(epochs.size() - 1), epochs.get(epochs.size() / 2),
        largerBudget ? "a larger budget tries lower learning rates and weight decay, and " : "");
  }

  /** The most epochs a median kept network may have for {@link #earlyStops} to remark on it. */
  static final int FEW_EPOCHS = 3;

  /**
   * For a difference significant over rows: whether it also is over the fold means, where the
   * corrected resampled t-test counts what retraining changes.
   */
  static String overFolds(ComparisonResult.Test t) {
    if (!Double.isFinite(t.foldP())) {
      return "";
    }
    return t.foldP() < ComparisonResult.ALPHA
        ? String.format(Locale.ROOT, ", and over the folds too, counting the noise of retraining (corrected"
            + " resampled t-test, unadjusted %s)", pIs(t.foldP()))
        : String.format(Locale.ROOT, "; over the folds, counting the noise of retraining, it is not (corrected"
            + " resampled t-test, %s): real for these predictions, but not shown to exceed what another training"
            + " run could change (a weak check with few folds)", pIs(t.foldP()));
  }

  /**
   * For a difference not significant over the rows (Holm-adjusted) but below the level over the
   * folds (unadjusted): a clause saying so, as a hint rather than a finding; empty otherwise.
   */
  static String foldHint(ComparisonResult.Test t) {
    if (!(t.adjusted() >= ComparisonResult.ALPHA && t.foldP() < ComparisonResult.ALPHA)) {
      return "";
    }
    return " (over the folds the difference has " + pIs(t.foldP()) + ", but that check is not adjusted for the"
        + " number of comparisons: a hint, not a finding; more repeats can settle it)";
  }

  /** Whether the 95 % interval of {@code c}'s difference contains 0. */
  private static boolean containsZero(PairedComparison c) {
    return c.ciLow() <= 0 && c.ciHigh() >= 0;
  }

  /** {@code +1.8 % (95 % CI -5.0 to +8.7 %)}: a relative error of the mean and its interval. */
  private static String errorWithInterval(PairedComparison error) {
    return String.format(Locale.ROOT, "%+.1f %% (95 %% CI %+.1f to %+.1f %%)", 100 * error.difference(),
        100 * error.ciLow(), 100 * error.ciHigh());
  }

  private double relativeError(String id, String cls) {
    return r.metrics(id).perClass().get(cls).get("relative_error_of_mean");
  }

  static String p(double p) {
    return p < 1e-4 ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", p);
  }

  /** For a sentence: {@code p < 0.0001} or {@code p = 0.0123}. */
  static String pIs(double p) {
    return p < 1e-4 ? "p < 0.0001" : "p = " + p(p);
  }
}
