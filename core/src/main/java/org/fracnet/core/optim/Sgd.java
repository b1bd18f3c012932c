package org.fracnet.core.optim;

import java.nio.FloatBuffer;
import org.fracnet.core.spi.Optimizer;

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
 * With {@code momentum = 0} this is plain SGD, {@code p = p - lr * g}. Not thread-safe.
 */
final class Sgd implements Optimizer {
  private final double momentum;
  private final boolean nesterov;
  private final double weightDecay;
  private final float[] velocity;

  Sgd(int parameterCount, double momentum, boolean nesterov, double weightDecay) {
    this.momentum = momentum;
    this.nesterov = nesterov;
    this.weightDecay = weightDecay;
    this.velocity = new float[parameterCount];
  }

  @Override
  public void step(FloatBuffer parameters, FloatBuffer gradient, double learningRate) {
    int n = velocity.length;
    float lr = (float) learningRate;
    float wd = (float) weightDecay;
    float mu = (float) momentum;
    float[] v = velocity;
    if (mu == 0f) {
      for (int i = 0; i < n; i++) {
        float p = parameters.get(i);
        float g = gradient.get(i) + wd * p;
        parameters.put(i, p - lr * g);
      }
    } else if (nesterov) {
      for (int i = 0; i < n; i++) {
        float p = parameters.get(i);
        float g = gradient.get(i) + wd * p;
        float vi = mu * v[i] + g;
        v[i] = vi;
        parameters.put(i, p - lr * (g + mu * vi));
      }
    } else {
      for (int i = 0; i < n; i++) {
        float p = parameters.get(i);
        float g = gradient.get(i) + wd * p;
        float vi = mu * v[i] + g;
        v[i] = vi;
        parameters.put(i, p - lr * vi);
      }
    }
  }

  @Override
  public String toString() {
    return "sgd[momentum=" + momentum + ", nesterov=" + nesterov + ", weight-decay=" + weightDecay
        + ", parameters=" + velocity.length + "]";
  }
}
