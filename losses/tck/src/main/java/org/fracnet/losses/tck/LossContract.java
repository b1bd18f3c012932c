package org.fracnet.losses.tck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.fracnet.core.FracnetException;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.LossProvider;
import org.fracnet.core.spi.ParameterDescriptor;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;

/**
 * The contract every loss plugin satisfies ({@link LossFunction}'s javadoc), as named checks
 * that return {@link CheckResult}s instead of throwing, so that the CLI ({@code fracnet check-loss})
 * and JUnit ({@link LossContractTest}) can both run them.
 *
 * <p>The loss is built as an application builds it: the provider is found through
 * {@link java.util.ServiceLoader} by id, and created with the given parameters and the
 * {@link TargetStatistics} of the kit's own training targets. All data are drawn from a fixed
 * seed, so a run is reproducible. Targets are strictly positive (a loss may demand that, e.g. a
 * Dirichlet without a zero policy); raw outputs are normal with standard deviation 1.5; row
 * weights uniform in [0.5, 2].
 *
 * <p>Checks (in {@link #CHECKS} order):
 * <ul>
 *   <li>{@code describes-itself}: kebab-case id equal to the loss's, a description, described
 *       parameters, {@code classes() == K}, {@code outputs() >= K}, a {@code toString()};</li>
 *   <li>{@code unknown-parameter-is-rejected}: {@code create} throws {@link FracnetException}
 *       naming an unknown key;</li>
 *   <li>{@code resolved-parameters-recreate-the-loss}: {@code create(resolvedParameters(),
 *       TargetStatistics.uniform(K))} gives the identical value, gradient and predictions;</li>
 *   <li>{@code gradient-matches-central-differences}: every gradient entry within
 *       {@code 1e-6 |fd| + 1e-8 max(1, |value|)} of a central difference with step
 *       {@code 1e-5 max(1, |z|)}; and {@code value(...)} equals the value returned with a gradient;</li>
 *   <li>{@code minimum-at-mean-target-iff-proper}: one raw-output row shared by 30 varied targets
 *       is minimised (BFGS from two starts, z = 0 and z = log of the mean target, keeping the
 *       lower minimum, which 20 random perturbations must not lower); for a proper loss the prediction there equals the weighted mean target
 *       within 1e-6; for a loss reporting {@code isProper() == false} it differs by at least 1e-4
 *       (the report must be true) and {@code toString()} must say why;</li>
 *   <li>{@code value-is-the-weighted-mean-of-rows}: the batch value is {@code sum_i w_i l_i /
 *       sum_i w_i} and its gradient row i is {@code w_i / sum w} times row i's own gradient, where
 *       {@code l_i} is the value of row i alone with its weight (1e-12 relative);</li>
 *   <li>{@code unit-weights-equal-no-weights}: {@code w} all ones and {@code w == null} agree to
 *       1e-12 relative;</li>
 *   <li>{@code duplicated-rows-give-same-value-and-half-gradients}: the batch twice over gives the
 *       same value and, per copy, half the gradient (1e-12 relative);</li>
 *   <li>{@code inputs-are-not-mutated}: {@code z}, {@code p}, {@code w} unchanged by
 *       {@code valueAndGradient} and {@code predict};</li>
 *   <li>{@code thread-safe}: 8 threads calling one loss concurrently reproduce the single-thread
 *       results bit for bit;</li>
 *   <li>{@code shape-mismatch-throws-illegal-argument}: a short {@code z}, {@code p}, {@code w},
 *       {@code grad}, or {@code fractions} in {@code predict}, throws
 *       {@link IllegalArgumentException} whose message names that array;</li>
 *   <li>{@code non-finite-z-gives-non-finite-value}: a NaN, +inf or -inf raw output gives a NaN or
 *       infinite value, without throwing;</li>
 *   <li>{@code predictions-are-fractions}: predictions, also of large raw outputs (|z| up to about
 *       100), are finite, non-negative and sum to 1 within 1e-12 per row.</li>
 * </ul>
 *
 * <p>Immutable; each check builds its own data, so checks may run in any order or concurrently.
 */
public final class LossContract {
  /** The names of the checks, in the order {@link #runAll()} runs them. */
  public static final List<String> CHECKS = List.of(
      "describes-itself",
      "unknown-parameter-is-rejected",
      "resolved-parameters-recreate-the-loss",
      "gradient-matches-central-differences",
      "minimum-at-mean-target-iff-proper",
      "value-is-the-weighted-mean-of-rows",
      "unit-weights-equal-no-weights",
      "duplicated-rows-give-same-value-and-half-gradients",
      "inputs-are-not-mutated",
      "thread-safe",
      "shape-mismatch-throws-illegal-argument",
      "non-finite-z-gives-non-finite-value",
      "predictions-are-fractions");

  private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final long SEED = 20261127L;
  private static final int TRAINING_ROWS = 200;

  private final LossProvider provider;
  private final Parameters parameters;
  private final int classes;
  private final TargetStatistics statistics;
  private final LossFunction loss;
  private final Map<String, Supplier<CheckResult>> checks = new LinkedHashMap<>();

  private LossContract(LossProvider provider, Parameters parameters, int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException("classes = " + classes + "; the contract needs K >= 2");
    }
    this.provider = provider;
    this.parameters = parameters;
    this.classes = classes;
    double[] p = targets(new Random(SEED), TRAINING_ROWS);
    this.statistics = TargetStatistics.of(TRAINING_ROWS, classes, p, null, false);
    this.loss = provider.create(parameters, statistics);
    checks.put("describes-itself", this::describesItself);
    checks.put("unknown-parameter-is-rejected", this::unknownParameterIsRejected);
    checks.put("resolved-parameters-recreate-the-loss", this::resolvedParametersRecreate);
    checks.put("gradient-matches-central-differences", this::gradientMatchesCentralDifferences);
    checks.put("minimum-at-mean-target-iff-proper", this::minimumAtMeanTargetIffProper);
    checks.put("value-is-the-weighted-mean-of-rows", this::weightedMeanOfRows);
    checks.put("unit-weights-equal-no-weights", this::unitWeightsEqualNoWeights);
    checks.put("duplicated-rows-give-same-value-and-half-gradients", this::duplicatedRows);
    checks.put("inputs-are-not-mutated", this::inputsAreNotMutated);
    checks.put("thread-safe", this::threadSafe);
    checks.put("shape-mismatch-throws-illegal-argument", this::shapeMismatch);
    checks.put("non-finite-z-gives-non-finite-value", this::nonFiniteZ);
    checks.put("predictions-are-fractions", this::predictionsAreFractions);
  }

  /**
   * The contract of the loss {@code lossId}, found through {@link java.util.ServiceLoader} with the
   * thread's context class loader, created with {@code parameters} for {@code classes} classes.
   *
   * @throws FracnetException when no provider (or two) has that id, or {@code create} rejects the
   *     parameters
   */
  public static LossContract forId(String lossId, Parameters parameters, int classes) {
    return new LossContract(LossProviders.find(lossId), parameters, classes);
  }

  /** As {@link #forId(String, Parameters, int)}, searching {@code loader}. */
  public static LossContract forId(String lossId, Parameters parameters, int classes, ClassLoader loader) {
    return new LossContract(LossProviders.find(lossId, loader), parameters, classes);
  }

  /** The contract of a provider at hand (skips discovery; for the kit's own tests and embedding). */
  public static LossContract forProvider(LossProvider provider, Parameters parameters, int classes) {
    return new LossContract(provider, parameters, classes);
  }

  /** The provider under test. */
  public LossProvider provider() {
    return provider;
  }

  /** The loss under test, as created from the parameters and the kit's training statistics. */
  public LossFunction loss() {
    return loss;
  }

  /** The names of the checks, in order. */
  public List<String> checkNames() {
    return CHECKS;
  }

  /**
   * Runs the check {@code name}. A check never throws: an unexpected exception of the loss is a
   * failed result naming it.
   *
   * @throws IllegalArgumentException when there is no check of that name
   */
  public CheckResult run(String name) {
    Supplier<CheckResult> check = checks.get(name);
    if (check == null) {
      throw new IllegalArgumentException("no contract check '" + name + "'; checks: " + String.join(", ", CHECKS));
    }
    try {
      return check.get();
    } catch (RuntimeException | AssertionError | StackOverflowError e) {
      return CheckResult.fail(name, "threw " + e);
    }
  }

  /** Runs every check, in {@link #CHECKS} order. */
  public List<CheckResult> runAll() {
    List<CheckResult> results = new ArrayList<>();
    for (String name : CHECKS) {
      results.add(run(name));
    }
    return results;
  }

  @Override
  public String toString() {
    return "LossContract[" + provider.id() + " (" + provider.getClass().getName() + "), "
        + (parameters.asMap().isEmpty() ? "no parameters" : parameters) + ", K=" + classes + "]";
  }

  // ---------------------------------------------------------------- checks

  private CheckResult describesItself() {
    String name = "describes-itself";
    List<String> problems = new ArrayList<>();
    if (provider.id() == null || !KEBAB.matcher(provider.id()).matches()) {
      problems.add("provider id '" + provider.id() + "' is not lower-kebab-case");
    }
    if (!provider.id().equals(loss.id())) {
      problems.add("loss.id() is '" + loss.id() + "' but the provider's id is '" + provider.id() + "'");
    }
    if (provider.description() == null || provider.description().isBlank()) {
      problems.add("the provider has no description");
    }
    for (ParameterDescriptor d : provider.parameters()) {
      if (!KEBAB.matcher(d.name()).matches() || d.description().isBlank()) {
        problems.add("parameter '" + d.name() + "' needs a kebab-case name and a description");
      }
    }
    if (loss.classes() != classes) {
      problems.add("classes() is " + loss.classes() + ", expected " + classes);
    }
    if (loss.outputs() < classes) {
      problems.add("outputs() is " + loss.outputs() + ", less than classes() = " + classes);
    }
    String text = loss.toString();
    if (text == null || text.isBlank() || text.matches(".*@[0-9a-f]+")) {
      problems.add("toString() is '" + text + "'; it should print the loss and its parameters");
    }
    return problems.isEmpty()
        ? CheckResult.pass(name, "id " + provider.id() + ", K=" + loss.classes() + ", M=" + loss.outputs() + ": " + text)
        : CheckResult.fail(name, String.join("; ", problems));
  }

  private CheckResult unknownParameterIsRejected() {
    String name = "unknown-parameter-is-rejected";
    String key = "no-such-parameter-of-the-tck";
    try {
      provider.create(parameters.with(key, "1"), statistics);
    } catch (FracnetException e) {
      return e.getMessage() != null && e.getMessage().contains(key)
          ? CheckResult.pass(name, e.getMessage())
          : CheckResult.fail(name, "the message does not name the key " + key + ": " + e.getMessage());
    }
    return CheckResult.fail(name, "create accepted the unknown parameter " + key + "=1");
  }

  private CheckResult resolvedParametersRecreate() {
    String name = "resolved-parameters-recreate-the-loss";
    Parameters resolved = loss.resolvedParameters();
    LossFunction again = provider.create(resolved, TargetStatistics.uniform(classes));
    List<String> problems = new ArrayList<>();
    if (!again.resolvedParameters().equals(resolved)) {
      problems.add("resolved parameters differ: " + resolved + " vs " + again.resolvedParameters());
    }
    if (again.outputs() != loss.outputs() || again.isProper() != loss.isProper()) {
      problems.add("outputs() or isProper() differ");
    }
    if (problems.isEmpty()) {
      Batch b = batch(new Random(SEED + 1), 7, true);
      Result r1 = evaluate(loss, b);
      Result r2 = evaluate(again, b);
      if (!r1.sameAs(r2)) {
        problems.add("results differ: value " + r1.value + " vs " + r2.value + ", max gradient difference "
            + maxAbsDiff(r1.grad, r2.grad) + ", max prediction difference " + maxAbsDiff(r1.pred, r2.pred));
      }
    }
    return problems.isEmpty()
        ? CheckResult.pass(name, "create(" + (resolved.asMap().isEmpty() ? "no parameters" : resolved)
            + ", uniform statistics) is identical")
        : CheckResult.fail(name, String.join("; ", problems) + " (resolvedParameters() must include every "
            + "data-dependent choice, e.g. computed class weights)");
  }

  private CheckResult gradientMatchesCentralDifferences() {
    String name = "gradient-matches-central-differences";
    Batch b = batch(new Random(SEED + 2), 5, true);
    int m = loss.outputs();
    double[] grad = new double[b.n * m];
    double value = loss.valueAndGradient(b.n, b.z, b.p, b.w, grad);
    double valueOnly = loss.value(b.n, b.z.clone(), b.p, b.w);
    if (Double.compare(value, valueOnly) != 0) {
      return CheckResult.fail(name, "value without a gradient (" + valueOnly + ") differs from value with one (" + value + ")");
    }
    double worst = 0;
    String where = "";
    double[] z = b.z.clone();
    for (int j = 0; j < z.length; j++) {
      double h = 1e-5 * Math.max(1, Math.abs(z[j]));
      double saved = z[j];
      z[j] = saved + h;
      double plus = loss.value(b.n, z, b.p, b.w);
      z[j] = saved - h;
      double minus = loss.value(b.n, z, b.p, b.w);
      z[j] = saved;
      double fd = (plus - minus) / (2 * h);
      double allowed = 1e-6 * Math.abs(fd) + 1e-8 * Math.max(1, Math.abs(value));
      double ratio = Math.abs(grad[j] - fd) / allowed;
      if (!(ratio <= worst)) {
        worst = ratio;
        where = "row " + j / m + ", output " + j % m + ": analytic " + grad[j] + ", central difference " + fd;
        if (Double.isNaN(ratio)) {
          break;
        }
      }
    }
    String detail = "worst entry at " + String.format("%.3g", worst) + " of the allowed difference (" + where + ")";
    return worst <= 1 ? CheckResult.pass(name, detail) : CheckResult.fail(name, detail);
  }

  private CheckResult minimumAtMeanTargetIffProper() {
    String name = "minimum-at-mean-target-iff-proper";
    Random random = new Random(SEED + 3);
    int rows = 30;
    int m = loss.outputs();
    double[] p = targets(random, rows);
    double[] w = weights(random, rows);
    double[] mean = new double[classes];
    double total = 0;
    for (int i = 0; i < rows; i++) {
      total += w[i];
      for (int j = 0; j < classes; j++) {
        mean[j] += w[i] * p[i * classes + j];
      }
    }
    for (int j = 0; j < classes; j++) {
      mean[j] /= total;
    }
    double[] zs = new double[rows * m];
    double[] gs = new double[rows * m];
    Minimizer.Objective expected = (x, g) -> {
      for (int i = 0; i < rows; i++) {
        System.arraycopy(x, 0, zs, i * m, m);
      }
      double v = loss.valueAndGradient(rows, zs, p, w, gs);
      Arrays.fill(g, 0);
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < m; j++) {
          g[j] += gs[i * m + j];
        }
      }
      return v;
    };
    // two starts, the lower minimum wins: z = 0, and z = log(mean target) (padded with 0), which
    // for softmax links starts near the answer, away from the flat saturated regions of a softmax
    double[] logMean = new double[m];
    for (int j = 0; j < classes; j++) {
      logMean[j] = Math.log(mean[j]);
    }
    Minimizer.Result r = null;
    for (double[] start : List.of(new double[m], logMean)) {
      Minimizer.Result candidate = Minimizer.minimize(expected, start, 1e-10, 5000);
      if (r == null || (candidate.converged() && !(candidate.value() >= r.value() && r.converged()))) {
        r = candidate;
      }
    }
    double[] pred = new double[classes];
    loss.predict(1, r.x(), pred);
    double distance = maxAbsDiff(pred, mean);
    String found = "minimum of the expected loss over 30 targets (" + (r.converged() ? "converged" : "NOT converged")
        + " after " + r.iterations() + " BFGS steps, gradient " + String.format("%.2g", r.gradientNorm())
        + ") predicts " + Arrays.toString(round(pred)) + "; mean target " + Arrays.toString(round(mean))
        + "; max difference " + String.format("%.3g", distance);
    if (!r.converged()) {
      return CheckResult.fail(name, found);
    }
    // the point is a minimum: random perturbations of the raw outputs do not lower the loss
    double[] unused = new double[m];
    for (int t = 0; t < 20; t++) {
      double[] x = r.x().clone();
      for (int j = 0; j < m; j++) {
        x[j] += 1e-2 * random.nextGaussian();
      }
      double perturbed = expected.valueAndGradient(x, unused);
      if (perturbed < r.value() - 1e-12 * Math.max(1, Math.abs(r.value()))) {
        return CheckResult.fail(name, "not a minimum: a perturbation of the raw outputs lowers the expected loss from "
            + r.value() + " to " + perturbed + "; " + found);
      }
    }
    if (loss.isProper()) {
      return distance <= 1e-6
          ? CheckResult.pass(name, "proper: " + found)
          : CheckResult.fail(name, "isProper() is true, but the " + found + " > 1e-6");
    }
    String text = loss.toString();
    if (text == null || text.isBlank() || text.matches(".*@[0-9a-f]+")) {
      return CheckResult.fail(name, "isProper() is false, but toString() does not say why: " + text);
    }
    return distance >= 1e-4
        ? CheckResult.pass(name, "improper, as reported: " + found + " (" + text + ")")
        : CheckResult.fail(name, "isProper() is false, but the " + found + " < 1e-4: it looks proper");
  }

  private CheckResult weightedMeanOfRows() {
    String name = "value-is-the-weighted-mean-of-rows";
    Batch b = batch(new Random(SEED + 11), 5, true);
    int m = loss.outputs();
    Result all = evaluate(loss, b);
    double total = 0;
    double sum = 0;
    double[] grad = new double[b.n * m];
    for (int i = 0; i < b.n; i++) {
      Batch one = new Batch(1, Arrays.copyOfRange(b.z, i * m, (i + 1) * m),
          Arrays.copyOfRange(b.p, i * classes, (i + 1) * classes), new double[] {b.w[i]});
      Result r = evaluate(loss, one);
      total += b.w[i];
      sum += b.w[i] * r.value;
      System.arraycopy(r.grad, 0, grad, i * m, m);
    }
    for (int i = 0; i < b.n; i++) {
      for (int j = 0; j < m; j++) {
        grad[i * m + j] *= b.w[i] / total;
      }
    }
    double dv = relDiff(all.value, sum / total);
    double dg = maxRelDiff(all.grad, grad);
    String detail = "batch value " + all.value + ", weighted mean of rows " + sum / total
        + "; relative difference of values " + dv + ", of gradients " + dg;
    return dv <= 1e-12 && dg <= 1e-12
        ? CheckResult.pass(name, detail)
        : CheckResult.fail(name, "the batch value differs from sum_i w_i l_i / sum_i w_i: " + detail + " > 1e-12");
  }

  private CheckResult unitWeightsEqualNoWeights() {
    String name = "unit-weights-equal-no-weights";
    Batch b = batch(new Random(SEED + 4), 9, false);
    double[] ones = new double[b.n];
    Arrays.fill(ones, 1);
    Result none = evaluate(loss, b);
    Result unit = evaluate(loss, new Batch(b.n, b.z, b.p, ones));
    double dv = relDiff(none.value, unit.value);
    double dg = maxRelDiff(none.grad, unit.grad);
    String detail = "relative difference of values " + dv + ", of gradients " + dg;
    return dv <= 1e-12 && dg <= 1e-12 ? CheckResult.pass(name, detail) : CheckResult.fail(name, detail + " > 1e-12");
  }

  private CheckResult duplicatedRows() {
    String name = "duplicated-rows-give-same-value-and-half-gradients";
    Batch b = batch(new Random(SEED + 5), 6, true);
    int m = loss.outputs();
    Batch twice = new Batch(2 * b.n, concat(b.z, b.z), concat(b.p, b.p), concat(b.w, b.w));
    Result once = evaluate(loss, b);
    Result two = evaluate(loss, twice);
    double dv = relDiff(once.value, two.value);
    double dg = 0;
    for (int copy = 0; copy < 2; copy++) {
      double[] half = Arrays.copyOfRange(two.grad, copy * b.n * m, (copy + 1) * b.n * m);
      for (int j = 0; j < half.length; j++) {
        half[j] *= 2;
      }
      dg = Math.max(dg, maxRelDiff(once.grad, half));
    }
    String detail = "relative difference of values " + dv + ", of 2 x gradient per copy " + dg;
    return dv <= 1e-12 && dg <= 1e-12 ? CheckResult.pass(name, detail) : CheckResult.fail(name, detail + " > 1e-12");
  }

  private CheckResult inputsAreNotMutated() {
    String name = "inputs-are-not-mutated";
    Batch b = batch(new Random(SEED + 6), 5, true);
    double[] z = b.z.clone();
    double[] p = b.p.clone();
    double[] w = b.w.clone();
    loss.valueAndGradient(b.n, z, p, w, new double[b.n * loss.outputs()]);
    loss.value(b.n, z, p, w);
    loss.predict(b.n, z, new double[b.n * classes]);
    List<String> changed = new ArrayList<>();
    if (!Arrays.equals(z, b.z)) {
      changed.add("z");
    }
    if (!Arrays.equals(p, b.p)) {
      changed.add("p");
    }
    if (!Arrays.equals(w, b.w)) {
      changed.add("w");
    }
    return changed.isEmpty()
        ? CheckResult.pass(name, "z, p and w unchanged by valueAndGradient, value and predict")
        : CheckResult.fail(name, "the loss modified " + String.join(", ", changed));
  }

  private CheckResult threadSafe() {
    String name = "thread-safe";
    int threads = 8;
    int rounds = 50;
    Batch b = batch(new Random(SEED + 7), 16, true);
    Result expected = evaluate(loss, b);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Callable<String> task = () -> {
          for (int round = 0; round < rounds; round++) {
            Result r = evaluate(loss, new Batch(b.n, b.z.clone(), b.p.clone(), b.w.clone()));
            if (!r.sameAs(expected)) {
              return "round " + round + ": value " + r.value + " vs " + expected.value;
            }
          }
          return null;
        };
        futures.add(pool.submit(task));
      }
      for (Future<String> f : futures) {
        String problem = f.get(120, TimeUnit.SECONDS);
        if (problem != null) {
          return CheckResult.fail(name, "a concurrent call gave a different result, " + problem);
        }
      }
    } catch (Exception e) {
      return CheckResult.fail(name, "concurrent calls failed: " + e);
    } finally {
      pool.shutdownNow();
    }
    return CheckResult.pass(name, threads + " threads x " + rounds + " calls reproduced the single-thread results bit for bit");
  }

  private CheckResult shapeMismatch() {
    String name = "shape-mismatch-throws-illegal-argument";
    int n = 4;
    int m = loss.outputs();
    Batch b = batch(new Random(SEED + 8), n, true);
    double[] grad = new double[n * m];
    Map<String, Runnable> calls = new LinkedHashMap<>();
    calls.put("z", () -> loss.valueAndGradient(n, Arrays.copyOf(b.z, n * m - 1), b.p, b.w, grad));
    calls.put("p", () -> loss.valueAndGradient(n, b.z, Arrays.copyOf(b.p, n * classes - 1), b.w, grad));
    calls.put("w", () -> loss.valueAndGradient(n, b.z, b.p, Arrays.copyOf(b.w, n - 1), grad));
    calls.put("grad", () -> loss.valueAndGradient(n, b.z, b.p, b.w, new double[n * m - 1]));
    calls.put("z ", () -> loss.predict(n, Arrays.copyOf(b.z, n * m - 1), new double[n * classes]));
    calls.put("fractions", () -> loss.predict(n, b.z, new double[n * classes - 1]));
    List<String> problems = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    calls.forEach((array, call) -> {
      String label = array.trim() + (array.endsWith(" ") || array.equals("fractions") ? " (predict)" : "");
      try {
        call.run();
        problems.add("a short " + label + " was accepted");
      } catch (IllegalArgumentException e) {
        String msg = String.valueOf(e.getMessage());
        if (!Pattern.compile("\\b" + Pattern.quote(array.trim()) + "\\b").matcher(msg).find()) {
          problems.add("a short " + label + " threw IllegalArgumentException(\"" + msg + "\"), which does not name " + array.trim());
        } else {
          messages.add(msg);
        }
      } catch (RuntimeException e) {
        problems.add("a short " + label + " threw " + e + " instead of IllegalArgumentException");
      }
    });
    return problems.isEmpty()
        ? CheckResult.pass(name, String.join(" | ", messages))
        : CheckResult.fail(name, String.join("; ", problems));
  }

  private CheckResult nonFiniteZ() {
    String name = "non-finite-z-gives-non-finite-value";
    List<String> problems = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    int m = loss.outputs();
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      Batch b = batch(new Random(SEED + 9), 3, true);
      b.z[m + 1] = bad;
      try {
        double v = loss.valueAndGradient(b.n, b.z, b.p, b.w, new double[b.n * m]);
        seen.add(bad + " -> " + v);
        if (Double.isFinite(v)) {
          problems.add("z = " + bad + " gave the finite value " + v);
        }
      } catch (RuntimeException e) {
        problems.add("z = " + bad + " threw " + e);
      }
    }
    return problems.isEmpty()
        ? CheckResult.pass(name, String.join(", ", seen))
        : CheckResult.fail(name, String.join("; ", problems));
  }

  private CheckResult predictionsAreFractions() {
    String name = "predictions-are-fractions";
    Random random = new Random(SEED + 10);
    int n = 20;
    int m = loss.outputs();
    double[] z = new double[n * m];
    for (int i = 0; i < z.length; i++) {
      z[i] = random.nextGaussian() * (i < z.length / 2 ? 1.5 : 40);
    }
    double[] pred = new double[n * classes];
    loss.predict(n, z, pred);
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j = 0; j < classes; j++) {
        double q = pred[i * classes + j];
        if (!(q >= 0 && q <= 1)) {
          return CheckResult.fail(name, "row " + i + ", class " + j + ": prediction " + q + " is not in [0, 1]");
        }
        sum += q;
      }
      if (!(Math.abs(sum - 1) <= 1e-12)) {
        return CheckResult.fail(name, "row " + i + ": predictions sum to " + sum + ", not 1");
      }
    }
    return CheckResult.pass(name, n + " rows (half with |z| up to about 100) are fractions summing to 1");
  }

  // ---------------------------------------------------------------- data

  /** Strictly positive targets with small and large classes and spread between rows. */
  private double[] targets(Random random, int rows) {
    double[] p = new double[rows * classes];
    for (int i = 0; i < rows; i++) {
      double sum = 0;
      for (int j = 0; j < classes; j++) {
        double base = Math.pow(0.6, j) * (j % 3 == 2 ? 0.05 : 1);
        double v = base * Math.exp(0.8 * random.nextGaussian());
        p[i * classes + j] = v;
        sum += v;
      }
      for (int j = 0; j < classes; j++) {
        p[i * classes + j] /= sum;
      }
    }
    return p;
  }

  private static double[] weights(Random random, int rows) {
    double[] w = new double[rows];
    for (int i = 0; i < rows; i++) {
      w[i] = 0.5 + 1.5 * random.nextDouble();
    }
    return w;
  }

  private Batch batch(Random random, int n, boolean weighted) {
    double[] z = new double[n * loss.outputs()];
    for (int i = 0; i < z.length; i++) {
      z[i] = 1.5 * random.nextGaussian();
    }
    double[] p = targets(random, n);
    return new Batch(n, z, p, weighted ? weights(random, n) : null);
  }

  private record Batch(int n, double[] z, double[] p, double[] w) {}

  private record Result(double value, double[] grad, double[] pred) {
    boolean sameAs(Result o) {
      return Double.compare(value, o.value) == 0 && Arrays.equals(grad, o.grad) && Arrays.equals(pred, o.pred);
    }
  }

  private Result evaluate(LossFunction f, Batch b) {
    double[] grad = new double[b.n * f.outputs()];
    double value = f.valueAndGradient(b.n, b.z, b.p, b.w, grad);
    double[] pred = new double[b.n * classes];
    f.predict(b.n, b.z, pred);
    return new Result(value, grad, pred);
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static double relDiff(double a, double b) {
    return a == b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
  }

  /** Largest difference relative to the largest magnitude in either array. */
  private static double maxRelDiff(double[] a, double[] b) {
    double scale = 0;
    double diff = 0;
    for (int i = 0; i < a.length; i++) {
      scale = Math.max(scale, Math.max(Math.abs(a[i]), Math.abs(b[i])));
      diff = Math.max(diff, Math.abs(a[i] - b[i]));
    }
    return diff == 0 ? 0 : diff / scale;
  }

  private static double maxAbsDiff(double[] a, double[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d = Math.max(d, Math.abs(a[i] - b[i]));
    }
    return d;
  }

  private static String[] round(double[] v) {
    String[] s = new String[v.length];
    for (int i = 0; i < v.length; i++) {
      s[i] = String.format("%.6f", v[i]);
    }
    return s;
  }
}
