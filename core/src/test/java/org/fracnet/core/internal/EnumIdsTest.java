package org.fracnet.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.fracnet.core.data.InvalidRows;
import org.fracnet.core.data.TargetKind;
import org.fracnet.core.spi.Activation;
import org.junit.jupiter.api.Test;

class EnumIdsTest {
  @Test
  void everyConstantIsFoundByItsIdAndUnknownOrNullIdsFindNothing() {
    for (TargetKind t : TargetKind.values()) {
      assertThat(TargetKind.byId(t.id())).isSameAs(t);
    }
    for (InvalidRows r : InvalidRows.values()) {
      assertThat(InvalidRows.byId(r.id())).isSameAs(r);
    }
    for (Activation a : Activation.values()) {
      assertThat(Activation.byId(a.id())).isSameAs(a);
    }
    assertThat(TargetKind.byId("COUNTS")).isNull();
    assertThat(InvalidRows.byId(null)).isNull();
    assertThat(EnumIds.byId(Activation.class, Activation::id, "sigmoid")).isNull();
  }
}
