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
 * mean best and whether any predicts its rows better than its constant mean (MSE skill), which
 * candidates put a class's mean far off, what class weights do against the same loss without
 * them, and which loss to use. It says "no significant difference" where there is none, and
 * never names a best candidate that the table does not.
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
      boolean shown = r.beatsMeanPredictor(best); // the whole interval of the gain lies above 0
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
      double relative = t.difference() / r.mean(best, Metric.KL);
      if (r.samePredictions(best, second)) {
        out.add("The runner-up, " + second + ", predicts the same fractions as " + best + " for every out-of-fold"
            + " row, so the two are equally good here.");
      } else if (t.adjusted() < ComparisonResult.ALPHA) {
        out.add(String.format(Locale.ROOT, "The runner-up, %s, has a KL %.5f higher (%s, 95 %% CI %.5f to"
            + " %.5f); the difference is significant (Holm-adjusted %s)%s.", second, t.difference(), signed(relative),
            t.low(), t.high(), pIs(t.adjusted()), overFolds(t)));
      } else {
        out.add(String.format(Locale.ROOT, "No significant difference between %s and the runner-up, %s, in KL"
            + " (difference %.5f, %s, 95 %% CI %.5f to %.5f, Holm-adjusted %s): these data do not"
            + " separate them, which does not show that they are equally good%s.", best, second, t.difference(),
            signed(relative), t.low(), t.high(), pIs(t.adjusted()), foldHint(t)));
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
        boolean both = !bestSmall.equals(baseline) && !baselineContainsZero;
        sentence += (ids.size() == 1 ? "; the interval excludes 0" : "; its interval excludes 0")
            + ", so it misses the class's mean" + repeatRange(bestSmall, cls)
            + (both ? ", and so does " + baseline + repeatRange(baseline, cls) : "")
            + (r.repeats() == 1 ? ", on these rows and from one training run per fold: another run can land elsewhere"
                + " (more repeats show how far)" : "");
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
   * For a relative error whose interval excludes 0, with repeats: the range of the repeats' own
   * errors, and when it spans 0, that retraining changes it more than the rows do; empty with one
   * repeat.
   */
  private String repeatRange(String id, String cls) {
    double[] perRepeat = r.relativeErrorPerRepeat(id, cls);
    if (perRepeat.length == 1) {
      return "";
    }
    double low = java.util.Arrays.stream(perRepeat).min().orElseThrow();
    double high = java.util.Arrays.stream(perRepeat).max().orElseThrow();
    return String.format(Locale.ROOT, " (its %d repeats alone range from %+.1f to %+.1f %%%s)", perRepeat.length,
        100 * low, 100 * high, low < 0 && high > 0 ? ", on both sides of 0: retraining changes it more than the"
            + " rows do, so this is not a finding" : "");
  }

  /**
   * Whether any candidate predicts class {@code cls}'s fraction row by row better than its
   * constant mean: each candidate's {@link ComparisonResult#MSE_SKILL} tested against the mean
   * predictor's per-row squared errors, Holm-adjusted over the candidates; names the shown one
   * with the highest skill, or the highest skill when none is shown. Null when the constant mean
   * predicts the class exactly, which leaves no scale.
   */
  private String skill(List<String> ids, String cls) {
    List<String> tested = new ArrayList<>();
    List<PairedComparison> tests = new ArrayList<>();
    for (String id : ids) {
      if (Double.isFinite(skillOf(id, cls))) {
        tested.add(id);
        tests.add(r.skillTest(id, cls));
      }
    }
    if (tested.isEmpty()) {
      return null;
    }
    double[] adjusted = Statistics.holm(tests.stream().mapToDouble(PairedComparison::pValue).toArray());
    int top = -1;
    int shownCount = 0;
    for (int i = 0; i < tested.size(); i++) {
      boolean shown = adjusted[i] < ComparisonResult.ALPHA && skillOf(tested.get(i), cls) > 0;
      shownCount += shown ? 1 : 0;
      if (shown && (top < 0 || skillOf(tested.get(i), cls) > skillOf(tested.get(top), cls))) {
        top = i;
      }
    }
    boolean anyShown = top >= 0;
    if (!anyShown) {
      for (int i = 0; i < tested.size(); i++) {
        top = top < 0 || skillOf(tested.get(i), cls) > skillOf(tested.get(top), cls) ? i : top;
      }
    }
    String id = tested.get(top);
    double skill = skillOf(id, cls);
    PairedComparison t = tests.get(top); // its relative difference and interval are in % already, MSE_B / MSE_A - 1
    String value = String.format(Locale.ROOT, "MSE skill %+.1f %% (1 - its MSE for the class / the constant's; 95"
        + " %% CI %+.1f to %+.1f %%, %s%s)", 100 * skill, -t.relativeCiHigh(), Math.min(100, -t.relativeCiLow()),
        pIs(adjusted[top]), tested.size() > 1 ? " Holm-adjusted over the candidates" : "");
    if (anyShown) {
      return "Row by row, " + id + " predicts " + cls + "'s fraction " + (skill < 0.1 ? "only a little " : "")
          + "better than the class's constant mean: " + value + (shownCount > 1 ? String.format(Locale.ROOT,
              ", the highest of the %d candidates shown better", shownCount) : "") + ".";
    }
    return "Row by row, " + (tested.size() > 1 ? "no candidate is" : id + " is not") + " shown to predict " + cls
        + "'s fraction better than the class's constant mean (" + (tested.size() > 1 ? "the highest skill, " + id
        + "'s: " : "") + value + "): for this class these models differ in the share they predict, not in picking"
        + " out its rows.";
  }

  private double skillOf(String id, String cls) {
    return r.metrics(id).perClass().get(cls).get(ComparisonResult.MSE_SKILL);
  }

  /** The most a class's mean may be off, relative, before {@link #farOff} names it: 50 %. */
  static final double FAR_OFF = 0.5;

  /**
   * The candidates that put some class's mean more than {@link #FAR_OFF} off, the whole 95 %
   * interval of the relative error beyond it, each with its worst class, the worst first; null
   * when none does.
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
      PairedComparison interval = cls == null ? null : r.relativeErrorTest(null, id, cls);
      if (cls != null && (interval.ciLow() > FAR_OFF || interval.ciHigh() < -FAR_OFF)) {
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
    String chosen = r.recommended();
    String caveat = smallClassCaveat(ids, chosen);
    if (best.equals(baseline)) {
      return "For the question which loss to use: " + baseline + ", the baseline, has the lowest KL; keep it" + caveat
          + ".";
    }
    ComparisonResult.Test t = r.test(baseline, best, Metric.KL);
    if (chosen.equals(best)) {
      return String.format(Locale.ROOT, "For the question which loss to use: %s is the better choice here; it"
          + " lowers KL by %s against %s, significantly%s%s.", best, percent(-t.difference() / r.mean(baseline,
          Metric.KL)), baseline, overFolds(t), caveat);
    }
    return "For the question which loss to use: " + best + " has the lowest KL, but its difference from " + baseline
        + " is not significant: these data do not show it to be better than " + baseline + foldHint(t) + ", so keep "
        + baseline + ", the baseline" + caveat + ".";
  }

  /**
   * When {@code chosen} misses a small class's mean (the interval of its relative error excludes
   * 0) and another candidate is not shown to: a clause naming that candidate (the closest such)
   * and both errors, e.g. {@code ", unless how mse predicts the share of ferry matters more to
   * you: its relative error +2.8 % is not shown to miss the class's mean, where cross-entropy's
   * -20.1 % misses it"}; else empty.
   */
  private String smallClassCaveat(List<String> ids, String chosen) {
    for (String cls : r.smallClasses()) {
      if (containsZero(r.relativeErrorTest(null, chosen, cls))) {
        continue;
      }
      String other = null;
      for (String id : ids) {
        if (!id.equals(chosen) && containsZero(r.relativeErrorTest(null, id, cls))
            && (other == null || Math.abs(relativeError(id, cls)) < Math.abs(relativeError(other, cls)))) {
          other = id;
        }
      }
      if (other != null) {
        return String.format(Locale.ROOT, ", unless how %s predicts the share of %s matters more to you: its"
            + " relative error %+.1f %% is not shown to miss the class's mean, where %s's %+.1f %% misses it", other,
            cls, 100 * relativeError(other, cls), chosen, 100 * relativeError(chosen, cls));
      }
    }
    return "";
  }

  /** A share as a percentage, e.g. {@code 3.2 %}, with two significant digits below 0.1 % so that a difference is never {@code 0.0 %}. */
  static String percent(double share) {
    double v = Math.abs(100 * share);
    return String.format(Locale.ROOT, v > 0 && v < 0.1 ? "%.2g %%" : "%.1f %%", v);
  }

  /** As {@link #percent}, with the sign: {@code +2.0 %}, {@code -0.043 %}. */
  static String signed(double share) {
    return (share < 0 ? "-" : "+") + percent(share);
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

  /** Whether the 95 % interval of {@code c}'s difference contains 0, to within 1e-9. */
  private static boolean containsZero(PairedComparison c) {
    return c.ciLow() <= 1e-9 && c.ciHigh() >= -1e-9; // a class predicted exactly: an interval of +-1e-17
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
