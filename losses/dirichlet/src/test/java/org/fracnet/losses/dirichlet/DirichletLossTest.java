package org.fracnet.losses.dirichlet;

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
import org.junit.jupiter.params.provider.ValueSource;

/** Formulas, zero policies, extreme concentrations and parameter validation of {@code dirichlet}. */
class DirichletLossTest {
  private static final double[] P = {0.5, 0.25, 0.125, 0.0625, 0.04, 0.0225};
  private static final TargetStatistics NO_ZEROS = TargetStatistics.uniform(6);

  private static LossFunction create(TargetStatistics stats, String... params) {
    return new DirichletProvider().create(Parameters.parse("dirichlet", List.of(params)), stats);
  }

  private static double[] logOf(double logScale, double[] p, boolean precisionOutput) {
    double[] z = new double[p.length + (precisionOutput ? 1 : 0)];
    for (int j = 0; j < p.length; j++) {
      z[j] = (precisionOutput ? 0 : logScale) + Math.log(p[j]);
    }
    if (precisionOutput) {
      z[p.length] = logScale;
    }
    return z;
  }

  /**
   * Known answers: mpmath 1.3.0 at 40 digits, -log Dirichlet(P; A P), alpha = exp(z). A naive
   * lgamma(A) - sum lgamma(alpha_k) loses about 1e-3 of the value at A = 1e12 to cancellation.
   */
  @Test
  void hugeConcentrationKeepsTheValueToTwelveDigits() {
    LossFunction loss = create(NO_ZEROS, "zero-policy=none");
    double value = loss.value(1, logOf(Math.log(1e12), P, false), P, null);
    assertThat(value).isCloseTo(-71.455153923909511332, within(1e-12 * 71.5));
  }

  /**
   * mpmath as above at A = 1e6. The gradient's sensitivity to z grows like A (its entries hold
   * A q_k (log q_k - log p_k)), so rounding of z (4e-15 here) allows about A * 4e-15 = 4e-9; 1e-9
   * is asserted, which the implementation meets with room.
   */
  @Test
  void largeConcentrationKeepsTheGradientToNineDigits() {
    LossFunction loss = create(NO_ZEROS, "zero-policy=none");
    double[] grad = new double[6];
    double value = loss.valueAndGradient(1, logOf(Math.log(1e6), P, false), P, null, grad);
    assertThat(value).isCloseTo(-36.916369325303326372, within(1e-12 * 37));
    double[] expected = {-0.25000012499999999994, -0.37500031249999999947, -0.43750065624999999573,
        -0.46875132812499996587, -0.48000207999999986979, -0.48875370182870297211};
    for (int j = 0; j < 6; j++) {
      assertThat(grad[j]).as("grad[%d]", j).isCloseTo(expected[j], within(1e-9));
    }
  }

  @Test
  void tinyConcentrationKeepsValueAndGradientToTenDigits() {
    LossFunction loss = create(NO_ZEROS, "zero-policy=none");
    double[] grad = new double[6];
    double value = loss.valueAndGradient(1, logOf(Math.log(1e-12), P, false), P, null, grad);
    assertThat(value).isCloseTo(138.15510557964408153, within(1e-10 * 138.2));
    double[] expected = {-0.49999999999965342641, -0.74999999999965342641, -0.87499999999974006981,
        -0.9374999999998267132, -0.95999999999987124497, -0.9774999999999146296};
    for (int j = 0; j < 6; j++) {
      assertThat(grad[j]).as("grad[%d]", j).isCloseTo(expected[j], within(1e-10));
    }
  }

  @Test
  void meanPrecisionLinkGivesTheSameValueForTheSameConcentrations() {
    LossFunction exp = create(NO_ZEROS, "zero-policy=none");
    LossFunction mp = create(NO_ZEROS, "zero-policy=none", "link=mean-precision");
    assertThat(mp.outputs()).isEqualTo(7);
    for (double logA : new double[] {Math.log(1e-12), 0, Math.log(1e12)}) {
      double a = exp.value(1, logOf(logA, P, false), P, null);
      double b = mp.value(1, logOf(logA, P, true), P, null);
      assertThat(b).isCloseTo(a, within(1e-12 * Math.abs(a)));
    }
  }

  @Test
  void concentrationsBeyondUnderflowStayFinite() {
    LossFunction loss = create(NO_ZEROS, "zero-policy=none");
    double[] z = {-800, -760, -750, -900, -800, -1000};
    double[] grad = new double[6];
    double value = loss.valueAndGradient(1, z, P, null, grad);
    assertThat(value).isFinite();
    assertThat(java.util.Arrays.stream(grad).allMatch(Double::isFinite)).as("finite gradient").isTrue();
  }

  @Test
  void predictionsAreTheDirichletMean() {
    LossFunction loss = create(NO_ZEROS, "link=mean-precision");
    double[] pred = new double[6];
    loss.predict(1, logOf(3.0, P, true), pred);
    for (int j = 0; j < 6; j++) {
      assertThat(pred[j]).isCloseTo(P[j], within(1e-15));
    }
  }

  @Test
  void shrinkIsSmoothingWithOneOverKTimesNMinusOne() {
    // (p (N - 1) + 1/K) / N == (p + s) / (1 + K s) with s = 1 / (K (N - 1))
    double n = 101;
    LossFunction shrink = create(NO_ZEROS, "zero-policy=shrink", "shrink-n=" + n);
    LossFunction smooth = create(NO_ZEROS, "smoothing=" + (1 / (6 * (n - 1))));
    double[] p = {0.5, 0.5, 0, 0, 0, 0};
    double[] z = {0.3, -0.2, 1, 0, -1, 0.5};
    assertThat(shrink.value(1, z, p, null)).isCloseTo(smooth.value(1, z, p, null), within(1e-13));
    double[] explicit = new double[6];
    for (int j = 0; j < 6; j++) {
      explicit[j] = (p[j] * (n - 1) + 1.0 / 6) / n;
    }
    LossFunction none = create(NO_ZEROS, "zero-policy=none");
    assertThat(shrink.value(1, z, p, null)).isCloseTo(none.value(1, z, explicit, null), within(1e-13));
  }

  @Test
  void countsPolicyUsesTheRowWeightAsTheNumberOfUnits() {
    LossFunction counts = create(NO_ZEROS, "zero-policy=counts", "count-prior=0.5");
    LossFunction none = create(NO_ZEROS, "zero-policy=none");
    double[] p = {0.75, 0.25, 0, 0, 0, 0};
    double[] z = {0.3, -0.2, 1, 0, -1, 0.5};
    double units = 40;
    double[] expected = new double[6];
    for (int j = 0; j < 6; j++) {
      expected[j] = (p[j] * units + 0.5) / (units + 6 * 0.5);
    }
    assertThat(counts.value(1, z, p, new double[] {units})).isCloseTo(none.value(1, z, expected, null), within(1e-13));
  }

  @Test
  void zeroTargetsDefaultToSmoothingAndRecordIt() {
    double[] p = {0.5, 0.5, 0, 0, 0, 0, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6};
    LossFunction loss = create(TargetStatistics.of(2, 6, p, null, false));
    assertThat(loss.resolvedParameters().asMap())
        .containsEntry("zero-policy", "smoothing")
        .containsEntry("smoothing", Double.toString(DirichletProvider.DEFAULT_SMOOTHING));
    assertThat(create(NO_ZEROS).resolvedParameters().asMap()).containsEntry("zero-policy", "none");
  }

  @Test
  void zeroTargetWithoutZeroPolicyFailsNamingClassAndFix() {
    LossFunction loss = create(NO_ZEROS, "zero-policy=none");
    double[] p = {1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 0.5, 0.5, 0, 0, 0, 0};
    assertThatThrownBy(() -> loss.value(2, new double[12], p, null))
        .isInstanceOf(FracnetException.class)
        .hasMessageContaining("class number 3 (counting the target columns only) is 0")
        .hasMessageContaining("zero-policy=smoothing");
  }

  @ParameterizedTest
  @ValueSource(strings = {"smoothing=0", "smoothing=-1", "smoothing=NaN", "shrink-n=1", "count-prior=0",
      "link=identity", "zero-policy=drop"})
  void invalidSettingsAreRejectedNamingKeyAndValue(String setting) {
    String value = setting.substring(setting.indexOf('=') + 1);
    String key = setting.substring(0, setting.indexOf('='));
    String[] params = setting.startsWith("shrink-n") ? new String[] {"zero-policy=shrink", setting} : new String[] {setting};
    assertThatThrownBy(() -> create(NO_ZEROS, params))
        .isInstanceOf(FracnetException.class)
        .hasMessageContaining(key + "=" + value)
        .hasMessageContaining("expected");
  }

  @Test
  void settingOfAnotherPolicyIsRejected() {
    assertThatThrownBy(() -> create(NO_ZEROS, "zero-policy=counts", "smoothing=0.01"))
        .isInstanceOf(FracnetException.class)
        .hasMessageContaining("smoothing applies only to zero-policy=smoothing, not counts");
    assertThatThrownBy(() -> create(NO_ZEROS, "smoothing=0.01", "count-prior=1"))
        .isInstanceOf(FracnetException.class)
        .hasMessageContaining("settings of smoothing and counts");
  }

  @Test
  void shrinkWithoutSampleSizeSaysWhatIsMissing() {
    assertThatThrownBy(() -> create(NO_ZEROS, "zero-policy=shrink"))
        .isInstanceOf(FracnetException.class)
        .hasMessageContaining("shrink-n=N");
  }

  @Test
  void reportsItselfImproperForTheMeanAndSaysWhy() {
    LossFunction loss = create(NO_ZEROS);
    assertThat(loss.isProper()).isFalse();
    assertThat(loss.toString()).contains("dirichlet[link=exp, zero-policy=none]").contains("E[log p]");
  }
}
