package org.fracnet.losses.tck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fracnet.core.FracnetException;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;

/**
 * Compares losses with reference values: value, gradient and predicted fractions per case. The
 * reference's {@code pred} is compared with {@link LossFunction#link} (the fractions the loss is
 * computed on), not with corrections such as cross-entropy's de-biasing.
 *
 * <p>Format (that of the bundled files, computed in float64 by PyTorch autograd):
 * {@code {"generator", "conventions", "cases": [{loss, params, n, k, m, z, p, w, value, grad,
 * pred}]}} with {@code z}, {@code grad} n x m, {@code p}, {@code pred} n x k, {@code w} n. The
 * batch value is {@code sum_i w_i l_i / sum_i w_i} and {@code grad} its derivative. Parameter
 * keys are mapped to fracnet's by replacing {@code _} with {@code -}, and list values are joined
 * with commas ({@code class_weights: [3, 0.5]} becomes {@code class-weights=3.0,0.5}).
 *
 * <p>Each loss is found through {@link java.util.ServiceLoader} by the case's {@code loss} id and
 * created with the case's parameters and the {@link TargetStatistics} of its targets.
 *
 * <p>Error measure, per entry: {@code |actual - expected| / max(|expected|, 1e-6)}, i.e. relative
 * error, except that entries smaller than 1e-6 in magnitude are held to an absolute error of
 * {@code tolerance * 1e-6} (relative error of near-zero gradient entries measures rounding in
 * the reference, not the loss). A case passes when the largest error of value, gradient and
 * predictions is at most the tolerance.
 */
public final class ReferenceComparison {
  /** Where the bundled reference files are: {@code <id>.json} for each bundled loss. */
  public static final String RESOURCE_DIRECTORY = "org/fracnet/losses/tck/reference/";
  /** Magnitude below which errors are absolute (scaled by this) rather than relative. */
  public static final double FLOOR = 1e-6;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReferenceComparison() {}

  /**
   * One compared case.
   *
   * @param index position in the file, from 0
   * @param parameters the fracnet parameters the loss was created with
   * @param valueError error of the batch value; gradError and predError the largest over entries
   * @param passed whether all three are within the tolerance
   */
  public record CaseResult(
      int index, String lossId, Parameters parameters, int n, int k, int m,
      double valueError, double gradError, double predError, boolean passed) {
    /** The largest of the three errors (NaN if any is NaN). */
    public double maxError() {
      return Double.isNaN(valueError + gradError + predError)
          ? Double.NaN : Math.max(valueError, Math.max(gradError, predError));
    }

    @Override
    public String toString() {
      return String.format("%s case %d %s [%s] n=%d k=%d: value %.2e, grad %.2e, pred %.2e",
          passed ? "PASS" : "FAIL", index, lossId, parameters, n, k, valueError, gradError, predError);
    }
  }

  /**
   * The comparison of one file.
   *
   * @param source where the cases came from (for messages)
   * @param tolerance the largest accepted error
   */
  public record Report(String source, double tolerance, List<CaseResult> cases) {
    public Report {
      cases = List.copyOf(cases);
    }

    /** Whether every case passed (and there was at least one). */
    public boolean passed() {
      return !cases.isEmpty() && cases.stream().allMatch(CaseResult::passed);
    }

    /** The largest error over all cases. */
    public double maxError() {
      double worst = 0;
      for (CaseResult c : cases) {
        double e = c.maxError();
        if (!(e <= worst)) {
          worst = e;
        }
      }
      return worst;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(source + ": " + cases.size() + " cases, max error "
          + String.format("%.2e", maxError()) + " (tolerance " + tolerance + ")");
      cases.forEach(c -> sb.append(System.lineSeparator()).append("  ").append(c));
      return sb.toString();
    }
  }

  /** The bundled reference file of {@code lossId} ({@code cross-entropy}, {@code mse}, ...). */
  public static InputStream bundled(String lossId) {
    InputStream in = ReferenceComparison.class.getClassLoader().getResourceAsStream(RESOURCE_DIRECTORY + lossId + ".json");
    if (in == null) {
      throw new FracnetException("no bundled reference values for loss '" + lossId
          + "'; bundled: cross-entropy, mse, weighted-mse, dirichlet");
    }
    return in;
  }

  /** Compares against the bundled reference file of {@code lossId}. */
  public static Report compareBundled(String lossId, double tolerance, Map<String, String> extraParameters) {
    try (InputStream in = bundled(lossId)) {
      return compare(in, RESOURCE_DIRECTORY + lossId + ".json", tolerance, extraParameters,
          Thread.currentThread().getContextClassLoader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Compares every case of the reference file in {@code json}.
   *
   * @param source names the file in messages
   * @param extraParameters added to every case's parameters (e.g. {@code debias=false} where the
   *     reference's predictions are those of a biased loss); may be empty
   * @param loader where the loss providers are looked up
   * @throws FracnetException when the file is not in the format above, or a loss is missing
   */
  public static Report compare(InputStream json, String source, double tolerance,
      Map<String, String> extraParameters, ClassLoader loader) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new FracnetException(source + " is not valid JSON: " + e.getMessage(), e);
    }
    JsonNode cases = root == null ? null : root.get("cases");
    if (cases == null || !cases.isArray()) {
      throw new FracnetException(source + " has no \"cases\" array; expected {\"cases\": [{\"loss\", \"params\", \"n\", "
          + "\"k\", \"m\", \"z\", \"p\", \"w\", \"value\", \"grad\", \"pred\"}]}");
    }
    List<CaseResult> results = new ArrayList<>();
    for (int index = 0; index < cases.size(); index++) {
      results.add(compareCase(source, index, cases.get(index), tolerance, extraParameters, loader));
    }
    return new Report(source, tolerance, results);
  }

  /** {@code |actual - expected| / max(|expected|, FLOOR)}; NaN when either is NaN. */
  public static double error(double actual, double expected) {
    if (actual == expected) {
      return 0;
    }
    return Math.abs(actual - expected) / Math.max(Math.abs(expected), FLOOR);
  }

  /** The largest {@link #error} over the entries (NaN when any is NaN). */
  public static double maxError(double[] actual, double[] expected) {
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      double e = error(actual[i], expected[i]);
      if (!(e <= worst)) {
        worst = e;
      }
    }
    return worst;
  }

  private static CaseResult compareCase(String source, int index, JsonNode c, double tolerance,
      Map<String, String> extra, ClassLoader loader) {
    String where = source + " case " + index;
    String lossId = text(c, "loss", where);
    int n = integer(c, "n", where);
    int k = integer(c, "k", where);
    int m = integer(c, "m", where);
    double[] z = matrix(c, "z", n, m, where);
    double[] p = matrix(c, "p", n, k, where);
    double[] w = matrix(c, "w", n, 1, where);
    double expectedValue = number(c.get("value"), where + " value");
    double[] expectedGrad = matrix(c, "grad", n, m, where);
    double[] expectedPred = matrix(c, "pred", n, k, where);

    Parameters params = parameters(lossId, c.get("params"), extra);
    LossFunction loss = LossProviders.find(lossId, loader).create(params, TargetStatistics.of(n, k, p, w, false));
    if (loss.outputs() != m || loss.classes() != k) {
      throw new FracnetException(where + ": the loss " + loss + " has K=" + loss.classes() + ", M=" + loss.outputs()
          + " but the case has k=" + k + ", m=" + m);
    }
    double[] grad = new double[n * m];
    double value = loss.valueAndGradient(n, z, p, w, grad);
    double[] pred = new double[n * k];
    loss.link(n, z, pred);
    double ev = error(value, expectedValue);
    double eg = maxError(grad, expectedGrad);
    double ep = maxError(pred, expectedPred);
    boolean passed = ev <= tolerance && eg <= tolerance && ep <= tolerance;
    return new CaseResult(index, lossId, params, n, k, m, ev, eg, ep, passed);
  }

  /** The reference's parameters in fracnet's form, plus {@code extra}. */
  static Parameters parameters(String lossId, JsonNode node, Map<String, String> extra) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node != null) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> e = fields.next();
        JsonNode v = e.getValue();
        String value;
        if (v.isArray()) {
          List<String> parts = new ArrayList<>();
          v.forEach(x -> parts.add(x.asText()));
          value = String.join(",", parts);
        } else {
          value = v.asText();
        }
        map.put(e.getKey().replace('_', '-'), value);
      }
    }
    map.putAll(extra);
    return Parameters.of(lossId, map);
  }

  private static String text(JsonNode c, String field, String where) {
    JsonNode v = c.get(field);
    if (v == null || !v.isTextual()) {
      throw new FracnetException(where + ": \"" + field + "\" is missing or not a string");
    }
    return v.asText();
  }

  private static int integer(JsonNode c, String field, String where) {
    JsonNode v = c.get(field);
    if (v == null || !v.canConvertToInt() || v.asInt() < 1) {
      throw new FracnetException(where + ": \"" + field + "\" is missing or not a positive integer");
    }
    return v.asInt();
  }

  private static double number(JsonNode v, String where) {
    if (v == null || !v.isNumber()) {
      throw new FracnetException(where + " is missing or not a number");
    }
    return v.asDouble();
  }

  /** A rows x cols array (or a vector when cols == 1), row-major. */
  private static double[] matrix(JsonNode c, String field, int rows, int cols, String where) {
    JsonNode v = c.get(field);
    if (v == null || !v.isArray() || v.size() != rows) {
      throw new FracnetException(where + ": \"" + field + "\" must be an array of " + rows + " rows");
    }
    double[] out = new double[rows * cols];
    for (int i = 0; i < rows; i++) {
      JsonNode row = v.get(i);
      if (row.isNumber() && cols == 1) {
        out[i] = row.asDouble();
        continue;
      }
      if (!row.isArray() || row.size() != cols) {
        throw new FracnetException(where + ": row " + i + " of \"" + field + "\" must have " + cols + " numbers");
      }
      for (int j = 0; j < cols; j++) {
        out[i * cols + j] = number(row.get(j), where + " " + field + "[" + i + "][" + j + "]");
      }
    }
    return out;
  }
}
