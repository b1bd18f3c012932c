package org.fracnet.core.training;

import java.util.SplittableRandom;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.TargetStatistics;

/**
 * The initial weights of every run, whatever the trainer: each W fan-in uniform,
 * {@code U(-1/sqrt(inputs), 1/sqrt(inputs))} as PyTorch's {@code nn.Linear} draws it, row-major,
 * each weight one draw of the seeded generator; biases zero, except the last layer's, which are
 * the loss's {@link LossFunction#initialOutputs} (for a softmax link, the centred log of the
 * training class means), so training starts from the best constant prediction.
 *
 * <p>Why fan-in uniform rather than Glorot: docs/architecture.md, "Initial weights".
 */
final class Initialisation {
  private Initialisation() {}

  /** The flat initial weights (layout of {@link NetworkSpec#split}). */
  static float[] weights(NetworkSpec network, LossFunction loss, TargetStatistics statistics,
      SplittableRandom random) {
    float[] params = new float[network.parameterCount()];
    int layers = network.layers().size();
    for (int l = 0; l < layers; l++) {
      var layer = network.layers().get(l);
      double limit = 1.0 / Math.sqrt(layer.inputs());
      int offset = network.weightOffset(l);
      int count = layer.inputs() * layer.outputs();
      for (int i = 0; i < count; i++) {
        params[offset + i] = (float) ((2 * random.nextDouble() - 1) * limit);
      }
    }
    double[] start = loss.initialOutputs(statistics);
    if (start != null) {
      if (start.length != network.outputs()) {
        throw new IllegalStateException("loss " + loss.id() + " gave " + start.length
            + " initial outputs for a network of " + network.outputs());
      }
      int offset = network.biasOffset(layers - 1);
      for (int j = 0; j < start.length; j++) {
        params[offset + j] = (float) start[j];
      }
    }
    return params;
  }
}
