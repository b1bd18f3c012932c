package org.fracnet.losses.mse;

import java.util.List;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;
import org.fracnet.losses.support.LossProviderBase;
import org.fracnet.losses.support.SoftmaxSquaredError;

/** Provides {@code mse}: {@code l = (1/K) sum_k (softmax(z)_k - p_k)^2}. Takes no parameters. */
public final class MseProvider extends LossProviderBase {
  static final String ID = "mse";

  /** Does nothing else (providers are cheap). */
  public MseProvider() {
    super(ID, "mean over classes of (softmax(z) - p)^2; proper, but small classes learn slowly", List.of());
  }

  @Override
  protected LossFunction build(Parameters parameters, TargetStatistics statistics) {
    return new SoftmaxSquaredError(ID, statistics.classes(), null, resolved());
  }
}
