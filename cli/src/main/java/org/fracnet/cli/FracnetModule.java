package org.fracnet.cli;

import com.google.inject.AbstractModule;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import org.fracnet.core.discovery.Plugins;
import org.fracnet.core.discovery.ProviderRegistry;
import org.fracnet.core.spi.Provider;

/**
 * Binds discovered providers into Guice: a {@code Map<String, LossProvider>} (and likewise for
 * optimizers, architectures and trainers) keyed by id, plus the {@link Plugins} themselves. The
 * module only binds; discovery happens before, at the composition root, and tests build it from
 * hand-made registries.
 */
final class FracnetModule extends AbstractModule {
  private final Plugins plugins;

  FracnetModule(Plugins plugins) {
    this.plugins = plugins;
  }

  @Override
  protected void configure() {
    bind(Plugins.class).toInstance(plugins);
    bindAll(plugins.losses());
    bindAll(plugins.optimizers());
    bindAll(plugins.architectures());
    bindAll(plugins.trainers());
  }

  private <T extends Provider> void bindAll(ProviderRegistry<T> registry) {
    MapBinder<String, T> map = MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class),
        TypeLiteral.get(registry.type()));
    registry.byId().forEach((id, provider) -> map.addBinding(id).toInstance(provider));
  }
}
