package org.fracnet.core.optim;

import java.util.List;
import org.fracnet.core.spi.ElementwiseOptimizer;
import org.fracnet.core.spi.OptimizerState;
import org.fracnet.core.spi.ParameterDescriptor;
import org.fracnet.core.spi.Parameters;

/**
 * Adam (Kingma and Ba 2015) with either L2 weight decay added to the gradient (PyTorch's
 * {@code torch.optim.Adam}) or decoupled weight decay (Loshchilov and Hutter 2019, PyTorch's
 * {@code torch.optim.AdamW}). At step {@code t} (from 1), per parameter:
 *
 * <pre>
 *   p = p * (1 - lr * decoupledDecay)                     (AdamW only)
 *   g = g + l2Decay * p                                   (Adam only)
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g * g
 *   p = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + epsilon)
 * </pre>
 *
 * Moments start at zero and are kept in float arrays. The update is element-wise, so a trainer
 * may split a step over threads ({@link ElementwiseOptimizer}); a range is walked block by block
 * on heap copies ({@link BlockwiseOptimizer}). Not thread-safe except as {@link
 * ElementwiseOptimizer} allows.
 */
final class Adam extends BlockwiseOptimizer {
  private final String id;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double l2Decay;
  private final double decoupledDecay;
  private final float[] m;
  private final float[] v;
  private int t;
  // the scalars of the current step, fixed by beginStep
  private float stepSize;
  private float invSqrtBias2;
  private float shrink;

  Adam(String id, int parameterCount, double beta1, double beta2, double epsilon, double l2Decay,
      double decoupledDecay) {
    super(parameterCount);
    this.id = id;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.l2Decay = l2Decay;
    this.decoupledDecay = decoupledDecay;
    this.m = new float[parameterCount];
    this.v = new float[parameterCount];
  }

  /** The parameters of {@code adam} ({@code decoupled = false}) or {@code adamw}. */
  static List<ParameterDescriptor> descriptors(boolean decoupled) {
    return List.of(
        new ParameterDescriptor("beta1", "decay of the first-moment average, in [0, 1)", "0.9"),
        new ParameterDescriptor("beta2", "decay of the second-moment average, in [0, 1)", "0.999"),
        new ParameterDescriptor("epsilon", "added to the denominator, > 0", "1e-8"),
        decoupled
            ? new ParameterDescriptor("weight-decay",
                "decoupled weight decay: each step multiplies weights by 1 - lr * weight-decay, >= 0",
                "0.01")
            : new ParameterDescriptor("weight-decay", "L2 penalty added to the gradient, >= 0", "0"));
  }

  /** Validates {@code parameters} (already checked for unknown keys) and builds the optimizer. */
  static Adam create(String id, boolean decoupled, Parameters parameters, int parameterCount) {
    double beta1 = Check.inRange(parameters, "beta1", 0.9, 1);
    double beta2 = Check.inRange(parameters, "beta2", 0.999, 1);
    double epsilon = Check.positive(parameters, "epsilon", 1e-8);
    double decay = Check.nonNegative(parameters, "weight-decay", decoupled ? 0.01 : 0);
    Check.parameterCount("optimizer " + id, parameterCount);
    return new Adam(id, parameterCount, beta1, beta2, epsilon, decoupled ? 0 : decay,
        decoupled ? decay : 0);
  }

  @Override
  public void beginStep(double learningRate) {
    t++;
    double bias1 = 1 - Math.pow(beta1, t);
    double bias2 = 1 - Math.pow(beta2, t);
    stepSize = (float) (learningRate / bias1);
    invSqrtBias2 = (float) (1 / Math.sqrt(bias2));
    shrink = (float) (1 - learningRate * decoupledDecay);
  }

  @Override
  void update(float[] p, float[] g, int start, int end) {
    float stepSize = this.stepSize;
    float invSqrtBias2 = this.invSqrtBias2;
    float shrink = this.shrink;
    float eps = (float) epsilon;
    float b1 = (float) beta1;
    float b2 = (float) beta2;
    float c1 = (float) (1 - beta1);
    float c2 = (float) (1 - beta2);
    float l2 = (float) l2Decay;
    float[] m = this.m;
    float[] v = this.v;
    for (int i = start; i < end; i++) {
      float pi = p[i] * shrink;
      float gi = g[i] + l2 * pi;
      float mi = b1 * m[i] + c1 * gi;
      float vi = b2 * v[i] + c2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      p[i] = pi - stepSize * mi / ((float) Math.sqrt(vi) * invSqrtBias2 + eps);
    }
  }

  @Override
  public OptimizerState state() {
    return new OptimizerState(t, java.util.Map.of("m", m, "v", v));
  }

  @Override
  public void restore(OptimizerState state) {
    OptimizerStates.copy(state, "m", m, id);
    OptimizerStates.copy(state, "v", v, id);
    t = Math.toIntExact(state.steps());
  }

  @Override
  public String toString() {
    return id + "[beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon
        + ", weight-decay=" + (id.equals("adamw") ? decoupledDecay : l2Decay)
        + ", parameters=" + m.length + ", steps=" + t + "]";
  }
}
