package org.fracnet.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParametersTest {
  private final Parameters p = Parameters.parse("loss x",
      List.of("a=1.5", "b=TRUE", "c=no", "d=1,2,3", "e=NaN", "f=7"));

  @Test
  void typedAccessorsParseOrFallBack() {
    assertThat(p.getDouble("a", 0)).isEqualTo(1.5);
    assertThat(p.getDouble("missing", 2)).isEqualTo(2);
    assertThat(p.getBoolean("b", false)).isTrue();
    assertThat(p.getBoolean("missing", true)).isTrue();
    assertThat(p.getDoubles("d")).containsExactly(1, 2, 3);
    assertThat(p.getInts("d")).containsExactly(1, 2, 3);
    assertThat(p.getInt("f", 0)).isEqualTo(7);
  }

  @Test
  void badValuesNameKeyValueAndExpectation() {
    assertThatThrownBy(() -> p.getBoolean("c", false))
        .hasMessage("parameter c=no of loss x is invalid: expected true or false");
    assertThatThrownBy(() -> p.getDouble("e", 0))
        .hasMessage("parameter e=NaN of loss x is invalid: expected a finite number");
    assertThatThrownBy(() -> Parameters.parse("loss x", List.of("novalue")))
        .hasMessage("parameter 'novalue' of loss x is not of the form key=value");
    assertThatThrownBy(() -> Parameters.parse("loss x", List.of("a=1", "a=2")))
        .hasMessage("parameter 'a' of loss x is given twice");
  }

  @Test
  void anUnknownNameATypoAwayFromOneAcceptedNameSuggestsIt() {
    List<ParameterDescriptor> accepted = List.of(new ParameterDescriptor("temperature", "a number > 0", "1"),
        new ParameterDescriptor("class-weights", "K numbers", "none"));
    assertThatThrownBy(() -> Parameters.parse("loss t", List.of("temprature=2", "gamma=1")).requireKnown(accepted))
        .hasMessage("loss t has no parameter temprature (did you mean temperature?), gamma; accepted: class-weights,"
            + " temperature");
    List<ParameterDescriptor> twoNear = List.of(new ParameterDescriptor("ab", "", "1"),
        new ParameterDescriptor("ac", "", "1"));
    assertThatThrownBy(() -> Parameters.parse("loss t", List.of("a=1")).requireKnown(twoNear))
        .as("two names as near: no guess").hasMessage("loss t has no parameter a; accepted: ab, ac");
  }
}
