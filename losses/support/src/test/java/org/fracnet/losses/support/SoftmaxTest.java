package org.fracnet.losses.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SoftmaxTest {
  @Test
  void logSumExpOfHugeAndTinyOutputsNeitherOverflowsNorUnderflows() {
    double[] x = {1000, 1000 + Math.log(3), -1e300};
    assertThat(Softmax.logSumExp(x, 0, 3)).isCloseTo(1000 + Math.log(4), within(1e-12));
    double[] y = {-1000, -1000};
    assertThat(Softmax.logSumExp(y, 0, 2)).isCloseTo(-1000 + Math.log(2), within(1e-12));
  }

  @Test
  void softmaxOfASliceSumsToOneAndReturnsItsLogSumExp() {
    double[] x = {99, 1, 2, 3, 99};
    double[] out = new double[5];
    double lse = Softmax.softmax(x, 1, 3, out, 2);
    assertThat(out[2] + out[3] + out[4]).isCloseTo(1, within(1e-15));
    assertThat(out[4] / out[2]).isCloseTo(Math.exp(2), within(1e-12));
    assertThat(out[0]).isZero();
    assertThat(lse).isCloseTo(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)), within(1e-15));
  }

  @Test
  void shiftedSoftmaxDividesByTheExponentialOfTheShift() {
    double[] x = {0.5, -0.2, 1.1};
    double[] shift = {Math.log(2), 0, Math.log(0.5)};
    double[] out = new double[3];
    Softmax.shiftedSoftmax(x, 0, 3, shift, out, 0);
    double[] plain = new double[3];
    Softmax.softmax(x, 0, 3, plain, 0);
    double norm = plain[0] / 2 + plain[1] + plain[2] / 0.5;
    assertThat(out[0]).isCloseTo(plain[0] / 2 / norm, within(1e-15));
    assertThat(out[2]).isCloseTo(plain[2] / 0.5 / norm, within(1e-15));
  }

  @Test
  void nonFiniteInputsGiveNaNInsteadOfThrowing() {
    assertThat(Softmax.logSumExp(new double[] {1, Double.NaN}, 0, 2)).isNaN();
    assertThat(Softmax.logSumExp(new double[] {1, Double.POSITIVE_INFINITY}, 0, 2)).isNaN();
    assertThat(Softmax.logSumExp(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}, 0, 2))
        .isEqualTo(Double.NEGATIVE_INFINITY);
  }
}
