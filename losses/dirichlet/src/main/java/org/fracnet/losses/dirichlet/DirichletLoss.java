package org.fracnet.losses.dirichlet;

import org.fracnet.core.FracnetException;
import org.fracnet.core.spi.Parameters;
import org.fracnet.losses.support.RowLoss;
import org.fracnet.losses.support.Softmax;

/**
 * {@code l = -log Dirichlet(p'; alpha) = -lgamma(A) + sum_k lgamma(alpha_k) - sum_k (alpha_k - 1) log p'_k},
 * {@code A = sum_k alpha_k}; pred = {@code alpha / A}.
 *
 * <p>Links: {@code exp}: {@code alpha = exp(z)}; {@code mean-precision}: {@code alpha = exp(z_K) mu},
 * {@code mu = softmax(z_0..K-1)}. Both are evaluated in logs ({@code log alpha_k}, {@code log A},
 * {@code log q_k = log alpha_k - log A}), and lgamma and digamma are split into Stirling parts and
 * small remainders ({@link GammaFunctions}), so that neither tiny nor huge concentrations lose
 * the value to cancellation:
 * <pre>
 *   l = (1 - K)/2 log A + A KL(q || p') + sum_k [log p'_k - log(q_k)/2 + h(alpha_k)] - h(A)
 *   d l / d alpha_k = dml(alpha_k) - dml(A) + log q_k - log p'_k
 * </pre>
 * with {@code h(x) = lgamma(x) - (x - 1/2) log x + x}, {@code dml(x) = digamma(x) - log x} and
 * {@code KL(q || p') = sum_k p'_k phi(q_k / p'_k)}, {@code phi(r) = r log r - r + 1} (equal to
 * {@code sum_k q_k log(q_k / p'_k)} for targets summing to 1, and free of first-order rounding).
 * Gradients: exp link {@code d l / d z_k = alpha_k d l / d alpha_k}; mean-precision, with
 * {@code v_k = alpha_k (dml(alpha_k) + log q_k - log p'_k)}: {@code d l / d z_j = v_j - mu_j sum v}
 * and {@code d l / d z_K = sum v - A dml(A)} (the {@code dml(A)} terms cancel analytically there).
 */
final class DirichletLoss extends RowLoss {
  private final boolean meanPrecision;
  private final ZeroPolicy zeros;

  DirichletLoss(int k, boolean meanPrecision, ZeroPolicy zeros, Parameters resolved) {
    super(DirichletProvider.ID, k, meanPrecision ? k + 1 : k, resolved);
    this.meanPrecision = meanPrecision;
    this.zeros = zeros;
  }

  @Override
  protected int scratchSize() {
    return 3 * classes();
  }

  @Override
  protected double row(
      double[] z, int zOff, double[] p, int pOff, double rowWeight,
      double[] grad, int gOff, double gradScale, double[] scratch) {
    int k = classes();
    // scratch: [0, k) log q, [k, 2k) log p', [2k, 3k) v
    double logA;
    if (meanPrecision) {
      double lse = Softmax.logSumExp(z, zOff, k);
      for (int j = 0; j < k; j++) {
        scratch[j] = z[zOff + j] - lse;
      }
      logA = z[zOff + k];
    } else {
      logA = Softmax.logSumExp(z, zOff, k);
      for (int j = 0; j < k; j++) {
        scratch[j] = z[zOff + j] - logA;
      }
    }
    double loss = (1 - k) * 0.5 * logA - GammaFunctions.h(logA);
    double sumV = 0;
    double klTerms = 0;
    for (int j = 0; j < k; j++) {
      double target = zeros.apply(p[pOff + j], rowWeight, k);
      if (!(target > 0)) {
        throw zeroTarget(j, p[pOff + j]);
      }
      double logQ = scratch[j];
      double logP = Math.log(target);
      double logAlpha = logA + logQ;
      double alpha = Math.exp(logAlpha);
      double d = logQ - logP;
      // alpha (log q - log p') summed over k is A KL(q || p'), of second order in q - p'; it is
      // summed as A sum_k p' phi(q / p') with phi(r) = r log r - r + 1 >= 0, because rounding of
      // log q would enter alpha (log q - log p') at first order, multiplied by A
      klTerms += target * (d + Math.expm1(d) * (d - 1));
      loss += -0.5 * logQ + logP + GammaFunctions.h(logAlpha);
      double v = GammaFunctions.xDml(logAlpha) + alpha * (logQ - logP);
      scratch[2 * k + j] = v;
      sumV += v;
    }
    loss += Math.exp(logA) * klTerms;
    if (grad != null) {
      double aDmlA = GammaFunctions.xDml(logA);
      for (int j = 0; j < k; j++) {
        double q = Math.exp(scratch[j]);
        grad[gOff + j] = gradScale * (meanPrecision ? scratch[2 * k + j] - q * sumV : scratch[2 * k + j] - q * aDmlA);
      }
      if (meanPrecision) {
        grad[gOff + k] = gradScale * (sumV - aDmlA);
      }
    }
    return loss;
  }

  private FracnetException zeroTarget(int cls, double value) {
    return new FracnetException("dirichlet: a target fraction of class number " + (cls + 1) + " (counting the"
        + " target columns only) is " + value + ", not > 0, after zero-policy=" + zeros.name() + "; the Dirichlet"
        + " density needs every fraction > 0: use zero-policy=smoothing (e.g. smoothing=" + DirichletProvider.DEFAULT_SMOOTHING
        + "), zero-policy=shrink with shrink-n=N, or zero-policy=counts");
  }

  /**
   * For the exp link, the centred log of the class means (the first predicted mean is the mean
   * target, at a concentration of about K); for the mean-precision link, {@code null} (zero
   * biases: uniform mean, precision e^0).
   */
  @Override
  public double[] initialOutputs(org.fracnet.core.spi.TargetStatistics statistics) {
    return meanPrecision ? null : statistics.centredLogMeans();
  }

  @Override
  protected void predictRow(double[] z, int zOff, double[] out, int outOff) {
    // alpha / A = softmax(z) for the exp link and mu = softmax(z_0..K-1) for mean-precision
    Softmax.softmax(z, zOff, classes(), out, outOff);
  }

  @Override
  public boolean isProper() {
    return false;
  }

  @Override
  protected String notes() {
    return "improper for the mean: over targets that vary, the expected loss is minimised where the "
        + "Dirichlet's E[log p] matches the targets' (a maximum-likelihood fit), so the predicted mean "
        + "alpha / A differs from the mean target unless the targets are themselves Dirichlet";
  }

  /** How target fractions become strictly positive {@code p'}. */
  record ZeroPolicy(String name, double s, double a) {
    static ZeroPolicy none() {
      return new ZeroPolicy("none", 0, 0);
    }

    static ZeroPolicy smoothing(double s) {
      return new ZeroPolicy("smoothing", s, 0);
    }

    static ZeroPolicy counts(double a) {
      return new ZeroPolicy("counts", 0, a);
    }

    /** {@code p'} of fraction {@code p} in a row of weight (unit count) {@code w}. */
    double apply(double p, double w, int k) {
      if (a > 0) {
        return (p * w + a) / (w + k * a);
      }
      return s > 0 ? (p + s) / (1 + k * s) : p;
    }
  }
}
