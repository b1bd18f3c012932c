package org.fracnet.core.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The summary's numbers as a reader takes them. */
class SummaryTest {
  @Test
  void settingsReadAsWrittenByHand() {
    assertThat(Summary.plain(1e-4)).isEqualTo("0.0001");
    assertThat(Summary.plain(0.0)).isEqualTo("0");
    assertThat(Summary.plain(0.003)).isEqualTo("0.003");
    assertThat(Summary.plain(42)).isEqualTo("42");
  }

  @Test
  void aValueThatRoundsToZeroHasNoSign() {
    assertThat(Summary.signed("%+.5f", -0.000001)).isEqualTo("0.00000");
    assertThat(Summary.signed("%+.1f", -0.04)).isEqualTo("0.0");
    assertThat(Summary.signed("%+.1f", -0.0)).isEqualTo("0.0");
    assertThat(Summary.signed("%+.5f", -0.00066)).isEqualTo("-0.00066");
    assertThat(Summary.signed("%+.1f", 4.1)).isEqualTo("+4.1");
  }
}
