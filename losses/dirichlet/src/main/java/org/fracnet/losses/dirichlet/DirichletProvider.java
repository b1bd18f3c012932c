package org.fracnet.losses.dirichlet;

import java.util.ArrayList;
import java.util.List;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.ParameterDescriptor;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;
import org.fracnet.losses.support.LossProviderBase;
import org.fracnet.losses.support.ParameterValues;

/**
 * Provides {@code dirichlet}: {@code l = -log Dirichlet(p'; alpha)}. All parameters are validated
 * here, in {@link #create}; the zero policy actually used is always written to the resolved
 * parameters with its setting.
 */
public final class DirichletProvider extends LossProviderBase {
  static final String ID = "dirichlet";
  static final String LINK = "link";
  static final String ZERO_POLICY = "zero-policy";
  static final String SMOOTHING = "smoothing";
  static final String SHRINK_N = "shrink-n";
  static final String COUNT_PRIOR = "count-prior";
  /** Default additive smoothing: Smithson-Verkuilen's shrink with K (N - 1) = 1000. */
  static final double DEFAULT_SMOOTHING = 1e-3;
  /** Default count prior: Jeffreys' 1/2 per class. */
  static final double DEFAULT_COUNT_PRIOR = 0.5;

  private static final List<ParameterDescriptor> PARAMETERS = List.of(
      new ParameterDescriptor(LINK,
          "exp (M = K, alpha = exp(z)) or mean-precision (M = K + 1, alpha = exp(z_K) softmax(z_0..K-1))",
          "exp"),
      new ParameterDescriptor(ZERO_POLICY,
          "none, smoothing (p' = (p + s) / (1 + K s)), shrink (p' = (p (N - 1) + 1/K) / N) or counts "
              + "(p' = (p w + a) / (w + K a), w the row's unit count)",
          "the policy whose setting is given; else smoothing when a training fraction is 0, else none"),
      new ParameterDescriptor(SMOOTHING, "s > 0, for zero-policy=smoothing", Double.toString(DEFAULT_SMOOTHING)),
      new ParameterDescriptor(SHRINK_N, "N > 1, the sample size in Smithson-Verkuilen's shrink; required for "
          + "zero-policy=shrink", ""),
      new ParameterDescriptor(COUNT_PRIOR, "a > 0, pseudo-count per class for zero-policy=counts",
          Double.toString(DEFAULT_COUNT_PRIOR)));

  private static final List<String> POLICIES = List.of("none", SMOOTHING, "shrink", "counts");

  /** Does nothing else (providers are cheap). */
  public DirichletProvider() {
    super(ID, "Dirichlet negative log-likelihood of the fractions (exp or mean-precision link), zeros by a stated policy",
        PARAMETERS);
  }

  @Override
  protected LossFunction build(Parameters params, TargetStatistics statistics) {
    int k = statistics.classes();
    String linkName = ParameterValues.choice(params, LINK, "exp", List.of("exp", "mean-precision"));
    String policy = ParameterValues.choice(params, ZERO_POLICY, defaultPolicy(params, statistics), POLICIES);
    for (String[] setting : new String[][] {{SMOOTHING, SMOOTHING}, {SHRINK_N, "shrink"}, {COUNT_PRIOR, "counts"}}) {
      if (params.has(setting[0]) && !policy.equals(setting[1])) {
        throw params.invalid(setting[0], params.getString(setting[0], ""),
            "no value: " + setting[0] + " applies only to zero-policy=" + setting[1] + ", not " + policy);
      }
    }
    Parameters resolved = resolved().with(LINK, linkName).with(ZERO_POLICY, policy);
    DirichletLoss.ZeroPolicy zeros;
    switch (policy) {
      case SMOOTHING -> {
        double s = ParameterValues.number(params, SMOOTHING, DEFAULT_SMOOTHING, 0, false, Double.POSITIVE_INFINITY, false);
        zeros = DirichletLoss.ZeroPolicy.smoothing(s);
        resolved = resolved.with(SMOOTHING, Double.toString(s));
      }
      case "shrink" -> {
        if (!params.has(SHRINK_N)) {
          throw params.invalid(ZERO_POLICY, policy, "shrink-n=N as well (N > 1, the sample size; "
              + "e.g. the number of training rows), because the shrink (p (N - 1) + 1/K) / N depends on it");
        }
        double n = ParameterValues.number(params, SHRINK_N, 0, 1, false, Double.POSITIVE_INFINITY, false);
        // (p (N - 1) + 1/K) / N is additive smoothing with s = 1 / (K (N - 1))
        zeros = new DirichletLoss.ZeroPolicy("shrink", 1 / (k * (n - 1)), 0);
        resolved = resolved.with(SHRINK_N, Double.toString(n));
      }
      case "counts" -> {
        double a = ParameterValues.number(params, COUNT_PRIOR, DEFAULT_COUNT_PRIOR, 0, false, Double.POSITIVE_INFINITY, false);
        zeros = DirichletLoss.ZeroPolicy.counts(a);
        resolved = resolved.with(COUNT_PRIOR, Double.toString(a));
      }
      default -> zeros = DirichletLoss.ZeroPolicy.none();
    }
    return new DirichletLoss(k, linkName.equals("mean-precision"), zeros, resolved);
  }

  private static String defaultPolicy(Parameters params, TargetStatistics statistics) {
    List<String> given = new ArrayList<>();
    if (params.has(SMOOTHING)) {
      given.add(SMOOTHING);
    }
    if (params.has(SHRINK_N)) {
      given.add("shrink");
    }
    if (params.has(COUNT_PRIOR)) {
      given.add("counts");
    }
    if (given.size() > 1) {
      throw params.invalid(ZERO_POLICY, "(absent)", "one zero policy, but settings of " + String.join(" and ", given)
          + " are given; set zero-policy and only its setting");
    }
    if (given.size() == 1) {
      return given.get(0);
    }
    for (double share : statistics.zeroShares()) {
      if (share > 0) {
        return SMOOTHING;
      }
    }
    return "none";
  }
}
