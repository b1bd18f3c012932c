package org.fracnet.core.optim;

import java.nio.FloatBuffer;
import org.fracnet.core.spi.Optimizer;
import org.fracnet.core.spi.OptimizerState;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay, as
 * PyTorch's {@code torch.optim.SGD} (dampening 0). Per parameter, with {@code g} the gradient:
 *
 * <pre>
 *   g = g + weightDecay * p
 *   v = momentum * v + g                  (v starts at 0, so the first v is g)
 *   p = p - lr * (nesterov ? g + momentum * v : v)
 * </pre>
 *
 * With {@code momentum = 0} this is plain SGD, {@code p = p - lr * g}. Like {@link Adam}, a
 * step works on heap copies so that the loop vectorises. Not thread-safe.
 */
final class Sgd implements Optimizer {
  private final double momentum;
  private final boolean nesterov;
  private final double weightDecay;
  private final float[] velocity;
  private final float[] p;
  private final float[] g;

  Sgd(int parameterCount, double momentum, boolean nesterov, double weightDecay) {
    this.momentum = momentum;
    this.nesterov = nesterov;
    this.weightDecay = weightDecay;
    this.velocity = new float[parameterCount];
    this.p = new float[parameterCount];
    this.g = new float[parameterCount];
  }

  @Override
  public void step(FloatBuffer parameters, FloatBuffer gradient, double learningRate) {
    int n = velocity.length;
    float lr = (float) learningRate;
    float wd = (float) weightDecay;
    float mu = (float) momentum;
    float[] v = velocity;
    float[] p = this.p;
    float[] g = this.g;
    parameters.get(0, p, 0, n);
    gradient.get(0, g, 0, n);
    if (mu == 0f) {
      for (int i = 0; i < n; i++) {
        p[i] -= lr * (g[i] + wd * p[i]);
      }
    } else if (nesterov) {
      for (int i = 0; i < n; i++) {
        float gi = g[i] + wd * p[i];
        float vi = mu * v[i] + gi;
        v[i] = vi;
        p[i] -= lr * (gi + mu * vi);
      }
    } else {
      for (int i = 0; i < n; i++) {
        float gi = g[i] + wd * p[i];
        float vi = mu * v[i] + gi;
        v[i] = vi;
        p[i] -= lr * vi;
      }
    }
    parameters.put(0, p, 0, n);
  }

  @Override
  public OptimizerState state() {
    return new OptimizerState(0, java.util.Map.of("velocity", velocity));
  }

  @Override
  public void restore(OptimizerState state) {
    OptimizerStates.copy(state, "velocity", velocity, "sgd");
  }

  @Override
  public String toString() {
    return "sgd[momentum=" + momentum + ", nesterov=" + nesterov + ", weight-decay=" + weightDecay
        + ", parameters=" + velocity.length + "]";
  }
}
