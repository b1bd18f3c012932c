package org.fracnet.core.optim;

import java.nio.FloatBuffer;
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
 * an {@link ElementwiseOptimizer} and works block by block on heap copies ({@link Blocks}) so
 * that the loop vectorises. Not thread-safe except as {@link ElementwiseOptimizer}
 * allows.
 */
final class Sgd implements ElementwiseOptimizer {
  private final double momentum;
  private final boolean nesterov;
  private final double weightDecay;
  private final float[] velocity;
  /** Heap copies of parameters and gradient, filled block by block (see {@link Blocks}). */
  private final float[] p;
  private final float[] g;
  private float learningRate; // of the current step, fixed by beginStep

  Sgd(int parameterCount, double momentum, boolean nesterov, double weightDecay) {
    this.momentum = momentum;
    this.nesterov = nesterov;
    this.weightDecay = weightDecay;
    this.velocity = new float[parameterCount];
    this.p = new float[parameterCount];
    this.g = new float[parameterCount];
  }

  @Override
  public int parameterCount() {
    return velocity.length;
  }

  @Override
  public void beginStep(double learningRate) {
    this.learningRate = (float) learningRate;
  }

  @Override
  public void stepRange(FloatBuffer parameters, FloatBuffer gradient, int from, int to) {
    float lr = learningRate;
    float wd = (float) weightDecay;
    float mu = (float) momentum;
    float[] v = velocity;
    float[] p = this.p;
    float[] g = this.g;
    for (int start = from; start < to; start += Blocks.SIZE) {
      int end = Math.min(start + Blocks.SIZE, to);
      parameters.get(start, p, start, end - start);
      gradient.get(start, g, start, end - start);
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
      parameters.put(start, p, start, end - start);
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
