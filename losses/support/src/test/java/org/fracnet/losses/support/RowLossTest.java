package org.fracnet.losses.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fracnet.core.spi.Parameters;
import org.junit.jupiter.api.Test;

class RowLossTest {
  private final RowLoss mse = new SoftmaxSquaredError("mse", 2, null, Parameters.empty());

  @Test
  void valueIsTheWeightedMeanOfRowLosses() {
    double[] z = {0, 0, 0, Math.log(3)};
    double[] p = {1, 0, 0.25, 0.75};
    // row 0: q = (1/2, 1/2): ((1/2)^2 + (1/2)^2) / 2 = 1/4; row 1: q = (1/4, 3/4): 0
    assertThat(mse.value(2, z, p, new double[] {1, 3})).isEqualTo(0.25 / 4);
  }

  @Test
  void minusInfinityMakesTheValueNaNAlthoughTheSoftmaxIsFinite() {
    assertThat(mse.value(1, new double[] {0, Double.NEGATIVE_INFINITY}, new double[] {1, 0}, null)).isNaN();
  }

  @Test
  void emptyBatchAndShortPredictionBufferAreIllegalArguments() {
    assertThatThrownBy(() -> mse.value(0, new double[0], new double[0], null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n = 0");
    assertThatThrownBy(() -> mse.predict(2, new double[4], new double[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("fractions has 3 values; the batch needs 4");
  }
}
