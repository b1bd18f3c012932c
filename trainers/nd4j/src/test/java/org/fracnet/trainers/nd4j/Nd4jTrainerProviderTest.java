package org.fracnet.trainers.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.ServiceLoader;
import org.fracnet.core.FracnetException;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TrainerProvider;
import org.junit.jupiter.api.Test;

class Nd4jTrainerProviderTest {
  @Test
  void serviceLoaderFindsTheNd4jTrainer() {
    assertThat(ServiceLoader.load(TrainerProvider.class).stream().map(p -> p.get().id()))
        .contains("nd4j");
  }

  @Test
  void describesItsParameters() {
    Nd4jTrainerProvider p = new Nd4jTrainerProvider();
    assertThat(p.parameters()).extracting(d -> d.name()).containsExactly("threads", "clip-norm");
    assertThat(p.create(Parameters.empty()).toString())
        .isEqualTo("nd4j[threads=" + Nd4jTrainerProvider.defaultThreads() + ", clip-norm=0.0]");
  }

  @Test
  void badThreadsGiveAClearMessage() {
    assertThatThrownBy(() -> new Nd4jTrainerProvider().create(
        Parameters.of("cli", Map.of("threads", "0"))))
        .isInstanceOf(FracnetException.class)
        .hasMessage("parameter threads=0 of trainer nd4j is invalid: expected an integer from 1 to 256");
    assertThatThrownBy(() -> new Nd4jTrainerProvider().create(
        Parameters.of("cli", Map.of("threads", "two"))))
        .isInstanceOf(FracnetException.class)
        .hasMessage("parameter threads=two of trainer nd4j is invalid: expected an integer");
    assertThatThrownBy(() -> new Nd4jTrainerProvider().create(
        Parameters.of("cli", Map.of("clip-norm", "-1"))))
        .isInstanceOf(FracnetException.class)
        .hasMessageContaining("clip-norm=-1");
  }
}
