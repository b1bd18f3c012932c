package org.fracnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.Map;
import org.fracnet.core.discovery.Plugins;
import org.fracnet.core.spi.LossProvider;
import org.fracnet.core.spi.TrainerProvider;
import org.junit.jupiter.api.Test;

class FracnetModuleTest {
  @Test
  void guiceModuleBindsTheDiscoveredProvidersById() {
    Plugins plugins = Plugins.discover(getClass().getClassLoader());
    Injector injector = Guice.createInjector(new FracnetModule(plugins));
    Map<String, LossProvider> losses = injector.getInstance(Key.get(new TypeLiteral<Map<String, LossProvider>>() {}));
    assertThat(losses).containsKey("cross-entropy").isEqualTo(plugins.losses().byId());
    Map<String, TrainerProvider> trainers = injector.getInstance(Key.get(new TypeLiteral<Map<String, TrainerProvider>>() {}));
    assertThat(trainers).isEqualTo(plugins.trainers().byId());
    assertThat(injector.getInstance(Plugins.class)).isSameAs(plugins);
  }
}
