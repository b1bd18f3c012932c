package org.fracnet.losses.tck;

import java.util.List;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.LossProvider;
import org.fracnet.core.spi.ParameterDescriptor;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;

/**
 * A plain soft-target cross-entropy written against core alone, as a plugin author would, with a
 * {@code defect} parameter that breaks it in one way at a time so the kit's checks can be seen to
 * fail. Registered (id {@code tck-toy}) in the test {@code META-INF/services}.
 */
public final class ToyLossProvider implements LossProvider {
  /** The ways the toy can be broken. */
  enum Defect { NONE, GRADIENT_SIGN, CLAIMS_PROPER_WITH_WEIGHTS, MUTATES_Z, SHARED_SCRATCH, IGNORES_SHAPES,
    THROWS_ON_NAN, UNWEIGHTED_SUM, FORGETS_RESOLVED_WEIGHT }

  @Override
  public String id() {
    return "tck-toy";
  }

  @Override
  public String description() {
    return "toy cross-entropy for the tck's own tests";
  }

  @Override
  public List<ParameterDescriptor> parameters() {
    return List.of(new ParameterDescriptor("defect", "one of Defect", "none"),
        new ParameterDescriptor("weight-of-first", "class weight of class 0", "1"));
  }

  @Override
  public LossFunction create(Parameters parameters, TargetStatistics statistics) {
    parameters.withOwner(id()).requireKnown(parameters());
    Defect defect = Defect.valueOf(parameters.getString("defect", "none").toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    double c0 = parameters.getDouble("weight-of-first", defect == Defect.FORGETS_RESOLVED_WEIGHT
        ? statistics.classMeans()[0] * 10 : 1);
    return new Toy(statistics.classes(), defect, c0);
  }

  private static final class Toy implements LossFunction {
    private final int k;
    private final Defect defect;
    private final double c0;
    private final double[] shared;

    Toy(int k, Defect defect, double c0) {
      this.k = k;
      this.defect = defect;
      this.c0 = c0;
      this.shared = new double[k];
    }

    @Override
    public String id() {
      return "tck-toy";
    }

    @Override
    public int classes() {
      return k;
    }

    @Override
    public Parameters resolvedParameters() {
      Parameters p = Parameters.of("tck-toy", java.util.Map.of("defect", defect.name()));
      return defect == Defect.FORGETS_RESOLVED_WEIGHT ? p : p.with("weight-of-first", Double.toString(c0));
    }

    @Override
    public boolean isProper() {
      return c0 == 1 || defect == Defect.CLAIMS_PROPER_WITH_WEIGHTS;
    }

    @Override
    public double valueAndGradient(int n, double[] z, double[] p, double[] w, double[] grad) {
      if (defect != Defect.IGNORES_SHAPES) {
        checkShapes(n, z, p, w, grad);
      }
      double total = 0;
      for (int i = 0; i < n; i++) {
        total += w == null || defect == Defect.UNWEIGHTED_SUM ? 1 : w[i];
      }
      double sum = 0;
      double[] q = defect == Defect.SHARED_SCRATCH ? shared : new double[k];
      for (int i = 0; i < n; i++) {
        double wi = w == null || defect == Defect.UNWEIGHTED_SUM ? 1 : w[i];
        for (int j = 0; j < k; j++) {
          if (defect == Defect.THROWS_ON_NAN && !Double.isFinite(z[i * k + j])) {
            throw new ArithmeticException("non-finite z");
          }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
          max = Math.max(max, z[i * k + j]);
        }
        double s = 0;
        for (int j = 0; j < k; j++) {
          q[j] = Math.exp(z[i * k + j] - max);
          s += q[j];
        }
        double lse = max + Math.log(s);
        double mass = 0;
        for (int j = 0; j < k; j++) {
          double c = j == 0 ? c0 : 1;
          if (defect == Defect.SHARED_SCRATCH) {
            Thread.yield();
          }
          q[j] = Math.exp(z[i * k + j] - lse);
          sum -= wi * c * p[i * k + j] * (z[i * k + j] - lse);
          mass += c * p[i * k + j];
        }
        if (grad != null) {
          for (int j = 0; j < k; j++) {
            double c = j == 0 ? c0 : 1;
            double g = (mass * q[j] - c * p[i * k + j]) * wi / total;
            grad[i * k + j] = defect == Defect.GRADIENT_SIGN ? -g : g;
          }
        }
        if (defect == Defect.MUTATES_Z) {
          z[i * k] = 0;
        }
      }
      double guard = 0;
      for (int j = 0; j < n * k; j++) {
        guard += z[j] * 0;
      }
      return sum / total + guard;
    }

    @Override
    public void predict(int n, double[] z, double[] fractions) {
      if (defect != Defect.IGNORES_SHAPES) {
        if (z.length < n * k || fractions.length < n * k) {
          throw new IllegalArgumentException((z.length < n * k ? "z" : "fractions") + " is too short");
        }
      }
      for (int i = 0; i < n; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
          max = Math.max(max, z[i * k + j]);
        }
        double s = 0;
        for (int j = 0; j < k; j++) {
          s += Math.exp(z[i * k + j] - max);
        }
        for (int j = 0; j < k; j++) {
          fractions[i * k + j] = Math.exp(z[i * k + j] - max) / s;
        }
      }
    }

    @Override
    public String toString() {
      return "tck-toy[defect=" + defect + ", weight-of-first=" + c0 + "]";
    }
  }
}
