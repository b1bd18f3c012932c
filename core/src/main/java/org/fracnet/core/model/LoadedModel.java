package org.fracnet.core.model;

import java.nio.file.Path;
import org.fracnet.core.FracnetException;
import org.fracnet.core.discovery.ProviderRegistry;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.LossProvider;
import org.fracnet.core.spi.TargetStatistics;

/**
 * A model read from its file together with its loss, recreated from the stored id and resolved
 * parameters, ready to predict.
 *
 * @param model the fitted model
 * @param loss its loss, whose link maps raw outputs to fractions
 */
public record LoadedModel(FittedModel model, LossFunction loss) {
  /**
   * Reads {@code file} and recreates its loss with a provider from {@code losses}.
   *
   * @throws FracnetException when the file is bad or the loss plugin is not installed
   */
  public static LoadedModel read(Path file, ProviderRegistry<LossProvider> losses) {
    FittedModel model = ModelFile.read(file);
    LossProvider provider;
    try {
      provider = losses.require(model.lossId());
    } catch (FracnetException e) {
      throw new FracnetException(file + " was trained with loss '" + model.lossId()
          + "', which is not installed: " + e.getMessage(), e);
    }
    LossFunction loss = provider.create(model.lossParameters(), TargetStatistics.uniform(model.classNames().size()));
    return new LoadedModel(model, loss);
  }

  /** Predicted fractions (n x k) for n rows of raw features. */
  public double[] predict(int n, double[] x) {
    return model.predict(n, x, loss);
  }
}
