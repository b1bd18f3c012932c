package org.fracnet.losses.weightedmse;

import java.util.List;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.ParameterDescriptor;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;
import org.fracnet.losses.support.ClassWeights;
import org.fracnet.losses.support.LossProviderBase;
import org.fracnet.losses.support.SoftmaxSquaredError;

/**
 * Provides {@code weighted-mse}: {@code l = (1/K) sum_k c_k (softmax(z)_k - p_k)^2}. Proper for
 * any positive weights: each term is minimised at {@code q_k = p_k}.
 */
public final class WeightedMseProvider extends LossProviderBase {
  static final String ID = "weighted-mse";
  static final String CLASS_WEIGHTS = "class-weights";
  static final String DEFAULT_WEIGHTS = "inverse-mean";

  private static final List<ParameterDescriptor> PARAMETERS = List.of(
      ClassWeights.descriptor(CLASS_WEIGHTS, DEFAULT_WEIGHTS));

  /** Does nothing else (providers are cheap). */
  public WeightedMseProvider() {
    super(ID, "class-weighted mean squared error after softmax; up-weights small classes (inverse-mean by default)",
        PARAMETERS);
  }

  @Override
  protected LossFunction build(Parameters params, TargetStatistics statistics) {
    double[] c = ClassWeights.resolve(params, CLASS_WEIGHTS, DEFAULT_WEIGHTS, statistics);
    return new SoftmaxSquaredError(
        ID, c.length, c, resolved().with(CLASS_WEIGHTS, ClassWeights.format(c)));
  }
}
