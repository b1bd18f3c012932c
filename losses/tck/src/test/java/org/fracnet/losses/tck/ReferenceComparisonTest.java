package org.fracnet.losses.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.fracnet.core.FracnetException;
import org.junit.jupiter.api.Test;

/**
 * {@code toy-reference.json} holds three cases of {@link ToyLossProvider}'s loss computed by
 * independent Python code; the third case's value is deliberately off by one part in a million.
 */
class ReferenceComparisonTest {
  private static ReferenceComparison.Report compareToy(double tolerance) throws Exception {
    try (InputStream in = ReferenceComparisonTest.class.getResourceAsStream("toy-reference.json")) {
      return ReferenceComparison.compare(in, "toy-reference.json", tolerance, Map.of(),
          ReferenceComparisonTest.class.getClassLoader());
    }
  }

  @Test
  void matchingCasesPassAndTheOffCaseFailsOnItsValueOnly() throws Exception {
    ReferenceComparison.Report report = compareToy(1e-9);
    assertThat(report.cases()).hasSize(3);
    assertThat(report.cases().get(0).passed()).as(report.toString()).isTrue();
    assertThat(report.cases().get(1).passed()).as(report.toString()).isTrue();
    ReferenceComparison.CaseResult off = report.cases().get(2);
    assertThat(off.passed()).isFalse();
    assertThat(off.valueError()).isBetween(0.9e-6, 1.1e-6);
    assertThat(off.gradError()).isLessThan(1e-12);
    assertThat(report.passed()).isFalse();
    assertThat(report.toString()).contains("FAIL case 2 tck-toy");
  }

  @Test
  void looserToleranceAcceptsTheOffCase() throws Exception {
    assertThat(compareToy(1e-5).passed()).isTrue();
  }

  @Test
  void referenceParameterNamesAndListsBecomeFracnetParameters() throws Exception {
    var node = new ObjectMapper().readTree("{\"class_weights\": [3, 0.5], \"label_smoothing\": 0.1, \"link\": \"exp\"}");
    assertThat(ReferenceComparison.parameters("x", node, Map.of("debias", "false")).asMap())
        .containsExactly(Map.entry("class-weights", "3,0.5"), Map.entry("label-smoothing", "0.1"),
            Map.entry("link", "exp"), Map.entry("debias", "false"));
  }

  @Test
  void errorIsRelativeAboveTheFloorAndAbsoluteBelowIt() {
    assertThat(ReferenceComparison.error(1.000001, 1.0)).isCloseTo(1e-6, org.assertj.core.api.Assertions.within(1e-15));
    assertThat(ReferenceComparison.error(2e-12, 1e-12)).isCloseTo(1e-6, org.assertj.core.api.Assertions.within(1e-15));
    assertThat(ReferenceComparison.error(Double.NaN, 1.0)).isNaN();
  }

  @Test
  void fileWithoutCasesIsRejectedSayingWhatIsExpected() {
    InputStream in = new ByteArrayInputStream("{\"generator\": \"x\"}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> ReferenceComparison.compare(in, "bad.json", 1e-9, Map.of(), getClass().getClassLoader()))
        .isInstanceOf(FracnetException.class)
        .hasMessageContaining("bad.json has no \"cases\" array");
  }

  @Test
  void everyBundledReferenceFileIsPresent() {
    for (String id : new String[] {"cross-entropy", "mse", "weighted-mse", "dirichlet"}) {
      assertThat(ReferenceComparison.class.getClassLoader().getResource(ReferenceComparison.RESOURCE_DIRECTORY + id + ".json"))
          .as(id).isNotNull();
    }
  }
}
