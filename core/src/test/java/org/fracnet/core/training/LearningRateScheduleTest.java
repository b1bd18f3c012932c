package org.fracnet.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
  @Test
  void constantKeepsTheBaseRate() {
    assertThat(LearningRateSchedule.CONSTANT.rate(0.01, 7, 3, 10, 20)).isEqualTo(0.01);
  }

  @Test
  void stepDecaysByGammaEveryStepEpochs() {
    LearningRateSchedule s = LearningRateSchedule.of("step", 3, 0.5);
    assertThat(s.rate(1, 0, 0, 10, 9)).isEqualTo(1);
    assertThat(s.rate(1, 2, 9, 10, 9)).isEqualTo(1);
    assertThat(s.rate(1, 3, 0, 10, 9)).isEqualTo(0.5);
    assertThat(s.rate(1, 8, 0, 10, 9)).isEqualTo(0.25);
  }

  @Test
  void cosineAnnealsPerStepFromBaseToZero() {
    LearningRateSchedule s = LearningRateSchedule.of("cosine", 10, 0.1);
    assertThat(s.rate(2, 0, 0, 4, 10)).isEqualTo(2);
    assertThat(s.rate(2, 5, 0, 4, 10)).isCloseTo(1, within(1e-12));
    assertThat(s.rate(2, 2, 2, 4, 10)).isCloseTo(1 + Math.cos(Math.PI * 0.25), within(1e-12));
    assertThat(s.rate(2, 9, 3, 4, 10)).isGreaterThan(0).isLessThan(0.01);
  }

  @Test
  void badSettingsAreNamed() {
    assertThatThrownBy(() -> LearningRateSchedule.of("linear", 10, 0.1))
        .isInstanceOf(org.fracnet.core.SettingsException.class)
        .hasMessage("schedule(linear) is not known; use constant, step or cosine");
    assertThatThrownBy(() -> LearningRateSchedule.of("step", 0, 0.1)).hasMessageContaining("lrStepEpochs(0)");
    assertThatThrownBy(() -> LearningRateSchedule.of("step", 2, Double.NaN)).hasMessageContaining("lrGamma(NaN)");
  }
}
