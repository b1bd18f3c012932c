package org.fracnet.core.metrics;

/**
 * The metrics fracnet reports. For a row with target fractions p and predicted fractions q over
 * K classes (sums over k, terms with {@code 0/0} count as 0, q is floored at {@value #Q_FLOOR}
 * inside logarithms):
 *
 * <ul>
 *   <li>{@code mse} = mean_k (p_k - q_k)^2; {@code mae} = mean_k |p_k - q_k|</li>
 *   <li>{@code kl} = sum_k p_k ln(p_k / q_k) (KL(p || q), lower is better)</li>
 *   <li>{@code chebyshev} = max_k |p_k - q_k|</li>
 *   <li>{@code clark} = sqrt(sum_k (p_k - q_k)^2 / (p_k + q_k)^2)</li>
 *   <li>{@code canberra} = sum_k |p_k - q_k| / (p_k + q_k)</li>
 *   <li>{@code cosine} = sum_k p_k q_k / (|p| |q|) (similarity, higher is better)</li>
 *   <li>{@code intersection} = sum_k min(p_k, q_k) (similarity, higher is better)</li>
 *   <li>{@code jensen_shannon} = (KL(p || m) + KL(q || m)) / 2 with m = (p + q) / 2</li>
 *   <li>{@code hellinger} = sqrt(sum_k (sqrt p_k - sqrt q_k)^2 / 2)</li>
 *   <li>{@code total_variation} = sum_k |p_k - q_k| / 2</li>
 *   <li>{@code aitchison} = sqrt(sum_k (clr(p)_k - clr(q)_k)^2), the Aitchison distance: the
 *       Euclidean distance between the centred log-ratio transforms clr(x)_k = ln x_k - mean_j ln
 *       x_j (Aitchison, "The Statistical Analysis of Compositional Data", 1986). It weighs a class
 *       by the ratio of prediction to target, not by their difference, so missing a 0.5 % class by
 *       half counts as much as missing an 80 % class by half. clr needs positive parts: p and q
 *       are floored at {@value #AITCHISON_FLOOR} (the usual simple zero replacement; clr is
 *       invariant to scale, so the floored rows need no renormalising). A target of exactly 0
 *       predicted as 0.01 therefore counts as a ratio of 10^4; on data with zero targets the
 *       distance is dominated by such parts.</li>
 * </ul>
 *
 * Overall values are the weighted mean over rows ({@link Metrics#perRow} gives the row values).
 * Per class, see {@link MetricReport}.
 */
public enum Metric {
  MSE("mse", false),
  MAE("mae", false),
  KL("kl", false),
  CHEBYSHEV("chebyshev", false),
  CLARK("clark", false),
  CANBERRA("canberra", false),
  COSINE("cosine", true),
  INTERSECTION("intersection", true),
  JENSEN_SHANNON("jensen_shannon", false),
  HELLINGER("hellinger", false),
  TOTAL_VARIATION("total_variation", false),
  AITCHISON("aitchison", false);

  /** The smallest q used inside a logarithm. */
  public static final double Q_FLOOR = 1e-15;

  /** The floor of p and q in {@code aitchison}: parts below it count as it. */
  public static final double AITCHISON_FLOOR = 1e-6;

  private final String key;
  private final boolean higherIsBetter;

  Metric(String key, boolean higherIsBetter) {
    this.key = key;
    this.higherIsBetter = higherIsBetter;
  }

  /** The key used in JSON output. */
  public String key() {
    return key;
  }

  /** Whether a larger value means a better prediction (similarities). */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }
}
