package org.fracnet.core.optim;

import org.fracnet.core.spi.ElementwiseOptimizer;
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
 * With {@code momentum = 0} this is plain SGD, {@code p = p - lr * g}. Like {@link Adam}, it is
 * an {@link ElementwiseOptimizer} walked block by block on heap copies ({@link
 * BlockwiseOptimizer}). Not thread-safe except as {@link ElementwiseOptimizer} allows.
 */
final class Sgd extends BlockwiseOptimizer {
  private final double momentum;
  private final boolean nesterov;
  private final double weightDecay;
  private final float[] velocity;
  private float learningRate; // of the current step, fixed by beginStep

  Sgd(int parameterCount, double momentum, boolean nesterov, double weightDecay) {
    super(parameterCount);
    this.momentum = momentum;
    this.nesterov = nesterov;
    this.weightDecay = weightDecay;
    this.velocity = new float[parameterCount];
  }

  @Override
  public void beginStep(double learningRate) {
    this.learningRate = (float) learningRate;
  }

  @Override
  void update(float[] p, float[] g, int start, int end) {
    float lr = learningRate;
    float wd = (float) weightDecay;
    float mu = (float) momentum;
    float[] v = velocity;
    if (mu == 0f) {
      for (int i = start; i < end; i++) {
        p[i] -= lr * (g[i] + wd * p[i]);
      }
    } else if (nesterov) {
      for (int i = start; i < end; i++) {
        float gi = g[i] + wd * p[i];
        float vi = mu * v[i] + gi;
        v[i] = vi;
        p[i] -= lr * (gi + mu * vi);
      }
    } else {
      for (int i = start; i < end; i++) {
        float gi = g[i] + wd * p[i];
        float vi = mu * v[i] + gi;
        v[i] = vi;
        p[i] -= lr * vi;
      }
    }
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
