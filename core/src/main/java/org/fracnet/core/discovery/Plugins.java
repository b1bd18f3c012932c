package org.fracnet.core.discovery;

import java.util.ArrayList;
import java.util.List;
import org.fracnet.core.spi.ArchitectureProvider;
import org.fracnet.core.spi.LossProvider;
import org.fracnet.core.spi.OptimizerProvider;
import org.fracnet.core.spi.TrainerProvider;

/**
 * The providers of every kind, discovered once at the composition root.
 *
 * @param losses loss providers by id
 * @param optimizers optimizer providers by id
 * @param architectures architecture providers by id
 * @param trainers trainer providers by id
 */
public record Plugins(ProviderRegistry<LossProvider> losses,
    ProviderRegistry<OptimizerProvider> optimizers,
    ProviderRegistry<ArchitectureProvider> architectures,
    ProviderRegistry<TrainerProvider> trainers) {

  /** Discovers every kind through {@code loader}. */
  public static Plugins discover(ClassLoader loader) {
    return new Plugins(
        ProviderRegistry.discover(LossProvider.class, "loss", loader),
        ProviderRegistry.discover(OptimizerProvider.class, "optimizer", loader),
        ProviderRegistry.discover(ArchitectureProvider.class, "architecture", loader),
        ProviderRegistry.discover(TrainerProvider.class, "trainer", loader));
  }

  /** Every broken provider that discovery skipped. */
  public List<String> problems() {
    List<String> all = new ArrayList<>();
    all.addAll(losses.problems());
    all.addAll(optimizers.problems());
    all.addAll(architectures.problems());
    all.addAll(trainers.problems());
    return all;
  }
}
