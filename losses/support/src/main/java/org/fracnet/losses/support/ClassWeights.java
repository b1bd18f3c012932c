package org.fracnet.losses.support;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.fracnet.core.FracnetException;
import org.fracnet.core.spi.ParameterDescriptor;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;

/**
 * Resolves the {@code class-weights} parameter of a loss.
 *
 * <p>Accepted values:
 * <ul>
 *   <li>an explicit comma-separated list of K positive numbers, used exactly as given;</li>
 *   <li>{@code inverse-mean}: {@code c_k ∝ 1 / mean_k};</li>
 *   <li>{@code inverse-sqrt-mean}: {@code c_k ∝ 1 / sqrt(mean_k)};</li>
 *   <li>{@code inverse-variance}: {@code c_k ∝ 1 / var_k};</li>
 * </ul>
 * where {@code mean_k} and {@code var_k} are the weighted mean and variance of class k's fraction
 * in the training targets ({@link TargetStatistics}). Computed weights are normalised to mean 1
 * ({@code sum_k c_k = K}). {@link #format} writes weights so that {@link Double#parseDouble}
 * reads back the identical doubles, which is how a saved model recreates its loss.
 */
public final class ClassWeights {
  /** The names of the computed schemes, in the order documented. */
  public static final List<String> SCHEMES = List.of("inverse-mean", "inverse-sqrt-mean", "inverse-variance");

  private ClassWeights() {}

  /** The descriptor of a {@code class-weights} parameter with the given default. */
  public static ParameterDescriptor descriptor(String key, String defaultValue) {
    return new ParameterDescriptor(key,
        "class weights c: K numbers > 0 (used as given), or " + String.join(", ", SCHEMES)
            + " (from the training targets, normalised to mean 1)", defaultValue);
  }

  /**
   * The weights named by {@code params.get(key)}, or {@code fallback} (a scheme name, or
   * {@code null} for all ones) when absent.
   *
   * @throws FracnetException naming key, value and what is accepted
   */
  public static double[] resolve(Parameters params, String key, String fallback, TargetStatistics stats) {
    int k = stats.classes();
    String text = params.getString(key, fallback);
    if (text == null) {
      double[] ones = new double[k];
      Arrays.fill(ones, 1.0);
      return ones;
    }
    String scheme = text.trim();
    if (SCHEMES.contains(scheme)) {
      return computed(params, key, scheme, stats);
    }
    double[] c;
    try {
      c = params.getDoubles(key); // present: a fallback is always a scheme name
    } catch (FracnetException e) {
      throw params.invalid(key, text, expectation(k));
    }
    if (c.length != k) {
      throw params.invalid(key, text, expectation(k) + ", but " + c.length + " were given");
    }
    for (double v : c) {
      if (!(v > 0)) {
        throw params.invalid(key, text, expectation(k) + " (" + v + " is not > 0)");
      }
    }
    return c;
  }

  private static double[] computed(Parameters params, String key, String scheme, TargetStatistics stats) {
    double[] basis = scheme.equals("inverse-variance") ? stats.classVariances() : stats.classMeans();
    String what = scheme.equals("inverse-variance") ? "variance" : "mean";
    double[] c = new double[basis.length];
    double sum = 0;
    for (int j = 0; j < c.length; j++) {
      if (!(basis[j] > 0)) {
        throw params.invalid(key, scheme, "a scheme whose statistic is positive for every class, but class "
            + j + " has training " + what + " " + basis[j] + "; give explicit weights such as "
            + key + "=" + String.join(",", Collections.nCopies(c.length, "1")));
      }
      c[j] = scheme.equals("inverse-sqrt-mean") ? 1 / Math.sqrt(basis[j]) : 1 / basis[j];
      sum += c[j];
    }
    for (int j = 0; j < c.length; j++) {
      c[j] *= c.length / sum;
    }
    return c;
  }

  private static String expectation(int k) {
    return k + " comma-separated numbers > 0 (one per class) or one of " + String.join(", ", SCHEMES);
  }

  /** Whether all weights are equal (then they change neither the minimum nor the predictions). */
  public static boolean allEqual(double[] c) {
    for (double v : c) {
      if (v != c[0]) {
        return false;
      }
    }
    return true;
  }

  /** Comma-joined, round-trip exact ({@link Double#toString}). */
  public static String format(double[] c) {
    return Arrays.stream(c).mapToObj(Double::toString).collect(Collectors.joining(","));
  }
}
