package org.fracnet.losses.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.fracnet.core.FracnetException;
import org.fracnet.core.spi.Parameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The kit passes a correct loss and fails each deliberately broken one in exactly the check that
 * concerns the defect (see {@link ToyLossProvider}).
 */
class LossContractCatchesBrokenLossesTest {
  private static Map<String, CheckResult> run(String... params) {
    return LossContract.forId("tck-toy", Parameters.parse("tck-toy", List.of(params)), 4).runAll().stream()
        .collect(Collectors.toMap(CheckResult::name, r -> r));
  }

  private static List<String> failed(Map<String, CheckResult> results) {
    return results.values().stream().filter(r -> !r.passed()).map(CheckResult::name).sorted().toList();
  }

  @Test
  void correctLossFoundThroughServiceLoaderPassesEveryCheck() {
    Map<String, CheckResult> results = run();
    assertThat(results.keySet()).containsExactlyInAnyOrderElementsOf(LossContract.CHECKS);
    assertThat(failed(results)).as(results.values().toString()).isEmpty();
  }

  @Test
  void correctlyReportedImproperLossPasses() {
    Map<String, CheckResult> results = run("weight-of-first=3");
    assertThat(failed(results)).isEmpty();
    assertThat(results.get("minimum-at-mean-target-iff-proper").detail()).startsWith("improper, as reported");
  }

  @ParameterizedTest(name = "{0} fails {1}")
  @CsvSource({
    "gradient-sign, gradient-matches-central-differences, central difference",
    "claims-proper-with-weights, minimum-at-mean-target-iff-proper, isProper() is true",
    "mutates-z, inputs-are-not-mutated, the loss modified z",
    "shared-scratch, thread-safe, a concurrent call gave a different result",
    "ignores-shapes, shape-mismatch-throws-illegal-argument, instead of IllegalArgumentException",
    "throws-on-nan, non-finite-z-gives-non-finite-value, threw java.lang.ArithmeticException",
    "unweighted-sum, value-is-the-weighted-mean-of-rows, differs from",
    "forgets-resolved-weight, resolved-parameters-recreate-the-loss, must include every data-dependent choice",
  })
  void defectFailsItsCheck(String defect, String check, String detail) {
    String[] params = defect.equals("claims-proper-with-weights")
        ? new String[] {"defect=" + defect, "weight-of-first=3"} : new String[] {"defect=" + defect};
    Map<String, CheckResult> results = run(params);
    assertThat(results.get(check).passed()).as(results.get(check).toString()).isFalse();
    assertThat(results.get(check).detail()).contains(detail);
  }

  @Test
  void unknownLossIdNamesTheIdsFound() {
    assertThatThrownBy(() -> LossContract.forId("no-such-loss", Parameters.empty(), 3))
        .isInstanceOf(FracnetException.class)
        .hasMessageContaining("there is no loss 'no-such-loss'")
        .hasMessageContaining("found: tck-toy");
  }

  @Test
  void unknownCheckNameIsAnIllegalArgument() {
    LossContract contract = LossContract.forId("tck-toy", Parameters.empty(), 3);
    assertThatThrownBy(() -> contract.run("no-such-check"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("describes-itself");
  }
}
