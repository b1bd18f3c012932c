package org.fracnet.losses.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.fracnet.core.FracnetException;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassWeightsTest {
  /** Two rows: class means 0.6, 0.3, 0.1; variances 0.01, 0.01, 0.0 (class 2 constant). */
  private static final TargetStatistics STATS =
      TargetStatistics.of(2, 3, new double[] {0.7, 0.2, 0.1, 0.5, 0.4, 0.1}, null, false);

  private static double[] resolve(String value, TargetStatistics stats) {
    return ClassWeights.resolve(Parameters.parse("x", List.of("class-weights=" + value)), "class-weights", null, stats);
  }

  @Test
  void explicitWeightsAreUsedExactlyAsGiven() {
    assertThat(resolve("3, 0.5,1", STATS)).containsExactly(3, 0.5, 1);
  }

  @Test
  void inverseMeanIsNormalisedToMeanOne() {
    double[] c = resolve("inverse-mean", STATS);
    double norm = 1 / 0.6 + 1 / 0.3 + 1 / 0.1;
    assertThat(c[0]).isCloseTo(3 / 0.6 / norm, within(1e-12));
    assertThat(c[2]).isCloseTo(3 / 0.1 / norm, within(1e-12));
    assertThat(c[0] + c[1] + c[2]).isCloseTo(3, within(1e-12));
  }

  @Test
  void inverseSqrtMeanIsNormalisedToMeanOne() {
    double[] c = resolve("inverse-sqrt-mean", STATS);
    double norm = 1 / Math.sqrt(0.6) + 1 / Math.sqrt(0.3) + 1 / Math.sqrt(0.1);
    assertThat(c[1]).isCloseTo(3 / Math.sqrt(0.3) / norm, within(1e-12));
  }

  @Test
  void inverseVarianceOfAConstantClassFailsNamingTheClassAndTheFix() {
    assertThatThrownBy(() -> resolve("inverse-variance", STATS))
        .isInstanceOf(FracnetException.class)
        .hasMessageContaining("class-weights=inverse-variance")
        .hasMessageContaining("class 2 has training variance 0.0")
        .hasMessageContaining("class-weights=1,1,1");
  }

  @Test
  void absentParameterGivesTheFallback() {
    Parameters none = Parameters.empty();
    assertThat(ClassWeights.resolve(none, "class-weights", null, STATS)).containsExactly(1, 1, 1);
    assertThat(ClassWeights.resolve(none, "class-weights", "inverse-mean", STATS))
        .containsExactly(resolve("inverse-mean", STATS));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1,2", "1,2,3,4", "1,0,1", "1,-2,1", "1,x,1", "1,NaN,1", "inverse-median"})
  void invalidWeightsAreRejectedNamingKeyValueAndRange(String value) {
    assertThatThrownBy(() -> resolve(value, STATS))
        .isInstanceOf(FracnetException.class)
        .hasMessageContaining("class-weights=" + value)
        .hasMessageContaining("3 comma-separated numbers > 0");
  }

  @Test
  void formattedWeightsParseBackToTheIdenticalDoubles() {
    double[] c = resolve("inverse-mean", STATS);
    assertThat(resolve(ClassWeights.format(c), TargetStatistics.uniform(3))).containsExactly(c);
  }
}
