package org.fracnet.core.compare;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.fracnet.core.metrics.Calibration;
import org.fracnet.core.stats.Holm;

/** The Holm correction and calibration as a comparison reports them, and the text that states the method. */
final class Statistics {
  /** How the comparisons are made, as the report states it. */
  static final String METHOD = "Every candidate predicts every row once per repeat, by a model trained on the other"
      + " folds (out-of-fold predictions). For each metric and each pair of candidates, the per-row values (averaged"
      + " over repeats) are compared with a paired t-test on the weighted per-row differences, with a"
      + " cluster-robust standard error over groups when rows are grouped; the 95 % confidence interval of the"
      + " difference comes from the same t distribution. The p-values of one metric's pairs are corrected with"
      + " Holm's step-down method; a difference is called significant when its adjusted p is below 0.05. A"
      + " Wilcoxon test over 5 folds could never reach p below 0.0625, which is why the unit of the test is the"
      + " row (or group), not the fold. Each candidate's learning rate and weight decay are chosen per fold by the"
      + " lowest KL on 20 % of the training folds' rows held out (epochs by early stopping on the same rows), never"
      + " on a test fold. p over folds is a second check that counts the noise of retraining: the corrected"
      + " resampled t-test (Nadeau and Bengio) over the fold means, not adjusted for the number of comparisons. With"
      + " few folds it has little power, so a difference significant over the rows but not over the folds is real"
      + " for these predictions, and not shown to exceed what another training run could change; and as it is not"
      + " adjusted, a difference below 0.05 over the folds alone is a hint that more repeats can settle, not a"
      + " finding.";

  private Statistics() {}

  /** Holm-adjusted p-values of one family. */
  static double[] holm(double[] p) {
    return p.length == 0 ? p : Holm.adjust(p);
  }

  /** Class {@code j}'s calibration bins as JSON: predicted, observed, weight per bin. */
  static ArrayNode calibration(int n, int k, int j, double[] p, double[] q, double[] w) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (Calibration.Bin bin : Calibration.of(n, k, j, p, q, w, Calibration.DEFAULT_BINS).bins()) {
      out.addObject().put("predicted", bin.meanPredicted()).put("observed", bin.meanObserved())
          .put("weight", bin.weight());
    }
    return out;
  }
}
