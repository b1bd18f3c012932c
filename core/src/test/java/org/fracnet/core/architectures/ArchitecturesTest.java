package org.fracnet.core.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Parameters;
import org.junit.jupiter.api.Test;

class ArchitecturesTest {
  @Test
  void mlpBuildsHiddenLayersAndAnAffineOutput() {
    NetworkSpec net = new MlpArchitecture().create(
        Parameters.parse("mlp", List.of("hidden=8,4", "activation=tanh")), 5, 3);
    assertThat(net.layers()).hasSize(3);
    assertThat(net.layers().get(0).activation()).isEqualTo(Activation.TANH);
    assertThat(net.layers().get(2).activation()).isEqualTo(Activation.IDENTITY);
    assertThat(net.parameterCount()).isEqualTo(5 * 8 + 8 + 8 * 4 + 4 + 4 * 3 + 3);
  }

  @Test
  void linearIsOneAffineLayer() {
    NetworkSpec net = new LinearArchitecture().create(Parameters.empty(), 4, 6);
    assertThat(net.layers()).hasSize(1);
    assertThat(net.outputs()).isEqualTo(6);
  }

  @Test
  void badParametersAreNamed() {
    MlpArchitecture mlp = new MlpArchitecture();
    assertThatThrownBy(() -> mlp.create(Parameters.parse("x", List.of("activation=sigmoid")), 2, 2))
        .hasMessage("parameter activation=sigmoid of architecture mlp is invalid: expected relu or tanh");
    assertThatThrownBy(() -> mlp.create(Parameters.parse("x", List.of("hidden=0")), 2, 2))
        .hasMessageContaining("hidden=0");
    assertThatThrownBy(() -> mlp.create(Parameters.parse("x", List.of("hidden=60000,60000")), 2, 2))
        .hasMessageContaining("a network of fewer than");
    assertThatThrownBy(() -> mlp.create(Parameters.parse("x", List.of("depth=3")), 2, 2))
        .hasMessage("architecture mlp has no parameter depth; accepted: activation, dropout, hidden");
    assertThatThrownBy(() -> mlp.create(Parameters.parse("x", List.of("dropout=1")), 2, 2))
        .hasMessage("parameter dropout=1 of architecture mlp is invalid: expected a share from 0 to below 1, such as"
            + " 0.3");
    assertThat(mlp.create(Parameters.parse("x", List.of("dropout=0.25")), 2, 2).dropout()).isEqualTo(0.25);
    assertThat(mlp.create(Parameters.empty(), 2, 2).dropout()).isZero();
  }
}
