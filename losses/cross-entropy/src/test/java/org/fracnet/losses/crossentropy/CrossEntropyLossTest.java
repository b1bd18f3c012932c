package org.fracnet.losses.crossentropy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.fracnet.core.FracnetException;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parameters, de-biasing, propriety reports and stability of {@code cross-entropy}. */
class CrossEntropyLossTest {
  private static final TargetStatistics STATS =
      TargetStatistics.of(2, 3, new double[] {0.7, 0.2, 0.1, 0.5, 0.4, 0.1}, null, false);

  private static LossFunction create(TargetStatistics stats, String... params) {
    return new CrossEntropyProvider().create(Parameters.parse("cross-entropy", List.of(params)), stats);
  }

  @Test
  void computedWeightsAreWrittenToTheResolvedParametersAndRecreateTheLoss() {
    LossFunction loss = create(STATS, "class-weights=inverse-mean");
    String weights = loss.resolvedParameters().getString("class-weights", "");
    assertThat(weights.split(",")).hasSize(3);
    assertThat(loss.resolvedParameters().asMap()).containsEntry("debias", "true").containsEntry("label-smoothing", "0.0");
    LossFunction again = new CrossEntropyProvider().create(loss.resolvedParameters(), TargetStatistics.uniform(3));
    double[] z = {0.3, -1, 2};
    double[] p = {0.2, 0.3, 0.5};
    assertThat(again.value(1, z, p, null)).isEqualTo(loss.value(1, z, p, null));
  }

  @Test
  void equalWeightsNeedNoDebiasingAndStayProper() {
    LossFunction loss = create(STATS, "class-weights=2,2,2");
    assertThat(loss.resolvedParameters().getString("debias", "")).isEqualTo("false");
    assertThat(loss.isProper()).isTrue();
  }

  @Test
  void weightsWithoutDebiasingAreReportedImproperWithTheReason() {
    LossFunction loss = create(STATS, "class-weights=3,1,1", "debias=false");
    assertThat(loss.isProper()).isFalse();
    assertThat(loss.toString()).contains("improper").contains("q proportional to c * p");
    assertThat(create(STATS, "class-weights=3,1,1").isProper()).isTrue();
  }

  @Test
  void labelSmoothingIsReportedImproperWithTheReason() {
    LossFunction loss = create(STATS, "label-smoothing=0.1");
    assertThat(loss.isProper()).isFalse();
    assertThat(loss.toString()).contains("(1 - eps) p + eps / K");
  }

  @Test
  void labelSmoothingMixesTheTargetWithUniform() {
    LossFunction smoothed = create(STATS, "label-smoothing=0.3");
    LossFunction plain = create(STATS);
    double[] z = {0.3, -1, 2};
    double[] p = {1, 0, 0};
    double[] mixed = {0.7 + 0.1, 0.1, 0.1};
    assertThat(smoothed.value(1, z, p, null)).isCloseTo(plain.value(1, z, mixed, null), within(1e-15));
  }

  @Test
  void extremeLogitsGiveExactValuesWithoutOverflow() {
    LossFunction loss = create(STATS);
    double[] z = {1000, 0, -1000};
    assertThat(loss.value(1, z, new double[] {1, 0, 0}, null)).isEqualTo(0);
    assertThat(loss.value(1, z, new double[] {0, 1, 0}, null)).isEqualTo(1000);
    double[] grad = new double[3];
    loss.valueAndGradient(1, z, new double[] {0, 0, 1}, null, grad);
    assertThat(grad).containsExactly(1, 0, -1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
    "label-smoothing=1; label-smoothing=1; [0.0, 1.0)",
    "label-smoothing=-0.1; label-smoothing=-0.1; [0.0, 1.0)",
    "label-smoothing=NaN; label-smoothing=NaN; a finite number",
    "debias=yes; debias=yes; true or false",
    "class-weights=1,2; class-weights=1,2; 3 comma-separated numbers > 0",
    "weights=1,1,1; no parameter weights; accepted: class-weights, debias, label-smoothing",
  })
  void invalidParametersAreRejectedNamingKeyValueAndRange(String setting, String named, String accepted) {
    assertThatThrownBy(() -> create(STATS, setting))
        .isInstanceOf(FracnetException.class)
        .hasMessageContaining("cross-entropy")
        .hasMessageContaining(named)
        .hasMessageContaining(accepted);
  }
}
