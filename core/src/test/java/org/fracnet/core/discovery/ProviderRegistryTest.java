package org.fracnet.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fracnet.core.FracnetException;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.LossProvider;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderRegistryTest {
  @TempDir
  Path dir;

  /** A loss provider used only to test discovery. */
  public static class AlphaLoss implements LossProvider {
    @Override
    public String id() {
      return "alpha";
    }

    @Override
    public String description() {
      return "test";
    }

    @Override
    public LossFunction create(Parameters parameters, TargetStatistics statistics) {
      throw new UnsupportedOperationException("discovery test only");
    }
  }

  /** Claims the same id as {@link AlphaLoss}. */
  public static class AlphaAgain extends AlphaLoss {}

  /** A provider whose constructor fails. */
  public static class Exploding extends AlphaLoss {
    public Exploding() {
      throw new IllegalStateException("boom");
    }
  }

  private ClassLoader withServices(String... lines) throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(LossProvider.class.getName()), String.join("\n", lines) + "\n");
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void twoProvidersWithOneIdAreRejectedNamingBoth() throws IOException {
    ClassLoader loader = withServices(AlphaLoss.class.getName(), AlphaAgain.class.getName());
    assertThatThrownBy(() -> ProviderRegistry.discover(LossProvider.class, "loss", loader))
        .isInstanceOf(FracnetException.class)
        .hasMessageContaining("two loss providers have the id 'alpha'")
        .hasMessageContaining(AlphaLoss.class.getName())
        .hasMessageContaining(AlphaAgain.class.getName());
  }

  @Test
  void brokenProvidersAreSkippedAndDescribedByClass() throws IOException {
    ClassLoader loader = withServices("com.example.Missing", Exploding.class.getName(), AlphaLoss.class.getName());
    ProviderRegistry<LossProvider> r = ProviderRegistry.discover(LossProvider.class, "loss", loader);
    assertThat(r.byId()).containsOnlyKeys("alpha");
    assertThat(r.problems()).hasSize(2);
    assertThat(r.problems().get(0)).contains("com.example.Missing").contains("listed in");
    assertThat(r.problems().get(1)).contains(Exploding.class.getName()).contains("boom");
  }

  @Test
  void requireNamesTheAvailableIdsOrSaysNoneAreInstalled() {
    ProviderRegistry<LossProvider> one = ProviderRegistry.of(LossProvider.class, "loss", new AlphaLoss());
    assertThat(one.require("alpha")).isInstanceOf(AlphaLoss.class);
    assertThatThrownBy(() -> one.require("beta")).hasMessageStartingWith("there is no loss 'beta'; available: alpha");
    ProviderRegistry<LossProvider> none = ProviderRegistry.of(LossProvider.class, "loss");
    assertThatThrownBy(() -> none.require("mse")).hasMessageContaining("no loss providers are installed")
        .hasMessageContaining("fracnet-loss-cross-entropy");
  }

  @Test
  void coreProvidesTheBuiltInArchitectures() {
    Plugins plugins = Plugins.discover(getClass().getClassLoader());
    assertThat(plugins.architectures().byId()).containsKeys("linear", "mlp");
    assertThat(plugins.problems()).isEmpty();
  }
}
