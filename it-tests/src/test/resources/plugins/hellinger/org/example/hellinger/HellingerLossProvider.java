package org.example.hellinger;

import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.LossProvider;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;

/** Supplies {@link HellingerLoss} under the id {@value #ID}. */
public final class HellingerLossProvider implements LossProvider {
  static final String ID = "hellinger";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "squared Hellinger distance after softmax (example plugin)";
  }

  @Override
  public LossFunction create(Parameters parameters, TargetStatistics statistics) {
    parameters.withOwner("loss " + ID).requireKnown(parameters());
    return new HellingerLoss(statistics.classes());
  }
}
