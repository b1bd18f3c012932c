package org.fracnet.losses.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LossContractTestTest {
  @Test
  void everyCheckOfTheKitHasATestMethodNamedAfterIt() {
    assertThat(Arrays.stream(LossContractTest.class.getDeclaredMethods())
        .filter(m -> m.isAnnotationPresent(Test.class))
        .map(Method::getName)
        .map(name -> name.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT)))
        .as("test methods of LossContractTest, as check names")
        .containsExactlyInAnyOrderElementsOf(LossContract.CHECKS);
  }
}
