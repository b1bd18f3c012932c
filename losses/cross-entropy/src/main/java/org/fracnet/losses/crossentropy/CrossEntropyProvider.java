package org.fracnet.losses.crossentropy;

import java.util.List;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.ParameterDescriptor;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;
import org.fracnet.losses.support.ClassWeights;
import org.fracnet.losses.support.LossProviderBase;
import org.fracnet.losses.support.ParameterValues;

/**
 * Provides {@code cross-entropy}: {@code l = -sum_k c_k p'_k log softmax(z)_k} with
 * {@code p' = (1 - eps) p + eps / K}. All parameters are validated here, in {@link #create}.
 */
public final class CrossEntropyProvider extends LossProviderBase {
  static final String ID = "cross-entropy";
  static final String CLASS_WEIGHTS = "class-weights";
  static final String LABEL_SMOOTHING = "label-smoothing";
  static final String DEBIAS = "debias";

  private static final List<ParameterDescriptor> PARAMETERS = List.of(
      ClassWeights.descriptor(CLASS_WEIGHTS, "all ones"),
      new ParameterDescriptor(LABEL_SMOOTHING,
          "eps in [0, 1): targets become (1 - eps) p + eps / K", "0"),
      new ParameterDescriptor(DEBIAS,
          "true|false: predict softmax(z - log c), undoing the pull of class weights towards c p",
          "true when the class weights are not all equal"));

  /** Does nothing else (providers are cheap). */
  public CrossEntropyProvider() {
    super(ID, "soft-target cross-entropy after softmax; optional class weights (de-biased), label smoothing",
        PARAMETERS);
  }

  @Override
  protected LossFunction build(Parameters params, TargetStatistics statistics) {
    double[] c = ClassWeights.resolve(params, CLASS_WEIGHTS, null, statistics);
    double eps = ParameterValues.number(params, LABEL_SMOOTHING, 0, 0, true, 1, false);
    boolean debias = params.getBoolean(DEBIAS, !ClassWeights.allEqual(c));
    Parameters resolved = resolved()
        .with(CLASS_WEIGHTS, ClassWeights.format(c))
        .with(LABEL_SMOOTHING, Double.toString(eps))
        .with(DEBIAS, Boolean.toString(debias));
    return new CrossEntropyLoss(c, eps, debias, resolved);
  }
}
