package org.fracnet.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The version comes from the build, not from a string written into the code. */
class FracnetVersionTest {
  @Test
  void theVersionIsTheOneMavenBuilt() {
    // "development" (no version.properties, or one Maven did not filter) fails this
    assertThat(Fracnet.version()).matches("[0-9]+\\.[0-9]+\\.[0-9]+(-SNAPSHOT)?");
  }
}
