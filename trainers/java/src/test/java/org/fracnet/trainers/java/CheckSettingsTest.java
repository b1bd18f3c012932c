package org.fracnet.trainers.java;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.fracnet.core.Fracnet;
import org.fracnet.core.SettingsException;
import org.fracnet.core.training.TrainingConfig;
import org.junit.jupiter.api.Test;

/** {@link Fracnet#checkSettings} refuses, before any data is read, what training would refuse later. */
class CheckSettingsTest {
  private final Fracnet fracnet = Fracnet.discover();

  @Test
  void aMisspeltLossParameterFailsBeforeAnyDataIsRead() {
    TrainingConfig misspelt = TrainingConfig.builder().loss("cross-entropy", Map.of("label-smoothin", "0.1")).build();
    assertThatThrownBy(() -> fracnet.checkSettings(misspelt)).isInstanceOf(SettingsException.class)
        .hasMessageStartingWith("loss cross-entropy has no parameter label-smoothin (did you mean label-smoothing?); accepted: ")
        .hasMessageContaining("label-smoothing");
  }

  @Test
  void aLossParameterWhoseValueDependsOnTheTargetsPasses() {
    // three class weights fit data of three classes only: checked when training starts
    assertThatCode(() -> fracnet.checkSettings(TrainingConfig.builder()
        .loss("cross-entropy", Map.of("class-weights", "1,2,3")).build())).doesNotThrowAnyException();
  }

  @Test
  void anUnknownLossNamesTheInstalledOnes() {
    assertThatThrownBy(() -> fracnet.checkSettings(TrainingConfig.builder().loss("cross_entropy").build()))
        .isInstanceOf(SettingsException.class).hasMessageContaining("cross-entropy");
  }
}
