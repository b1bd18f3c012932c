package org.fracnet.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.fracnet.core.FracnetException;
import org.fracnet.core.spi.OptimizerProvider;
import org.fracnet.core.spi.ParameterDescriptor;
import org.fracnet.core.spi.Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptimizerProvidersTest {
  private static OptimizerProvider provider(String id) {
    return ServiceLoader.load(OptimizerProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void serviceLoaderFindsTheBuiltInOptimizers() {
    List<String> ids = ServiceLoader.load(OptimizerProvider.class).stream()
        .map(p -> p.get().id())
        .toList();
    assertThat(ids).contains("sgd", "adam", "adamw", "lbfgs");
  }

  @Test
  void everyProviderDescribesItselfAndItsParameters() {
    for (String id : List.of("sgd", "adam", "adamw")) {
      OptimizerProvider p = provider(id);
      assertThat(p.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
      assertThat(p.description()).isNotBlank().doesNotContain("\n");
      assertThat(p.parameters()).extracting(ParameterDescriptor::name).contains("weight-decay");
      assertThat(p.create(Parameters.empty(), 10).toString()).startsWith(id + "[")
          .contains("weight-decay=");
    }
  }

  @ParameterizedTest(name = "{0} {1}={2}")
  @CsvSource(delimiter = '|', value = {
      "adam  | beta1        | 1      | parameter beta1=1 of optimizer adam is invalid: expected a number in [0, 1)",
      "adam  | beta2        | -0.1   | parameter beta2=-0.1 of optimizer adam is invalid: expected a number in [0, 1)",
      "adam  | beta1        | NaN    | parameter beta1=NaN of optimizer adam is invalid: expected a finite number",
      "adam  | epsilon      | 0      | parameter epsilon=0 of optimizer adam is invalid: expected a number > 0",
      "adamw | weight-decay | -1     | parameter weight-decay=-1 of optimizer adamw is invalid: expected a number >= 0",
      "sgd   | momentum     | 1.5    | parameter momentum=1.5 of optimizer sgd is invalid: expected a number in [0, 1)",
      "sgd   | nesterov     | yes    | parameter nesterov=yes of optimizer sgd is invalid: expected true or false",
      "sgd   | weight-decay | abc    | parameter weight-decay=abc of optimizer sgd is invalid: expected a finite number",
  })
  void badParametersGiveAClearMessage(String id, String key, String value, String message) {
    assertThatThrownBy(() -> provider(id).create(Parameters.of("cli", Map.of(key, value)), 10))
        .isInstanceOf(FracnetException.class)
        .hasMessage(message);
  }

  @Test
  void nesterovWithoutMomentumIsRejectedWithTheFix() {
    assertThatThrownBy(() -> provider("sgd").create(
        Parameters.of("cli", Map.of("nesterov", "true")), 10))
        .isInstanceOf(FracnetException.class)
        .hasMessageContaining("nesterov=true")
        .hasMessageContaining("momentum=0.9");
  }

  @Test
  void unknownKeysAreRejected() {
    assertThatThrownBy(() -> provider("adam").create(
        Parameters.of("cli", Map.of("momentum", "0.9")), 10))
        .isInstanceOf(FracnetException.class)
        .hasMessageContaining("momentum")
        .hasMessageContaining("beta1");
  }
}
