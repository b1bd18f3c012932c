package org.fracnet.trainers.nd4j;

import java.nio.FloatBuffer;
import org.fracnet.core.spi.Optimizer;

/**
 * An optimizer that only copies the gradient it is given. It is not element-wise, so {@link
 * Engine#update} completes the whole gradient before handing it over: after an update, {@link
 * #gradient} holds the last batch's gradient, and the parameters are unchanged.
 */
final class GradientCopy implements Optimizer {
  private final int parameterCount;
  /** The gradient of the last step. */
  float[] gradient;

  GradientCopy(int parameterCount) {
    this.parameterCount = parameterCount;
  }

  @Override
  public void step(FloatBuffer parameters, FloatBuffer gradient, double learningRate) {
    this.gradient = new float[parameterCount];
    gradient.get(0, this.gradient);
  }
}
