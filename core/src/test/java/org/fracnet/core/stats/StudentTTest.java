package org.fracnet.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Known answers from mpmath 1.3.0 at 50 digits: P(|T| &gt;= t) = {@code betainc(df/2, 1/2, 0, df /
 * (df + t^2), regularized=True)}, critical values by {@code findroot} on it, ln B by {@code
 * log(beta(a, b))}. (SciPy 1.17.1's {@code t.sf} agrees to 7e-15; its {@code betaln(0.5, 5e5)} is
 * off by 2e-10.)
 */
class StudentTTest {
  private static final double LN_BETA_99_5 = -1.7264576030376242197;
  private static final double LN_BETA_5E5 = -5.9888164957774643103;

  /** {df, t, two-sided p}. */
  private static final double[][] TAILS = {
    {1, 0.1, 0.93654896513889286}, {1, 1.0, 0.5}, {1, 2.0, 0.29516723530086655},
    {1, 3.5, 0.1771710655658095}, {1, 8.0, 0.079166848321131084},
    {2, 0.1, 0.92946543841414017}, {2, 1.0, 0.42264973081037424}, {2, 2.0, 0.18350341907227397},
    {2, 3.5, 0.072827350054469335}, {2, 8.0, 0.015268072165338138},
    {4, 0.1, 0.92515584093945329}, {4, 1.0, 0.37390096630005889}, {4, 2.0, 0.11611652351681559},
    {4, 3.5, 0.024896163460222752}, {4, 8.0, 0.0013238969092171679},
    {9, 0.1, 0.92253644795668121}, {9, 1.0, 0.34343639613791351}, {9, 2.0, 0.076552823770701041},
    {9, 3.5, 0.0067235157630589563}, {9, 8.0, 2.2134816809400154e-5},
    {30, 0.1, 0.92100961179027116}, {30, 1.0, 0.32530861542602989}, {30, 2.0, 0.054625044962983104},
    {30, 3.5, 0.0014768074376442531}, {30, 8.0, 6.2658224757007589e-9},
    {99, 0.1, 0.92054655073758229}, {99, 1.0, 0.3197484741393014}, {99, 2.0, 0.048239693372632923},
    {99, 3.5, 0.00069906464836879448}, {99, 8.0, 2.4003038210568683e-12},
    {999, 0.1, 0.92036438908471127}, {999, 1.0, 0.31755266017641238}, {999, 2.0, 0.045770616973757003},
    {999, 3.5, 0.00048579516497529726}, {999, 8.0, 3.4299982577635958e-15},
    {1e4, 0.1, 0.9203463300310749}, {1e4, 1.0, 0.31733470433042912}, {1e4, 2.0, 0.045527260661435443},
    {1e4, 3.5, 0.000467284491866924}, {1e4, 8.0, 1.3821208729065382e-15},
    {1e5, 0.1, 0.92034452590672622}, {1e5, 1.0, 0.31731292756411002}, {1e5, 2.0, 0.045502963457506463},
    {1e5, 3.5, 0.00046546053937110024}, {1e5, 8.0, 1.2573919876256374e-15},
    {1e6, 0.1, 0.92034434549204316}, {1e6, 1.0, 0.31731074983357813}, {1e6, 2.0, 0.045500533851319208},
    {1e6, 3.5, 0.00046527839368103497}, {1e6, 8.0, 1.245506343320252e-15},
  };

  /** {df, level, critical value}. */
  private static final double[][] CRITICAL = {
    {1, 0.95, 12.706204736174705}, {1, 0.99, 63.656741162871581}, {2, 0.95, 4.3026527297494639},
    {2, 0.99, 9.9248432009182931}, {4, 0.95, 2.7764451051977944}, {4, 0.99, 4.6040948713499932},
    {9, 0.95, 2.2621571627982055}, {9, 0.99, 3.2498355415921263}, {30, 0.95, 2.0422724563012383},
    {30, 0.99, 2.7499956535672253}, {999, 0.95, 1.96234146113345}, {999, 0.99, 2.5807596372676368},
    {1e6, 0.95, 1.959966356814107}, {1e6, 0.99, 2.5758342201053342},
  };

  @Test
  void twoSidedTailMatchesMpmathToTenDigits() {
    for (double[] c : TAILS) {
      double p = StudentT.twoSidedP(c[1], c[0]);
      assertThat(p).as("df %s, t %s", c[0], c[1]).isCloseTo(c[2], within(1e-10 * c[2]));
      assertThat(StudentT.twoSidedP(-c[1], c[0])).isEqualTo(p);
    }
    assertThat(StudentT.twoSidedP(0, 5)).isEqualTo(1);
    assertThat(StudentT.twoSidedP(Double.POSITIVE_INFINITY, 5)).isZero();
    assertThat(StudentT.twoSidedP(Double.NaN, 5)).isNaN();
    assertThat(StudentT.twoSidedP(2, 0)).isNaN();
  }

  @Test
  void criticalValueMatchesMpmathAndInvertsTheTail() {
    for (double[] c : CRITICAL) {
      double t = StudentT.criticalValue(c[1], c[0]);
      assertThat(t).as("df %s, level %s", c[0], c[1]).isCloseTo(c[2], within(1e-10 * c[2]));
      assertThat(StudentT.twoSidedP(t, c[0])).isCloseTo(1 - c[1], within(1e-11));
    }
  }

  @Test
  void lnGammaKnownValues() {
    assertThat(StudentT.lnGamma(1)).isCloseTo(0, within(1e-15));
    assertThat(StudentT.lnGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-15));
    assertThat(StudentT.lnGamma(11)).isCloseTo(Math.log(3628800), within(1e-13));
    assertThat(StudentT.lnGamma(0.1)).isCloseTo(2.2527126517342055, within(1e-14));
    // Both branches of lnBeta.
    assertThat(StudentT.lnBeta(99.5, 0.5)).isCloseTo(LN_BETA_99_5, within(1e-13));
    assertThat(StudentT.lnBeta(0.5, 5e5)).isCloseTo(LN_BETA_5E5, within(1e-13));
  }
}
