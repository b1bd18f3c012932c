package org.fracnet.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HolmTest {
  /**
   * By hand, m = 4: sorted p are 0.005, 0.01, 0.03, 0.04; times 4, 3, 2, 1 they are 0.02, 0.03,
   * 0.06, 0.04, and the running maximum makes the last 0.06. R's {@code p.adjust(c(0.01, 0.04,
   * 0.03, 0.005), "holm")} gives the same: 0.03 0.06 0.06 0.02.
   */
  @Test
  void handComputedExample() {
    double[] adjusted = Holm.adjust(0.01, 0.04, 0.03, 0.005);
    assertThat(adjusted).containsExactly(new double[] {0.03, 0.06, 0.06, 0.02}, within(1e-15));
  }

  /** Large p-values cap at 1, ties get one value, NaN is left out of the family. */
  @Test
  void capsAtOneKeepsTiesAndSkipsNaN() {
    double[] adjusted = Holm.adjust(0.2, Double.NaN, 0.6, 0.2, 0.001);
    // m = 4 (NaN left out): 0.001 * 4, then 0.2 * 3 = 0.6 for both tied values, then min(1, 0.6 * 1) -> 0.6.
    assertThat(adjusted[0]).isCloseTo(0.6, within(1e-15));
    assertThat(adjusted[1]).isNaN();
    assertThat(adjusted[2]).isCloseTo(0.6, within(1e-15));
    assertThat(adjusted[3]).isCloseTo(0.6, within(1e-15));
    assertThat(adjusted[4]).isCloseTo(0.004, within(1e-15));
    assertThat(Holm.adjust(0.5, 0.9)).containsExactly(1.0, 1.0);
    assertThat(Holm.adjust()).isEmpty();
    assertThatThrownBy(() -> Holm.adjust(1.5)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Adjusted values never fall below the raw ones and keep their order. */
  @Test
  void adjustedValuesAreMonotoneInTheRawOnes() {
    double[] p = {0.04, 0.001, 0.3, 0.02, 0.0101, 0.01, 0.7, 0.049};
    double[] adjusted = Holm.adjust(p);
    for (int i = 0; i < p.length; i++) {
      assertThat(adjusted[i]).isGreaterThanOrEqualTo(p[i]);
      for (int j = 0; j < p.length; j++) {
        if (p[i] <= p[j]) {
          assertThat(adjusted[i]).isLessThanOrEqualTo(adjusted[j]);
        }
      }
    }
  }
}
